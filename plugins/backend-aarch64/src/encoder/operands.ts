/**
 * Operand checks and the field encodings every instruction class shares: register fields
 * (number 31 means sp or zr depending on the field), add/sub immediates, logical
 * (bitmask) immediates, FP 8-bit immediates, and memory operands.
 */
import { type FpReg, type Gpr, fpName, gprName, type Size } from '../registers.js';

/** An instruction the hardware cannot encode; thrown before any word is written. */
export class EncodingError extends Error {
  constructor(
    readonly mnemonic: string,
    reason: string,
  ) {
    super(`${mnemonic}: ${reason}`);
    this.name = 'EncodingError';
  }
}

export type Imm = number | bigint;

export const isGpr = (x: unknown): x is Gpr => typeof x === 'object' && x !== null && (x as Gpr).kind === 'gpr';
export const isFp = (x: unknown): x is FpReg => typeof x === 'object' && x !== null && (x as FpReg).kind === 'fp';
export const isImm = (x: unknown): x is Imm => typeof x === 'number' || typeof x === 'bigint';

/** What register number 31 may mean in a field. */
export type Field31 = 'sp' | 'zr';

/**
 * The 5-bit number of a GPR in a field where 31 means `allowed` (the other meaning of 31
 * is an error: `add x0, xzr, #1` does not exist, `orr sp, x0, x1` neither).
 */
export function r(mnemonic: string, reg: unknown, allowed: Field31, what = 'register'): number {
  if (!isGpr(reg)) throw new EncodingError(mnemonic, `${what} must be a general-purpose register, got ${operandName(reg)}`);
  if (reg.role !== 'reg' && reg.role !== allowed) throw new EncodingError(mnemonic, `${what} cannot be ${reg.role === 'sp' ? 'sp' : 'the zero register'} here`);
  return reg.enc;
}

export function v(mnemonic: string, reg: unknown, what = 'register'): number {
  if (!isFp(reg)) throw new EncodingError(mnemonic, `${what} must be an FP/SIMD register, got ${operandName(reg)}`);
  return reg.enc;
}

export function checkSize(mnemonic: string, size: unknown): asserts size is Size {
  if (size !== 32 && size !== 64) throw new EncodingError(mnemonic, `operand size must be 32 or 64, got ${String(size)}`);
}

/** An integer immediate as a bigint, rejecting non-integers. */
export function immValue(mnemonic: string, x: Imm): bigint {
  if (typeof x === 'number' && !Number.isSafeInteger(x)) throw new EncodingError(mnemonic, `immediate ${x} is not an integer`);
  return BigInt(x);
}

/** A signed field of `bits` bits holding `value / scale`; throws when it does not fit or is misaligned. */
export function signedField(mnemonic: string, value: number | bigint, bits: number, scale = 1, what = 'offset'): number {
  const n = BigInt(value);
  const s = BigInt(scale);
  if (n % s !== 0n) throw new EncodingError(mnemonic, `${what} ${n} is not a multiple of ${scale}`);
  const q = n / s;
  const lim = 1n << BigInt(bits - 1);
  if (q < -lim || q >= lim) throw new EncodingError(mnemonic, `${what} ${n} is out of range [${-lim * s}, ${(lim - 1n) * s}]`);
  return Number(BigInt.asUintN(bits, q));
}

export function unsignedField(mnemonic: string, value: number | bigint, bits: number, what = 'immediate', scale = 1): number {
  const n = BigInt(value);
  const s = BigInt(scale);
  if (n % s !== 0n) throw new EncodingError(mnemonic, `${what} ${n} is not a multiple of ${scale}`);
  const q = n / s;
  if (q < 0n || q >= 1n << BigInt(bits)) throw new EncodingError(mnemonic, `${what} ${n} is out of range [0, ${((1n << BigInt(bits)) - 1n) * s}]`);
  return Number(q);
}

/** An add/sub immediate: 12 bits, optionally shifted left by 12. */
export function addSubImm(value: bigint): { imm12: number; shift: 0 | 1 } | undefined {
  if (value >= 0n && value < 0x1000n) return { imm12: Number(value), shift: 0 };
  if (value >= 0n && value < 0x100_0000n && (value & 0xfffn) === 0n) return { imm12: Number(value >> 12n), shift: 1 };
  return undefined;
}

/**
 * The N:immr:imms encoding of a logical immediate: a pattern of 2, 4, …, 64 bits repeated
 * across the register, each a rotated run of ones (not all zeros or all ones). Undefined
 * when `value` (truncated to `size` bits) has no such form.
 */
export function logicalImm(value: bigint, size: Size): { n: number; immr: number; imms: number } | undefined {
  const v = BigInt.asUintN(size, value);
  const full = size === 64 ? (1n << 64n) - 1n : 0xffff_ffffn;
  if (v === 0n || v === full) return undefined;
  // The smallest element size whose repetition gives v.
  let e: number = size;
  while (e > 2) {
    const half = e / 2;
    const mask = (1n << BigInt(half)) - 1n;
    if ((v & mask) !== ((v >> BigInt(half)) & mask)) break;
    e = half;
  }
  const eb = BigInt(e);
  const emask = (1n << eb) - 1n;
  const elem = v & emask;
  let ones = 0;
  for (let i = 0n; i < eb; i++) if ((elem >> i) & 1n) ones++;
  const run = (1n << BigInt(ones)) - 1n;
  for (let rot = 0; rot < e; rot++) {
    // elem == run rotated right by rot (within e bits)
    const rb = BigInt(rot);
    const rotated = ((run >> rb) | (run << (eb - rb))) & emask;
    if (rotated === elem) {
      const imms = e === 64 ? ones - 1 : ((0b111111 << (Math.log2(e) + 1)) & 0x3f) | (ones - 1);
      return { n: e === 64 ? 1 : 0, immr: rot, imms };
    }
  }
  return undefined;
}

/** The 8-bit FMOV immediate of a float (by its bits), or undefined when it has none: ±(16…31)/16 × 2^(−3…4). */
export function fpImm8(bits: bigint, type: 'f32' | 'f64'): number | undefined {
  if (type === 'f32') {
    const b = Number(BigInt.asUintN(32, bits));
    if ((b & 0x7ffff) !== 0) return undefined;
    const bb = (b >>> 29) & 1;
    const rep = (b >>> 25) & 0x1f; // b repeated 5 times
    if (rep !== (bb ? 0x1f : 0)) return undefined;
    if (((b >>> 30) & 1) === bb) return undefined; // bit 30 is NOT(b)
    return ((b >>> 31) << 7) | (bb << 6) | ((b >>> 19) & 0x3f);
  }
  const b = BigInt.asUintN(64, bits);
  if ((b & 0xffff_ffff_ffffn) !== 0n) return undefined;
  const bb = Number((b >> 61n) & 1n);
  const rep = Number((b >> 54n) & 0xffn); // b repeated 8 times
  if (rep !== (bb ? 0xff : 0)) return undefined;
  if (Number((b >> 62n) & 1n) === bb) return undefined;
  return (Number(b >> 63n) << 7) | (bb << 6) | Number((b >> 48n) & 0x3fn);
}

/** Extension of an index register in a register-offset address. */
export type IndexExtend = 'lsl' | 'uxtw' | 'sxtw' | 'sxtx';

/**
 * A memory operand: [base, #offset] (scaled unsigned 12 bits, or unscaled signed 9 bits
 * when that is what fits), [base, index{, extend #shift}], or with writeback
 * ([base, #offset]! pre-index, [base], #offset post-index).
 */
export type Mem =
  | { readonly base: Gpr; readonly offset?: number; readonly index?: undefined; readonly mode?: 'offset' | 'pre' | 'post' }
  | { readonly base: Gpr; readonly index: Gpr; readonly extend?: IndexExtend; readonly shift?: boolean; readonly offset?: undefined; readonly mode?: undefined };

export const isMem = (x: unknown): x is Mem => typeof x === 'object' && x !== null && isGpr((x as Mem).base);

/** `[x1, #8]` style shorthand. */
export function mem(base: Gpr, offset = 0, mode: 'offset' | 'pre' | 'post' = 'offset'): Mem {
  return { base, offset, mode };
}

/** `[x1, x2, lsl #3]` / `[x1, w2, uxtw]` shorthand. */
export function memIndex(base: Gpr, index: Gpr, extend: IndexExtend = 'lsl', shift = false): Mem {
  return { base, index, extend, shift };
}

/** Text of an operand, for error messages. */
export function operandName(x: unknown): string {
  if (isGpr(x)) return gprName(x, 64);
  if (isFp(x)) return fpName(x, 64);
  if (isImm(x)) return `#${x}`;
  if (isMem(x)) return `[${gprName(x.base, 64)}${x.index ? `, ${gprName(x.index, 64)}` : x.offset ? `, #${x.offset}` : ''}]`;
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}
