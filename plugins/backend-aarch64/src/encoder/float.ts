/**
 * Scalar floating point (f32 in s registers, f64 in d registers): arithmetic, min/max,
 * one-source operations (abs, neg, sqrt, conversions between the two types, the frint
 * roundings), compares, fcsel, fmov (register, immediate, to and from GPRs), and the
 * conversions between floats and integers; plus cnt/addv, which popcount uses.
 */
import type { FpReg, Gpr, Size } from '../registers.js';
import { condCode, type Cond } from './conditions.js';
import { checkSize, EncodingError, r, unsignedField, v } from './operands.js';

export type FloatType = 'f32' | 'f64';
const ftype = (mnemonic: string, t: FloatType): number => {
  if (t !== 'f32' && t !== 'f64') throw new EncodingError(mnemonic, `float type must be f32 or f64, got ${String(t)}`);
  return t === 'f64' ? 1 : 0;
};
const BASE = 0x1e20_0000; // 0 0 0 11110 type(2) 1

export type FpBinOp = 'fmul' | 'fdiv' | 'fadd' | 'fsub' | 'fmax' | 'fmin' | 'fmaxnm' | 'fminnm' | 'fnmul';
export const fpBinOps: readonly FpBinOp[] = ['fmul', 'fdiv', 'fadd', 'fsub', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fnmul'];
const BIN: Record<FpBinOp, number> = { fmul: 0, fdiv: 1, fadd: 2, fsub: 3, fmax: 4, fmin: 5, fmaxnm: 6, fminnm: 7, fnmul: 8 };

export function fpBinary(op: FpBinOp, t: FloatType, rd: FpReg, rn: FpReg, rm: FpReg): number {
  return (BASE | (ftype(op, t) << 22) | (v(op, rm) << 16) | (BIN[op] << 12) | (0b10 << 10) | (v(op, rn) << 5) | v(op, rd)) >>> 0;
}

export type FpUnaryOp = 'fmov' | 'fabs' | 'fneg' | 'fsqrt' | 'frintn' | 'frintp' | 'frintm' | 'frintz' | 'frinta' | 'frintx' | 'frinti';
export const fpUnaryOps: readonly FpUnaryOp[] = ['fmov', 'fabs', 'fneg', 'fsqrt', 'frintn', 'frintp', 'frintm', 'frintz', 'frinta', 'frintx', 'frinti'];
const UN: Record<FpUnaryOp, number> = { fmov: 0, fabs: 1, fneg: 2, fsqrt: 3, frintn: 8, frintp: 9, frintm: 10, frintz: 11, frinta: 12, frintx: 14, frinti: 15 };

function oneSource(mnemonic: string, type: number, opcode: number, rd: FpReg, rn: FpReg): number {
  return (BASE | (type << 22) | (opcode << 15) | (0b10000 << 10) | (v(mnemonic, rn) << 5) | v(mnemonic, rd)) >>> 0;
}

export function fpUnary(op: FpUnaryOp, t: FloatType, rd: FpReg, rn: FpReg): number {
  return oneSource(op, ftype(op, t), UN[op], rd, rn);
}

/** fcvt between f32 and f64 (`to` is the destination type). */
export function fcvt(to: FloatType, from: FloatType, rd: FpReg, rn: FpReg): number {
  if (to === from) throw new EncodingError('fcvt', 'source and destination types are the same');
  return oneSource('fcvt', ftype('fcvt', from), 0b000100 | ftype('fcvt', to), rd, rn);
}

/** fcmp / fcmpe rn, rm — or against #0.0 when rm is 0. */
export function fcmp(t: FloatType, rn: FpReg, rm: FpReg | 0, signaling = false): number {
  const mnemonic = signaling ? 'fcmpe' : 'fcmp';
  const zero = rm === 0;
  const opc2 = (zero ? 0b01000 : 0) | (signaling ? 0b10000 : 0);
  return (BASE | (ftype(mnemonic, t) << 22) | ((zero ? 0 : v(mnemonic, rm)) << 16) | (0b1000 << 10) | (v(mnemonic, rn) << 5) | opc2) >>> 0;
}

export function fcsel(t: FloatType, rd: FpReg, rn: FpReg, rm: FpReg, cc: Cond): number {
  return (BASE | (ftype('fcsel', t) << 22) | (v('fcsel', rm) << 16) | (condCode('fcsel', cc) << 12) | (0b11 << 10) | (v('fcsel', rn) << 5) | v('fcsel', rd)) >>> 0;
}

/** fmov rd, #imm8 (the encoded 8-bit immediate, see fpImm8). */
export function fmovImm(t: FloatType, rd: FpReg, imm8: number): number {
  return (BASE | (ftype('fmov', t) << 22) | (unsignedField('fmov', imm8, 8) << 13) | (0b100 << 10) | v('fmov', rd)) >>> 0;
}

export type ConvertOp = 'fcvtzs' | 'fcvtzu' | 'scvtf' | 'ucvtf' | 'fcvtns' | 'fcvtms' | 'fcvtps';
export const convertOps: readonly ConvertOp[] = ['fcvtzs', 'fcvtzu', 'scvtf', 'ucvtf', 'fcvtns', 'fcvtms', 'fcvtps'];
const CONV: Record<ConvertOp, [rmode: number, opcode: number]> = {
  fcvtns: [0, 0],
  fcvtps: [1, 0],
  fcvtms: [2, 0],
  fcvtzs: [3, 0],
  fcvtzu: [3, 1],
  scvtf: [0, 2],
  ucvtf: [0, 3],
};

function convert(mnemonic: string, size: Size, type: number, rmode: number, opcode: number, rd: number, rn: number): number {
  checkSize(mnemonic, size);
  return (((size === 64 ? 1 : 0) << 31) | 0x1e20_0000 | (type << 22) | (rmode << 19) | (opcode << 16) | (rn << 5) | rd) >>> 0;
}

/**
 * Conversions between a `size`-bit integer register and a float: fcvt*s/u float → integer
 * (rd a GPR, rn an FP register; fcvtz* round toward zero and saturate), scvtf/ucvtf integer → float.
 */
export function fpConvert(op: ConvertOp, size: Size, t: FloatType, rd: Gpr | FpReg, rn: Gpr | FpReg): number {
  const [rmode, opcode] = CONV[op];
  const toFloat = op === 'scvtf' || op === 'ucvtf';
  const d = toFloat ? v(op, rd, 'destination') : r(op, rd, 'zr', 'destination');
  const n = toFloat ? r(op, rn, 'zr', 'source') : v(op, rn, 'source');
  return convert(op, size, ftype(op, t), rmode, opcode, d, n);
}

/** fmov between the register files, same width: w ↔ s, x ↔ d. */
export function fmovGeneral(size: Size, toFp: boolean, rd: Gpr | FpReg, rn: Gpr | FpReg): number {
  const d = toFp ? v('fmov', rd) : r('fmov', rd, 'zr');
  const n = toFp ? r('fmov', rn, 'zr') : v('fmov', rn);
  return convert('fmov', size, size === 64 ? 1 : 0, 0, toFp ? 7 : 6, d, n);
}

/** cnt vd.8b, vn.8b: the population count of each byte. */
export function cnt8b(rd: FpReg, rn: FpReg): number {
  return (0x0e20_5800 | (v('cnt', rn) << 5) | v('cnt', rd)) >>> 0;
}

/** addv bd, vn.8b: the sum of the 8 bytes. */
export function addv8b(rd: FpReg, rn: FpReg): number {
  return (0x0e31_b800 | (v('addv', rn) << 5) | v('addv', rd)) >>> 0;
}

/** mov vd.16b, vn.16b (orr): a whole-register copy. */
export function movVector(rd: FpReg, rn: FpReg): number {
  return (0x4ea0_1c00 | (v('mov', rn) << 16) | (v('mov', rn) << 5) | v('mov', rd)) >>> 0;
}

/** movi dd, #0: clears the whole register. */
export function moviZero(rd: FpReg): number {
  return (0x2f00_e400 | v('movi', rd)) >>> 0;
}
