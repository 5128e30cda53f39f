/** Integer arithmetic, logic, shifts, bit counting and flag-consuming instructions. */
import type { CodeBuffer } from '@mewz/compiler';
import type { Gpr, Size } from '../registers.js';
import { condCode, type Cond } from './conditions.js';
import {
  EncodingError,
  checkSize,
  operandName,
  emitModRM,
  emitPlain,
  emitOpReg,
  expectGpr,
  expectRM,
  fitsImm8,
  immFieldSize,
  immediate,
  isGpr,
  isImm,
  isMem,
  sizePrefix,
  unsignedImmediate,
  type Imm,
  type RM,
} from './operands.js';

const ALL: readonly Size[] = [8, 16, 32, 64];
const WIDE: readonly Size[] = [16, 32, 64];

/** The eight classic ALU operations, by their /digit (also the opcode row: op*8). */
export const aluOps = Object.freeze({ add: 0, or: 1, adc: 2, sbb: 3, and: 4, sub: 5, xor: 6, cmp: 7 });
export type AluOp = keyof typeof aluOps;

function opNumber<T extends Record<string, number>>(table: T, op: string, family: string): number {
  const n = (table as Record<string, number>)[op];
  if (n === undefined) throw new EncodingError(String(op), `not a ${family} operation (one of ${Object.keys(table).join(', ')})`);
  return n;
}

/** `op dst, src` for add/or/adc/sbb/and/sub/xor/cmp; dst is a register or memory. */
export function alu(buf: CodeBuffer, op: AluOp, size: Size, dst: RM, src: RM | Imm): void {
  const n = opNumber(aluOps, op, 'ALU');
  checkSize(op, size, ALL);
  expectRM(op, dst, 'destination');
  const { prefixes, w } = sizePrefix(size);
  const byte = size === 8;
  if (isImm(src)) {
    const value = immediate(op, src, size);
    if (byte) {
      // al has a 2-byte accumulator form.
      if (isGpr(dst) && dst.enc === 0 && !dst.high8) buf.bytes([n * 8 + 4, Number(BigInt.asUintN(8, value))]);
      else emitModRM(buf, { mnemonic: op, opcode: [0x80], reg: n, rm: dst, rmByte: true, imm: { value, size: 1 } });
    } else if (fitsImm8(value, size)) {
      emitModRM(buf, { mnemonic: op, prefixes, w, opcode: [0x83], reg: n, rm: dst, imm: { value: BigInt.asIntN(size, value), size: 1 } });
    } else if (isGpr(dst) && dst.enc === 0) {
      // eax/rax/ax accumulator form saves the ModRM byte.
      emitPlain(buf, { prefixes, w, opcode: [n * 8 + 5] });
      buf.int(immFieldSize(size), value);
    } else {
      emitModRM(buf, { mnemonic: op, prefixes, w, opcode: [0x81], reg: n, rm: dst, imm: { value, size: immFieldSize(size) } });
    }
    return;
  }
  if (isGpr(src)) {
    // Register source: the "r/m, r" direction (as assemblers do for reg-reg too).
    emitModRM(buf, { mnemonic: op, prefixes, w, opcode: [n * 8 + (byte ? 0 : 1)], reg: src, rm: dst, regByte: byte, rmByte: byte });
    return;
  }
  if (isMem(src)) {
    if (!isGpr(dst)) throw new EncodingError(op, 'memory-to-memory operands are not encodable');
    emitModRM(buf, { mnemonic: op, prefixes, w, opcode: [n * 8 + (byte ? 2 : 3)], reg: dst, rm: src, regByte: byte });
    return;
  }
  throw new EncodingError(op, `source ${operandName(src)} must be a register, memory or immediate`);
}

/** `test a, b`: AND without storing, sets flags. b is a register or immediate. */
export function test(buf: CodeBuffer, size: Size, a: RM, b: Gpr | Imm): void {
  checkSize('test', size, ALL);
  expectRM('test', a);
  const { prefixes, w } = sizePrefix(size);
  const byte = size === 8;
  if (isImm(b)) {
    const value = immediate('test', b, size);
    if (isGpr(a) && a.enc === 0 && !a.high8) {
      emitPlain(buf, { prefixes, w, opcode: [byte ? 0xa8 : 0xa9] });
      buf.int(immFieldSize(size), value);
    } else {
      emitModRM(buf, { mnemonic: 'test', prefixes, w, opcode: [byte ? 0xf6 : 0xf7], reg: 0, rm: a, rmByte: byte, imm: { value, size: immFieldSize(size) } });
    }
    return;
  }
  expectGpr('test', b, 'second operand');
  emitModRM(buf, { mnemonic: 'test', prefixes, w, opcode: [byte ? 0x84 : 0x85], reg: b, rm: a, regByte: byte, rmByte: byte });
}

/** One-operand read-modify-write operations. */
export const unaryOps = Object.freeze({ not: [0xf6, 2], neg: [0xf6, 3], inc: [0xfe, 0], dec: [0xfe, 1] } as const);
export type UnaryOp = keyof typeof unaryOps;

export function unary(buf: CodeBuffer, op: UnaryOp, size: Size, dst: RM): void {
  const entry = (unaryOps as Record<string, readonly [number, number]>)[op];
  if (entry === undefined) throw new EncodingError(String(op), `not a unary operation (one of ${Object.keys(unaryOps).join(', ')})`);
  checkSize(op, size, ALL);
  expectRM(op, dst);
  const [opcode, digit] = entry;
  const { prefixes, w } = sizePrefix(size);
  emitModRM(buf, { mnemonic: op, prefixes, w, opcode: [size === 8 ? opcode : opcode + 1], reg: digit, rm: dst, rmByte: size === 8 });
}

/** Widening multiply / divide of rdx:rax (ax for 8-bit) by the operand. */
export const mulDivOps = Object.freeze({ mul: 4, imul: 5, div: 6, idiv: 7 });
export type MulDivOp = keyof typeof mulDivOps;

export function mulDiv(buf: CodeBuffer, op: MulDivOp, size: Size, src: RM): void {
  const digit = opNumber(mulDivOps, op, 'multiply/divide');
  checkSize(op, size, ALL);
  expectRM(op, src);
  const { prefixes, w } = sizePrefix(size);
  emitModRM(buf, { mnemonic: op, prefixes, w, opcode: [size === 8 ? 0xf6 : 0xf7], reg: digit, rm: src, rmByte: size === 8 });
}

/** Truncating multiply: `imul dst, src` or `imul dst, src, imm`. */
export function imul(buf: CodeBuffer, size: Size, dst: Gpr, src: RM, imm?: Imm): void {
  checkSize('imul', size, WIDE);
  expectGpr('imul', dst, 'destination');
  expectRM('imul', src, 'source');
  const { prefixes, w } = sizePrefix(size);
  if (imm === undefined) {
    emitModRM(buf, { mnemonic: 'imul', prefixes, w, opcode: [0x0f, 0xaf], reg: dst, rm: src });
    return;
  }
  const value = immediate('imul', imm, size);
  if (fitsImm8(value, size)) {
    emitModRM(buf, { mnemonic: 'imul', prefixes, w, opcode: [0x6b], reg: dst, rm: src, imm: { value: BigInt.asIntN(size, value), size: 1 } });
  } else {
    emitModRM(buf, { mnemonic: 'imul', prefixes, w, opcode: [0x69], reg: dst, rm: src, imm: { value, size: immFieldSize(size) } });
  }
}

/** Sign-extend the accumulator into rdx (before idiv): cwd / cdq / cqo. */
export function signExtendAccumulator(buf: CodeBuffer, size: 16 | 32 | 64): void {
  checkSize('cqo', size, WIDE);
  emitPlain(buf, { ...sizePrefix(size), opcode: [0x99] });
}

export const shiftOps = Object.freeze({ rol: 0, ror: 1, rcl: 2, rcr: 3, shl: 4, shr: 5, sar: 7 });
export type ShiftOp = keyof typeof shiftOps;

/** Shift or rotate by cl (pass rcx or 'cl') or by an immediate count. */
export function shift(buf: CodeBuffer, op: ShiftOp, size: Size, dst: RM, count: Gpr | 'cl' | number): void {
  const digit = opNumber(shiftOps, op, 'shift');
  checkSize(op, size, ALL);
  expectRM(op, dst);
  const { prefixes, w } = sizePrefix(size);
  const byte = size === 8;
  const base = { mnemonic: op, prefixes, w, reg: digit, rm: dst, rmByte: byte };
  if (count === 'cl' || isGpr(count)) {
    if (count !== 'cl' && (count.enc !== 1 || count.high8)) throw new EncodingError(op, `a variable count must be in cl, not ${operandName(count, 8)}`);
    emitModRM(buf, { ...base, opcode: [byte ? 0xd2 : 0xd3] });
    return;
  }
  const n = unsignedImmediate(op, count, 8, 'count');
  if (n === 1) emitModRM(buf, { ...base, opcode: [byte ? 0xd0 : 0xd1] });
  else emitModRM(buf, { ...base, opcode: [byte ? 0xc0 : 0xc1], imm: { value: BigInt(n), size: 1 } });
}

/** Bit scans and counts: `op dst, src` (lzcnt/tzcnt need LZCNT/BMI1, popcnt needs POPCNT). */
export const bitScanOps = Object.freeze({
  bsf: { prefix: undefined, opcode: 0xbc },
  bsr: { prefix: undefined, opcode: 0xbd },
  tzcnt: { prefix: 0xf3, opcode: 0xbc },
  lzcnt: { prefix: 0xf3, opcode: 0xbd },
  popcnt: { prefix: 0xf3, opcode: 0xb8 },
} as const);
export type BitScanOp = keyof typeof bitScanOps;

export function bitScan(buf: CodeBuffer, op: BitScanOp, size: Size, dst: Gpr, src: RM): void {
  const entry = (bitScanOps as Record<string, { prefix: number | undefined; opcode: number }>)[op];
  if (entry === undefined) throw new EncodingError(String(op), `not a bit scan operation (one of ${Object.keys(bitScanOps).join(', ')})`);
  checkSize(op, size, WIDE);
  expectGpr(op, dst, 'destination');
  expectRM(op, src, 'source');
  const { prefixes, w } = sizePrefix(size);
  // The mandatory f3 must be the prefix closest to the opcode (after 66).
  if (entry.prefix !== undefined) prefixes.push(entry.prefix);
  emitModRM(buf, { mnemonic: op, prefixes, w, opcode: [0x0f, entry.opcode], reg: dst, rm: src });
}

/** `setcc dst8`: 1 if the condition holds, else 0. */
export function setcc(buf: CodeBuffer, cc: Cond, dst: RM): void {
  const code = condCode('setcc', cc);
  expectRM(`set${cc}`, dst);
  emitModRM(buf, { mnemonic: `set${cc}`, opcode: [0x0f, 0x90 + code], reg: 0, rm: dst, rmByte: true });
}

/** `cmovcc dst, src`: move if the condition holds (32-bit forms zero-extend even when not taken). */
export function cmovcc(buf: CodeBuffer, cc: Cond, size: Size, dst: Gpr, src: RM): void {
  const code = condCode('cmovcc', cc);
  const mnemonic = `cmov${cc}`;
  checkSize(mnemonic, size, WIDE);
  expectGpr(mnemonic, dst, 'destination');
  expectRM(mnemonic, src, 'source');
  const { prefixes, w } = sizePrefix(size);
  emitModRM(buf, { mnemonic, prefixes, w, opcode: [0x0f, 0x40 + code], reg: dst, rm: src });
}

/** Byte swap (the 16-bit form is undefined in hardware, so it is refused). */
export function bswap(buf: CodeBuffer, size: 32 | 64, reg: Gpr): void {
  checkSize('bswap', size, [32, 64]);
  emitOpReg(buf, { mnemonic: 'bswap', w: size === 64, opcode: [0x0f, 0xc8], reg: expectGpr('bswap', reg) });
}
