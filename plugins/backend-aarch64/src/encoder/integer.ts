/**
 * Integer data processing: add/sub (shifted register, extended register, immediate),
 * logical operations (shifted register, bitmask immediate), move wide, bitfield moves and
 * their shift/extend aliases, extr, multiply-add, division, variable shifts, bit counting,
 * conditional select. Each function returns the 32-bit instruction word.
 */
import type { Gpr, Size } from '../registers.js';
import { condCode, type Cond } from './conditions.js';
import { addSubImm, checkSize, EncodingError, immValue, type Imm, isGpr, isImm, logicalImm, r, unsignedField } from './operands.js';

const sf = (size: Size): number => (size === 64 ? 1 : 0);

export type Shift = 'lsl' | 'lsr' | 'asr' | 'ror';
const SHIFT_CODE: Record<Shift, number> = { lsl: 0, lsr: 1, asr: 2, ror: 3 };
export type Extend = 'uxtb' | 'uxth' | 'uxtw' | 'uxtx' | 'sxtb' | 'sxth' | 'sxtw' | 'sxtx';
const EXTEND_CODE: Record<Extend, number> = { uxtb: 0, uxth: 1, uxtw: 2, uxtx: 3, sxtb: 4, sxth: 5, sxtw: 6, sxtx: 7 };

export type AddSubOp = 'add' | 'adds' | 'sub' | 'subs';
export const addSubOps: readonly AddSubOp[] = ['add', 'adds', 'sub', 'subs'];

/** A shifted or extended second register operand. */
export interface ShiftedReg {
  readonly reg: Gpr;
  readonly shift?: Shift;
  readonly amount?: number;
}
export interface ExtendedReg {
  readonly reg: Gpr;
  readonly extend: Extend;
  readonly amount?: number;
}
export type Operand2 = Gpr | Imm | ShiftedReg | ExtendedReg;

const isExtended = (x: unknown): x is ExtendedReg => typeof x === 'object' && x !== null && 'extend' in x;
const isShifted = (x: unknown): x is ShiftedReg => typeof x === 'object' && x !== null && 'reg' in x && !('extend' in x);

/**
 * add/adds/sub/subs rd, rn, op2. An immediate picks the imm12 form (a negative one the
 * opposite operation); sp as rd or rn with a register operand picks the extended form.
 */
export function addSub(op: AddSubOp, size: Size, rd: Gpr, rn: Gpr, op2: Operand2): number {
  checkSize(op, size);
  const isSub = op === 'sub' || op === 'subs' ? 1 : 0;
  const setFlags = op === 'adds' || op === 'subs' ? 1 : 0;
  const head = (sf(size) << 31) | (isSub << 30) | (setFlags << 29);
  if (isImm(op2)) {
    let value = immValue(op, op2);
    let sub = isSub;
    if (value < 0n) {
      value = -value;
      sub ^= 1;
    }
    const enc = addSubImm(value);
    if (!enc) throw new EncodingError(op, `immediate ${op2} is not a 12-bit value, optionally shifted by 12`);
    const d = r(op, rd, setFlags ? 'zr' : 'sp', 'destination');
    const n = r(op, rn, 'sp', 'first operand');
    return ((sf(size) << 31) | (sub << 30) | (setFlags << 29) | (0b100010 << 23) | (enc.shift << 22) | (enc.imm12 << 10) | (n << 5) | d) >>> 0;
  }
  const usesSp = (isGpr(rd) && rd.role === 'sp' && !setFlags) || (isGpr(rn) && rn.role === 'sp');
  if (isExtended(op2) || (usesSp && isGpr(op2))) {
    const ext = isExtended(op2) ? op2 : { reg: op2 as Gpr, extend: (size === 64 ? 'uxtx' : 'uxtw') as Extend, amount: 0 };
    const amount = ext.amount ?? 0;
    if (amount < 0 || amount > 4) throw new EncodingError(op, `extend shift ${amount} is out of range [0, 4]`);
    if (size === 32 && (ext.extend === 'uxtx' || ext.extend === 'sxtx')) throw new EncodingError(op, `${ext.extend} needs a 64-bit operation`);
    const d = r(op, rd, setFlags ? 'zr' : 'sp', 'destination');
    const n = r(op, rn, 'sp', 'first operand');
    const m = r(op, ext.reg, 'zr', 'second operand');
    return (head | (0b01011001 << 21) | (m << 16) | (EXTEND_CODE[ext.extend] << 13) | (amount << 10) | (n << 5) | d) >>> 0;
  }
  const sh = isShifted(op2) ? op2 : { reg: op2 as Gpr, shift: 'lsl' as Shift, amount: 0 };
  const shift = sh.shift ?? 'lsl';
  if (shift === 'ror') throw new EncodingError(op, 'ror is not a shift of add/sub');
  const amount = unsignedField(op, sh.amount ?? 0, size === 64 ? 6 : 5, 'shift amount');
  const d = r(op, rd, 'zr', 'destination');
  const n = r(op, rn, 'zr', 'first operand');
  const m = r(op, sh.reg, 'zr', 'second operand');
  return (head | (0b01011 << 24) | (SHIFT_CODE[shift] << 22) | (m << 16) | (amount << 10) | (n << 5) | d) >>> 0;
}

export type LogicOp = 'and' | 'orr' | 'eor' | 'ands' | 'bic' | 'orn' | 'eon' | 'bics';
export const logicOps: readonly LogicOp[] = ['and', 'orr', 'eor', 'ands', 'bic', 'orn', 'eon', 'bics'];
const LOGIC: Record<LogicOp, [opc: number, n: number]> = {
  and: [0, 0],
  orr: [1, 0],
  eor: [2, 0],
  ands: [3, 0],
  bic: [0, 1],
  orn: [1, 1],
  eon: [2, 1],
  bics: [3, 1],
};

/** Logical operations; an immediate must be a bitmask immediate (bic/orn/eon invert it first). */
export function logic(op: LogicOp, size: Size, rd: Gpr, rn: Gpr, op2: Gpr | Imm | ShiftedReg): number {
  checkSize(op, size);
  const [opc, inv] = LOGIC[op];
  if (isImm(op2)) {
    let value = immValue(op, op2);
    if (inv) value = ~value;
    const enc = logicalImm(value, size);
    if (!enc) throw new EncodingError(op, `${op2} is not a bitmask immediate`);
    if (size === 32 && enc.n) throw new EncodingError(op, `${op2} is not a 32-bit bitmask immediate`);
    const d = r(op, rd, opc === 3 ? 'zr' : 'sp', 'destination');
    const n = r(op, rn, 'zr', 'first operand');
    return ((sf(size) << 31) | (opc << 29) | (0b100100 << 23) | (enc.n << 22) | (enc.immr << 16) | (enc.imms << 10) | (n << 5) | d) >>> 0;
  }
  const sh = isShifted(op2) ? op2 : { reg: op2, shift: 'lsl' as Shift, amount: 0 };
  const amount = unsignedField(op, sh.amount ?? 0, size === 64 ? 6 : 5, 'shift amount');
  const d = r(op, rd, 'zr', 'destination');
  const n = r(op, rn, 'zr', 'first operand');
  const m = r(op, sh.reg, 'zr', 'second operand');
  return ((sf(size) << 31) | (opc << 29) | (0b01010 << 24) | (SHIFT_CODE[sh.shift ?? 'lsl'] << 22) | (inv << 21) | (m << 16) | (amount << 10) | (n << 5) | d) >>> 0;
}

export type MoveWideOp = 'movn' | 'movz' | 'movk';
/** movn/movz/movk rd, #imm16, lsl #shift (shift 0, 16, 32, 48). */
export function moveWide(op: MoveWideOp, size: Size, rd: Gpr, imm16: number, shift = 0): number {
  checkSize(op, size);
  const opc = { movn: 0, movz: 2, movk: 3 }[op];
  if (shift % 16 !== 0 || shift < 0 || shift >= size) throw new EncodingError(op, `shift ${shift} must be 0, 16${size === 64 ? ', 32 or 48' : ''}`);
  const imm = unsignedField(op, imm16, 16);
  return ((sf(size) << 31) | (opc << 29) | (0b100101 << 23) | ((shift / 16) << 21) | (imm << 5) | r(op, rd, 'zr', 'destination')) >>> 0;
}

export type BitfieldOp = 'sbfm' | 'bfm' | 'ubfm';
export function bitfield(op: BitfieldOp, size: Size, rd: Gpr, rn: Gpr, immr: number, imms: number): number {
  checkSize(op, size);
  const opc = { sbfm: 0, bfm: 1, ubfm: 2 }[op];
  const bits = size === 64 ? 6 : 5;
  const ir = unsignedField(op, immr, bits, 'immr');
  const is = unsignedField(op, imms, bits, 'imms');
  return ((sf(size) << 31) | (opc << 29) | (0b100110 << 23) | (sf(size) << 22) | (ir << 16) | (is << 10) | (r(op, rn, 'zr') << 5) | r(op, rd, 'zr')) >>> 0;
}

/** Shift by an immediate: the ubfm/sbfm/extr aliases lsl, lsr, asr, ror. */
export function shiftImm(op: Shift, size: Size, rd: Gpr, rn: Gpr, amount: number): number {
  checkSize(op, size);
  const n = unsignedField(op, amount, size === 64 ? 6 : 5, 'shift amount');
  switch (op) {
    case 'lsl':
      return bitfield('ubfm', size, rd, rn, (size - n) % size, size - 1 - n);
    case 'lsr':
      return bitfield('ubfm', size, rd, rn, n, size - 1);
    case 'asr':
      return bitfield('sbfm', size, rd, rn, n, size - 1);
    case 'ror':
      return extr(size, rd, rn, rn, n);
  }
}

/** extr rd, rn, rm, #lsb: bits lsb… of rn:rm. */
export function extr(size: Size, rd: Gpr, rn: Gpr, rm: Gpr, lsb: number): number {
  checkSize('extr', size);
  const l = unsignedField('extr', lsb, size === 64 ? 6 : 5, 'lsb');
  return ((sf(size) << 31) | (0b00100111 << 23) | (sf(size) << 22) | (r('extr', rm, 'zr') << 16) | (l << 10) | (r('extr', rn, 'zr') << 5) | r('extr', rd, 'zr')) >>> 0;
}

export type ExtendOp = 'sxtb' | 'sxth' | 'sxtw' | 'uxtb' | 'uxth';
/** Sign/zero extension aliases (sbfm/ubfm). uxtw is `mov wd, wn`. */
export function extend(op: ExtendOp, size: Size, rd: Gpr, rn: Gpr): number {
  const from = op.endsWith('b') ? 8 : op.endsWith('h') ? 16 : 32;
  if (op === 'sxtw' && size !== 64) throw new EncodingError(op, 'sxtw extends to 64 bits');
  // The unsigned ones are 32-bit operations: writing wd clears the upper half anyway.
  if (op.startsWith('u')) return bitfield('ubfm', 32, rd, rn, 0, from - 1);
  return bitfield('sbfm', size, rd, rn, 0, from - 1);
}

export type DivShiftOp = 'udiv' | 'sdiv' | 'lslv' | 'lsrv' | 'asrv' | 'rorv';
export const divShiftOps: readonly DivShiftOp[] = ['udiv', 'sdiv', 'lslv', 'lsrv', 'asrv', 'rorv'];
const DP2: Record<DivShiftOp, number> = { udiv: 2, sdiv: 3, lslv: 8, lsrv: 9, asrv: 10, rorv: 11 };
export function dataProc2(op: DivShiftOp, size: Size, rd: Gpr, rn: Gpr, rm: Gpr): number {
  checkSize(op, size);
  return ((sf(size) << 31) | (0b11010110 << 21) | (r(op, rm, 'zr') << 16) | (DP2[op] << 10) | (r(op, rn, 'zr') << 5) | r(op, rd, 'zr')) >>> 0;
}

export type BitOp = 'rbit' | 'rev16' | 'rev' | 'rev32' | 'clz' | 'cls';
export const bitOps: readonly BitOp[] = ['rbit', 'rev16', 'rev', 'rev32', 'clz', 'cls'];
export function dataProc1(op: BitOp, size: Size, rd: Gpr, rn: Gpr): number {
  checkSize(op, size);
  let opcode: number;
  switch (op) {
    case 'rbit':
      opcode = 0;
      break;
    case 'rev16':
      opcode = 1;
      break;
    case 'rev32':
      if (size !== 64) throw new EncodingError(op, 'rev32 reverses bytes in each word of a 64-bit register');
      opcode = 2;
      break;
    case 'rev':
      opcode = size === 64 ? 3 : 2;
      break;
    case 'clz':
      opcode = 4;
      break;
    case 'cls':
      opcode = 5;
      break;
  }
  return ((sf(size) << 31) | (1 << 30) | (0b11010110 << 21) | (opcode << 10) | (r(op, rn, 'zr') << 5) | r(op, rd, 'zr')) >>> 0;
}

export type MulOp = 'madd' | 'msub' | 'smulh' | 'umulh';
/** madd/msub rd, rn, rm, ra (rd = ra ± rn·rm); smulh/umulh take no ra. */
export function dataProc3(op: MulOp, size: Size, rd: Gpr, rn: Gpr, rm: Gpr, ra?: Gpr): number {
  checkSize(op, size);
  let op31 = 0;
  let o0 = 0;
  let a = 31;
  if (op === 'msub') o0 = 1;
  if (op === 'smulh' || op === 'umulh') {
    if (size !== 64) throw new EncodingError(op, 'needs 64-bit operands');
    op31 = op === 'smulh' ? 2 : 6;
  } else a = r(op, ra, 'zr', 'addend');
  return ((sf(size) << 31) | (0b11011 << 24) | (op31 << 21) | (r(op, rm, 'zr') << 16) | (o0 << 15) | (a << 10) | (r(op, rn, 'zr') << 5) | r(op, rd, 'zr')) >>> 0;
}

export type CondSelectOp = 'csel' | 'csinc' | 'csinv' | 'csneg';
export const condSelectOps: readonly CondSelectOp[] = ['csel', 'csinc', 'csinv', 'csneg'];
export function condSelect(op: CondSelectOp, size: Size, rd: Gpr, rn: Gpr, rm: Gpr, cc: Cond): number {
  checkSize(op, size);
  const [o, o2] = { csel: [0, 0], csinc: [0, 1], csinv: [1, 0], csneg: [1, 1] }[op];
  return ((sf(size) << 31) | (o! << 30) | (0b11010100 << 21) | (r(op, rm, 'zr') << 16) | (condCode(op, cc) << 12) | (o2! << 10) | (r(op, rn, 'zr') << 5) | r(op, rd, 'zr')) >>> 0;
}

/** ccmp/ccmn rn, (rm | #imm5), #nzcv, cc: compare if cc holds, else set the flags to nzcv. */
export function condCompare(op: 'ccmp' | 'ccmn', size: Size, rn: Gpr, op2: Gpr | number, nzcv: number, cc: Cond): number {
  checkSize(op, size);
  const isImmForm = typeof op2 === 'number';
  const field = isImmForm ? unsignedField(op, op2, 5) : r(op, op2, 'zr');
  const flags = unsignedField(op, nzcv, 4, 'nzcv');
  return ((sf(size) << 31) | ((op === 'ccmp' ? 1 : 0) << 30) | (1 << 29) | (0b11010010 << 21) | (field << 16) | (condCode(op, cc) << 12) | ((isImmForm ? 1 : 0) << 11) | (r(op, rn, 'zr') << 5) | flags) >>> 0;
}
