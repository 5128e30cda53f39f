import { FloatCond } from '../ops.js';
import { UndefinedOperation } from './undefined-operation.js';

/**
 * Float operations on IEEE encodings (f32: unsigned 32-bit number, f64: unsigned 64-bit
 * bigint; see slot.ts). Arithmetic goes through JS doubles; sign operations work on the
 * bits so NaN payloads are kept exactly, and every NaN an arithmetic operation produces
 * is the positive canonical NaN (allowed by Wasm for canonical inputs, and quiet — hence
 * "arithmetic" — for the others).
 */

// Scratch views for reinterpreting bits. They hold no state between calls.
const scratch = new ArrayBuffer(8);
const F32 = new Float32Array(scratch, 0, 1);
const U32 = new Uint32Array(scratch, 0, 1);
const F64 = new Float64Array(scratch);
const U64 = new BigUint64Array(scratch);

export const CANONICAL_NAN32 = 0x7fc00000;
export const CANONICAL_NAN64 = 0x7ff8000000000000n;
const SIGN32 = 0x80000000;
const SIGN64 = 1n << 63n;
const MAG64 = SIGN64 - 1n;

export function f32Value(bits: number): number {
  U32[0] = bits;
  return F32[0];
}

/** The f32 encoding of `x`, rounded to nearest-even when `x` is not representable. */
export function f32Bits(x: number): number {
  if (x !== x) return CANONICAL_NAN32;
  F32[0] = x;
  return U32[0];
}

export function f64Value(bits: bigint): number {
  U64[0] = bits;
  return F64[0];
}

export function f64Bits(x: number): bigint {
  if (x !== x) return CANONICAL_NAN64;
  F64[0] = x;
  return U64[0];
}

/** Round half to even, keeping the sign of zero (Math.round rounds half up). */
export function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0 || Math.abs(x) >= 2 ** 52) return x;
  const f = Math.floor(x);
  const d = x - f; // exact below 2^52
  let r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  if (r === 0) r = x < 0 ? -0 : 0;
  return r;
}

const UNARY_MATH: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt,
  ceil: Math.ceil,
  floor: Math.floor,
  trunc: Math.trunc,
  nearest,
};

const BINARY_MATH: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  // Math.min/max already give NaN for any NaN operand and order -0 below +0.
  min: Math.min,
  max: Math.max,
};

export type F32Binary = (a: number, b: number) => number;
export type F64Binary = (a: bigint, b: bigint) => bigint;

export function f32Binary(op: string): F32Binary | undefined {
  if (op === 'copysign') return (a, b) => ((a & ~SIGN32) | (b & SIGN32)) >>> 0;
  const m = BINARY_MATH[op];
  // Rounding the exact double result of +,-,*,/ to f32 is correctly rounded (53 ≥ 2·24+2).
  return m && ((a, b) => f32Bits(Math.fround(m(f32Value(a), f32Value(b)))));
}

export function f64Binary(op: string): F64Binary | undefined {
  if (op === 'copysign') return (a, b) => (a & MAG64) | (b & SIGN64);
  const m = BINARY_MATH[op];
  return m && ((a, b) => f64Bits(m(f64Value(a), f64Value(b))));
}

export function f32Unary(op: string): ((a: number) => number) | undefined {
  if (op === 'neg') return (a) => (a ^ SIGN32) >>> 0;
  if (op === 'abs') return (a) => (a & ~SIGN32) >>> 0;
  const m = UNARY_MATH[op];
  return m && ((a) => f32Bits(Math.fround(m(f32Value(a)))));
}

export function f64Unary(op: string): ((a: bigint) => bigint) | undefined {
  if (op === 'neg') return (a) => a ^ SIGN64;
  if (op === 'abs') return (a) => a & MAG64;
  const m = UNARY_MATH[op];
  return m && ((a) => f64Bits(m(f64Value(a))));
}

export function fcmp(cond: number, a: number, b: number): number {
  switch (cond) {
    case FloatCond.eq:
      return a === b ? 1 : 0;
    case FloatCond.ne:
      return a !== b ? 1 : 0;
    case FloatCond.lt:
      return a < b ? 1 : 0;
    case FloatCond.gt:
      return a > b ? 1 : 0;
    case FloatCond.le:
      return a <= b ? 1 : 0;
    case FloatCond.ge:
      return a >= b ? 1 : 0;
    default:
      throw new UndefinedOperation(`fcmp with unknown condition ${cond}`);
  }
}

// ---- conversions ----

/** f32 → f64 is exact; a NaN becomes quiet with its payload kept (an arithmetic NaN). */
export function promote(a: number): bigint {
  if ((a & 0x7f800000) === 0x7f800000 && (a & 0x7fffff) !== 0) {
    const sign = BigInt(a >>> 31) << 63n;
    return sign | 0x7ff8000000000000n | (BigInt(a & 0x7fffff) << 29n);
  }
  return f64Bits(f32Value(a));
}

/** f64 → f32, rounded to nearest-even; a NaN becomes quiet with the top payload bits kept. */
export function demote(a: bigint): number {
  const x = f64Value(a);
  if (x !== x) return ((Number(a >> 32n) & SIGN32) | CANONICAL_NAN32 | Number((a >> 29n) & 0x7fffffn)) >>> 0;
  return f32Bits(x);
}

/**
 * The nearest f32 to an integer of any size. Rounding first to 53 bits "to odd" (sticky
 * bit in the last place) and then to 24 bits gives the correctly rounded result, which
 * rounding a 64-bit integer to a double and then to f32 would not.
 */
export function integerToF32(v: bigint): number {
  const neg = v < 0n;
  const n = neg ? -v : v;
  let r: number;
  if (n < 1n << 53n) {
    r = Math.fround(Number(n));
  } else {
    const shift = n.toString(2).length - 53;
    const s = BigInt(shift);
    let m = n >> s;
    if (m << s !== n) m |= 1n;
    r = Math.fround(Number(m) * 2 ** shift);
  }
  return neg ? -r : r;
}

const uncheckedConversion = (x: number, to: string): never => {
  throw new UndefinedOperation(`unchecked conversion of ${x} to ${to}: the lowering must range-check before fcvt_to`);
};

/** Truncation to an integer type; `x` must be in range (the lowering traps otherwise). */
export function truncToI32(x: number, signed: boolean): number {
  const t = Math.trunc(x);
  if (signed) {
    if (!(t >= -0x80000000 && t <= 0x7fffffff)) uncheckedConversion(x, 'i32');
    return t | 0;
  }
  if (!(t >= 0 && t <= 0xffffffff)) uncheckedConversion(x, 'u32');
  return t | 0;
}

export function truncToI64(x: number, signed: boolean): bigint {
  const t = Math.trunc(x);
  if (signed) {
    if (!(t >= -(2 ** 63) && t < 2 ** 63)) uncheckedConversion(x, 'i64');
  } else if (!(t >= 0 && t < 2 ** 64)) {
    uncheckedConversion(x, 'u64');
  }
  return BigInt.asUintN(64, BigInt(t));
}

/** Saturating truncation: NaN → 0, out-of-range → the nearest bound. */
export function truncSatToI32(x: number, signed: boolean): number {
  if (x !== x) return 0;
  const t = Math.trunc(x);
  if (signed) return t <= -0x80000000 ? -0x80000000 : t >= 0x7fffffff ? 0x7fffffff : t | 0;
  return t <= 0 ? 0 : t >= 0xffffffff ? -1 : t | 0;
}

export function truncSatToI64(x: number, signed: boolean): bigint {
  if (x !== x) return 0n;
  const t = Math.trunc(x);
  if (signed) {
    if (t <= -(2 ** 63)) return 1n << 63n;
    if (t >= 2 ** 63) return (1n << 63n) - 1n;
    return BigInt.asUintN(64, BigInt(t));
  }
  if (t <= 0) return 0n;
  if (t >= 2 ** 64) return (1n << 64n) - 1n;
  return BigInt(t);
}
