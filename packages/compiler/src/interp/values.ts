import type { IrType } from '../ir/types.js';
import type { ValType } from '@mewz/wasm';

/**
 * A value in a simulated register. The representation depends on the IR type, and keeps
 * every bit (floats are carried as their encodings, so NaN payloads survive moves, loads,
 * stores and reinterpretations exactly as on the machine):
 *
 *   i32   number, the signed 32-bit value (`x | 0`)
 *   i64   bigint, the unsigned 64-bit pattern (`BigInt.asUintN(64, x)`); pointers too
 *   f32   number, the unsigned 32-bit IEEE encoding (`x >>> 0`)
 *   f64   bigint, the unsigned 64-bit IEEE encoding
 *   v128  bigint, the unsigned 128-bit pattern
 */
export type Slot = number | bigint;

/** The slot of a constant whose raw bits are `bits` (either signedness accepted). */
export function constSlot(type: IrType, bits: bigint): Slot {
  switch (type) {
    case 'i32':
      return Number(BigInt.asIntN(32, bits));
    case 'f32':
      return Number(BigInt.asUintN(32, bits));
    case 'i64':
    case 'f64':
      return BigInt.asUintN(64, bits);
    case 'v128':
      return BigInt.asUintN(128, bits);
  }
}

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

/** Raw bits of a slot as an unsigned bigint of the type's width. */
export function slotBits(type: IrType, v: Slot): bigint {
  if (typeof v === 'bigint') return v;
  return type === 'i32' ? BigInt(v >>> 0) : BigInt(v);
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
