import type { IrType } from '../types.js';

/**
 * A value of the IR as the evaluator (the interpreter, constant folding) holds it. The
 * representation depends on the IR type, and keeps every bit (floats are carried as their
 * encodings, so NaN payloads survive moves, loads, stores and reinterpretations exactly as
 * on the machine):
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

/** Raw bits of a slot as an unsigned bigint of the type's width (the `bits` of a constant). */
export function slotBits(type: IrType, v: Slot): bigint {
  if (typeof v === 'bigint') return v;
  return type === 'i32' ? BigInt(v >>> 0) : BigInt(v);
}

/** The raw bits of a constant in one canonical form: unsigned, as wide as the type. */
export function canonicalBits(type: IrType, bits: bigint): bigint {
  return BigInt.asUintN(type === 'i32' || type === 'f32' ? 32 : type === 'v128' ? 128 : 64, bits);
}
