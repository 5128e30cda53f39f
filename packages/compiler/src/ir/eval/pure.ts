import type { Op } from '../ops.js';
import type { IrType } from '../types.js';
import {
  demote,
  f32Binary,
  f32Bits,
  f32Unary,
  f32Value,
  f64Binary,
  f64Bits,
  f64Unary,
  f64Value,
  fcmp,
  integerToF32,
  promote,
  truncSatToI32,
  truncSatToI64,
  truncToI32,
  truncToI64,
} from './float.js';
import { extendS, extendU, I32_BINARY, I32_UNARY, I64_BINARY, I64_UNARY, icmp32, icmp64, sext32, sext64, wrap } from './int.js';
import type { Slot } from './slot.js';

/**
 * The meaning of every pure operation that computes from its operands alone: one place
 * that both the interpreter and constant folding use, so they cannot disagree.
 *
 * `pureEvaluator` decides, once per instruction, which function computes the result from
 * the operand slots; calling it is then a single call. Operations the IR leaves undefined
 * for some operands (division by zero, unchecked conversions) throw UndefinedOperation.
 */
export type Eval1 = (a: Slot) => Slot;
export type Eval2 = (a: Slot, b: Slot) => Slot;
export type Eval3 = (a: Slot, b: Slot, c: Slot) => Slot;
export type PureEvaluator = { arity: 1; fn: Eval1 } | { arity: 2; fn: Eval2 } | { arity: 3; fn: Eval3 };

// The helpers are typed by representation (number or bigint); the operand types decided
// here guarantee the representation, which the Slot signatures cannot express.
const one = (fn: ((a: number) => Slot) | ((a: bigint) => Slot)): PureEvaluator => ({ arity: 1, fn: fn as Eval1 });
const two = (fn: ((a: number, b: number) => Slot) | ((a: bigint, b: bigint) => Slot)): PureEvaluator => ({ arity: 2, fn: fn as Eval2 });

/**
 * The evaluator of `op` with result type `type` on operands of `argTypes`, or a short
 * reason why there is none (an operation on types it does not take, or one that is not a
 * function of its operands: const, symbol_addr, memory, traps, calls).
 */
export function pureEvaluator(op: Op, type: IrType, argTypes: readonly IrType[], imm: number): PureEvaluator | string {
  const from = argTypes[0];
  switch (op) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'div_s':
    case 'div_u':
    case 'rem_s':
    case 'rem_u':
    case 'and':
    case 'or':
    case 'xor':
    case 'shl':
    case 'shr_s':
    case 'shr_u':
    case 'rotl':
    case 'rotr':
    case 'div':
    case 'min':
    case 'max':
    case 'copysign': {
      let f: ((a: number, b: number) => Slot) | ((a: bigint, b: bigint) => Slot) | undefined;
      if (type === 'i32') f = I32_BINARY[op];
      else if (type === 'i64') f = I64_BINARY[op];
      else if (type === 'f32') f = f32Binary(op);
      else if (type === 'f64') f = f64Binary(op);
      return f ? two(f) : `on ${type}`;
    }
    case 'clz':
    case 'ctz':
    case 'popcnt':
    case 'abs':
    case 'neg':
    case 'sqrt':
    case 'ceil':
    case 'floor':
    case 'trunc':
    case 'nearest': {
      let f: ((a: number) => Slot) | ((a: bigint) => Slot) | undefined;
      if (type === 'i32') f = I32_UNARY[op];
      else if (type === 'i64') f = I64_UNARY[op];
      else if (type === 'f32') f = f32Unary(op);
      else if (type === 'f64') f = f64Unary(op);
      return f ? one(f) : `on ${type}`;
    }
    case 'sext': {
      const bits = imm;
      if (bits !== 8 && bits !== 16 && bits !== 32) return `width ${bits}`;
      if (type === 'i32') return one((x: number) => sext32(x, bits));
      if (type === 'i64') return one((x: bigint) => sext64(x, bits));
      return `on ${type}`;
    }
    case 'icmp': {
      const cond = imm;
      if (from === 'i32') return two((x: number, y: number) => icmp32(cond, x, y));
      if (from === 'i64') return two((x: bigint, y: bigint) => icmp64(cond, x, y));
      return `on ${from}`;
    }
    case 'fcmp': {
      const cond = imm;
      if (from === 'f32') return two((x: number, y: number) => fcmp(cond, f32Value(x), f32Value(y)));
      if (from === 'f64') return two((x: bigint, y: bigint) => fcmp(cond, f64Value(x), f64Value(y)));
      return `on ${from}`;
    }
    case 'wrap':
      return from === 'i64' && type === 'i32' ? one(wrap) : `${from} to ${type}`;
    case 'extend_s':
      return from === 'i32' && type === 'i64' ? one(extendS) : `${from} to ${type}`;
    case 'extend_u':
      return from === 'i32' && type === 'i64' ? one(extendU) : `${from} to ${type}`;
    case 'fcvt_to_s':
    case 'fcvt_to_u':
    case 'fcvt_to_s_sat':
    case 'fcvt_to_u_sat': {
      const signed = op === 'fcvt_to_s' || op === 'fcvt_to_s_sat';
      const sat = op.endsWith('_sat');
      const toI32 = sat ? truncSatToI32 : truncToI32;
      const toI64 = sat ? truncSatToI64 : truncToI64;
      if (from === 'f32' && type === 'i32') return one((x: number) => toI32(f32Value(x), signed));
      if (from === 'f32' && type === 'i64') return one((x: number) => toI64(f32Value(x), signed));
      if (from === 'f64' && type === 'i32') return one((x: bigint) => toI32(f64Value(x), signed));
      if (from === 'f64' && type === 'i64') return one((x: bigint) => toI64(f64Value(x), signed));
      return `${from} to ${type}`;
    }
    case 'fcvt_from_s':
    case 'fcvt_from_u': {
      const signed = op === 'fcvt_from_s';
      if (from === 'i32') {
        const int = signed ? (x: number): number => x : (x: number): number => x >>> 0;
        if (type === 'f32') return one((x: number) => f32Bits(Math.fround(int(x))));
        if (type === 'f64') return one((x: number) => f64Bits(int(x)));
      } else if (from === 'i64') {
        const int = signed ? (x: bigint): bigint => BigInt.asIntN(64, x) : (x: bigint): bigint => x;
        // Number(bigint) rounds to nearest-even; f32 needs its own rounding (see integerToF32).
        if (type === 'f32') return one((x: bigint) => f32Bits(integerToF32(int(x))));
        if (type === 'f64') return one((x: bigint) => f64Bits(Number(int(x))));
      }
      return `${from} to ${type}`;
    }
    case 'demote':
      return from === 'f64' && type === 'f32' ? one(demote) : `${from} to ${type}`;
    case 'promote':
      return from === 'f32' && type === 'f64' ? one(promote) : `${from} to ${type}`;
    case 'bitcast':
      if (from === 'i32' && type === 'f32') return one((x: number) => x >>> 0);
      if (from === 'f32' && type === 'i32') return one((x: number) => x | 0);
      if ((from === 'i64' || from === 'f64') && (type === 'i64' || type === 'f64')) return one((x: bigint) => x);
      if (from === type) return one((x: Slot) => x);
      return `${from} to ${type}`;
    case 'select':
      return { arity: 3, fn: (c, a, b) => (c !== 0 ? a : b) };
    default:
      return `${op} is not computed from its operands alone`;
  }
}
