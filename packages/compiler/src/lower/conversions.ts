import { Op as W } from '@mewz/wasm';
import { FloatCond } from '../ir/ops.js';
import { type IrType, TrapCode } from '../ir/types.js';
import type { LowerContext } from './context.js';
import type { ControlStack } from './control.js';

interface Trunc {
  from: 'f32' | 'f64';
  to: 'i32' | 'i64';
  signed: boolean;
  /** The operand is in range iff lower (<, or ≤ when lowerInclusive) x < upper. */
  lower: number;
  lowerInclusive: boolean;
  upper: number;
}

/**
 * The trapping float→int conversions. A value converts iff its truncation fits the
 * target, i.e. lower < x < upper for the exact bounds below; where the bound itself is not
 * representable in the source type (-2^31 - 1 in f32, -2^63 - 1 in f32/f64) the test is
 * x ≥ -2^N instead, which is the same set of floats.
 */
const TRUNC = new Map<number, Trunc>([
  [W.I32TruncF32S, { from: 'f32', to: 'i32', signed: true, lower: -2147483648, lowerInclusive: true, upper: 2147483648 }],
  [W.I32TruncF64S, { from: 'f64', to: 'i32', signed: true, lower: -2147483649, lowerInclusive: false, upper: 2147483648 }],
  [W.I32TruncF32U, { from: 'f32', to: 'i32', signed: false, lower: -1, lowerInclusive: false, upper: 4294967296 }],
  [W.I32TruncF64U, { from: 'f64', to: 'i32', signed: false, lower: -1, lowerInclusive: false, upper: 4294967296 }],
  [W.I64TruncF32S, { from: 'f32', to: 'i64', signed: true, lower: -(2 ** 63), lowerInclusive: true, upper: 2 ** 63 }],
  [W.I64TruncF64S, { from: 'f64', to: 'i64', signed: true, lower: -(2 ** 63), lowerInclusive: true, upper: 2 ** 63 }],
  [W.I64TruncF32U, { from: 'f32', to: 'i64', signed: false, lower: -1, lowerInclusive: false, upper: 2 ** 64 }],
  [W.I64TruncF64U, { from: 'f64', to: 'i64', signed: false, lower: -1, lowerInclusive: false, upper: 2 ** 64 }],
]);

/** Raw bits of a float constant of the given type (every bound above is exact in both). */
export function floatBits(type: 'f32' | 'f64', x: number): bigint {
  if (type === 'f32') return BigInt(new Uint32Array(new Float32Array([x]).buffer)[0]);
  return new BigUint64Array(new Float64Array([x]).buffer)[0];
}

/** Lowers a trapping float→int conversion; returns false if `op` is not one. */
export function lowerTrunc(ctx: LowerContext, stack: ControlStack, op: number): boolean {
  const t = TRUNC.get(op);
  if (!t) return false;
  const x = stack.pop();
  const fconst = (v: number) => ctx.const(t.from, floatBits(t.from, v));
  const fcmp = (cond: FloatCond, a: number, b: number) => ctx.op('fcmp', 'i32', [a, b], cond);
  // NaN is the only value unequal to itself.
  ctx.trapIf(fcmp(FloatCond.ne, x, x), TrapCode.InvalidConversion);
  const aboveLower = fcmp(t.lowerInclusive ? FloatCond.ge : FloatCond.gt, x, fconst(t.lower));
  const belowUpper = fcmp(FloatCond.lt, x, fconst(t.upper));
  ctx.trapUnless(ctx.op('and', 'i32', [aboveLower, belowUpper]), TrapCode.IntegerOverflow);
  const to: IrType = t.to;
  stack.push(ctx.op(t.signed ? 'fcvt_to_s' : 'fcvt_to_u', to, [x]));
  return true;
}
