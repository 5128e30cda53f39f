import type { Slot } from '../ir/eval/slot.js';
import type { IrType } from '../ir/types.js';
import type { ValType } from '@mewz/wasm';

/** A value in a simulated register: the evaluator's representation (see ir/eval/slot.ts). */
export { type Slot, constSlot, slotBits } from '../ir/eval/slot.js';

/** Whether `v` has the representation of `type` (a cheap guard for host boundaries). */
export function slotFits(type: IrType, v: Slot): boolean {
  switch (type) {
    case 'i32':
      return typeof v === 'number' && (v | 0) === v;
    case 'f32':
      return typeof v === 'number' && v >>> 0 === v;
    case 'i64':
    case 'f64':
      return typeof v === 'bigint' && BigInt.asUintN(64, v) === v;
    case 'v128':
      return typeof v === 'bigint' && BigInt.asUintN(128, v) === v;
  }
}

/** A pointer slot (i64) as a JS number; addresses of the simulated machine stay below 2^53. */
export function addressOf(v: Slot): number {
  return Number(v);
}

export const pointer = (address: number): bigint => BigInt(address);

/** The IR type of a Wasm value type: references are native pointers. */
export function irTypeOf(t: ValType): IrType {
  return t === 'funcref' || t === 'externref' ? 'i64' : t;
}
