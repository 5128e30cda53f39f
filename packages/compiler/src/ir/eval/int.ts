import { IntCond } from '../ops.js';
import { UndefinedOperation } from './undefined-operation.js';

/**
 * Integer operations with exact Wasm semantics. i32 values are signed JS numbers, i64
 * values unsigned 64-bit bigints (see slot.ts). Division by zero and signed overflow of
 * div_s must have been ruled out by explicit traps before the (pure) operation, as the
 * machine instructions fault on them; reaching them here is a lowering bug.
 */

const unguarded = (what: string): never => {
  throw new UndefinedOperation(`${what} reached a pure division: the lowering must guard it with a trap first`);
};

const ctz32 = (a: number): number => (a === 0 ? 32 : 31 - Math.clz32(a & -a));

function popcnt32(a: number): number {
  let x = a - ((a >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export type I32Binary = (a: number, b: number) => number;
export type I64Binary = (a: bigint, b: bigint) => bigint;

export const I32_BINARY: Record<string, I32Binary> = {
  add: (a, b) => (a + b) | 0,
  sub: (a, b) => (a - b) | 0,
  mul: (a, b) => Math.imul(a, b),
  div_s: (a, b) => {
    if (b === 0) unguarded('i32 division by zero');
    if (a === -0x80000000 && b === -1) unguarded('i32 signed division overflow');
    return (a / b) | 0;
  },
  div_u: (a, b) => {
    if (b === 0) unguarded('i32 division by zero');
    return ((a >>> 0) / (b >>> 0)) | 0;
  },
  rem_s: (a, b) => {
    if (b === 0) unguarded('i32 remainder by zero');
    // JS % truncates like Wasm; MIN % -1 is -0 here, and | 0 makes it 0.
    return a % b | 0;
  },
  rem_u: (a, b) => {
    if (b === 0) unguarded('i32 remainder by zero');
    return (a >>> 0) % (b >>> 0) | 0;
  },
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  shl: (a, b) => a << (b & 31),
  shr_s: (a, b) => a >> (b & 31),
  shr_u: (a, b) => (a >>> (b & 31)) | 0,
  rotl: (a, b) => {
    const k = b & 31;
    return k === 0 ? a : (a << k) | (a >>> (32 - k));
  },
  rotr: (a, b) => {
    const k = b & 31;
    return k === 0 ? a : (a >>> k) | (a << (32 - k));
  },
};

export const I32_UNARY: Record<string, (a: number) => number> = {
  clz: (a) => Math.clz32(a),
  ctz: ctz32,
  popcnt: popcnt32,
};

const MIN64 = -(1n << 63n);
const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const hi = (a: bigint): number => Number(a >> 32n);
const lo = (a: bigint): number => Number(a & 0xffffffffn);

export const I64_BINARY: Record<string, I64Binary> = {
  add: (a, b) => u64(a + b),
  sub: (a, b) => u64(a - b),
  mul: (a, b) => u64(a * b),
  div_s: (a, b) => {
    if (b === 0n) unguarded('i64 division by zero');
    const x = s64(a);
    const y = s64(b);
    if (x === MIN64 && y === -1n) unguarded('i64 signed division overflow');
    return u64(x / y);
  },
  div_u: (a, b) => {
    if (b === 0n) unguarded('i64 division by zero');
    return a / b;
  },
  rem_s: (a, b) => {
    if (b === 0n) unguarded('i64 remainder by zero');
    return u64(s64(a) % s64(b));
  },
  rem_u: (a, b) => {
    if (b === 0n) unguarded('i64 remainder by zero');
    return a % b;
  },
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  shl: (a, b) => u64(a << (b & 63n)),
  shr_s: (a, b) => u64(s64(a) >> (b & 63n)),
  shr_u: (a, b) => a >> (b & 63n),
  rotl: (a, b) => {
    const k = b & 63n;
    return k === 0n ? a : u64((a << k) | (a >> (64n - k)));
  },
  rotr: (a, b) => {
    const k = b & 63n;
    return k === 0n ? a : u64((a >> k) | (a << (64n - k)));
  },
};

export const I64_UNARY: Record<string, (a: bigint) => bigint> = {
  clz: (a) => {
    const h = hi(a);
    return BigInt(h !== 0 ? Math.clz32(h) : 32 + Math.clz32(lo(a)));
  },
  ctz: (a) => {
    const l = lo(a);
    return BigInt(l !== 0 ? ctz32(l) : 32 + ctz32(hi(a)));
  },
  popcnt: (a) => BigInt(popcnt32(hi(a)) + popcnt32(lo(a))),
};

/** `sext` with `bits` of 8, 16 or 32. */
export function sext32(a: number, bits: number): number {
  if (bits === 32) return a;
  const s = 32 - bits;
  return (a << s) >> s;
}

export function sext64(a: bigint, bits: number): bigint {
  return u64(BigInt.asIntN(bits, a));
}

export function icmp32(cond: number, a: number, b: number): number {
  switch (cond) {
    case IntCond.eq:
      return a === b ? 1 : 0;
    case IntCond.ne:
      return a !== b ? 1 : 0;
    case IntCond.lt_s:
      return a < b ? 1 : 0;
    case IntCond.lt_u:
      return a >>> 0 < b >>> 0 ? 1 : 0;
    case IntCond.gt_s:
      return a > b ? 1 : 0;
    case IntCond.gt_u:
      return a >>> 0 > b >>> 0 ? 1 : 0;
    case IntCond.le_s:
      return a <= b ? 1 : 0;
    case IntCond.le_u:
      return a >>> 0 <= b >>> 0 ? 1 : 0;
    case IntCond.ge_s:
      return a >= b ? 1 : 0;
    case IntCond.ge_u:
      return a >>> 0 >= b >>> 0 ? 1 : 0;
    default:
      throw new UndefinedOperation(`icmp with unknown condition ${cond}`);
  }
}

export function icmp64(cond: number, a: bigint, b: bigint): number {
  switch (cond) {
    case IntCond.eq:
      return a === b ? 1 : 0;
    case IntCond.ne:
      return a !== b ? 1 : 0;
    case IntCond.lt_s:
      return s64(a) < s64(b) ? 1 : 0;
    case IntCond.lt_u:
      return a < b ? 1 : 0;
    case IntCond.gt_s:
      return s64(a) > s64(b) ? 1 : 0;
    case IntCond.gt_u:
      return a > b ? 1 : 0;
    case IntCond.le_s:
      return s64(a) <= s64(b) ? 1 : 0;
    case IntCond.le_u:
      return a <= b ? 1 : 0;
    case IntCond.ge_s:
      return s64(a) >= s64(b) ? 1 : 0;
    case IntCond.ge_u:
      return a >= b ? 1 : 0;
    default:
      throw new UndefinedOperation(`icmp with unknown condition ${cond}`);
  }
}

export const wrap = (a: bigint): number => Number(a & 0xffffffffn) | 0;
export const extendS = (a: number): bigint => u64(BigInt(a));
export const extendU = (a: number): bigint => BigInt(a >>> 0);
