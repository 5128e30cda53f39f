/**
 * Branches. PC-relative offset fields are left zero: the assembler fills them for labels
 * (or lays out a longer form when a conditional branch does not reach) and leaves a
 * relocation for symbols.
 */
import type { Gpr, Size } from '../registers.js';
import { condCode, type Cond } from './conditions.js';
import { checkSize, r, unsignedField } from './operands.js';

export const B = 0x1400_0000;
export const BL = 0x9400_0000;
export const NOP = 0xd503_201f;

export function bcond(cc: Cond): number {
  return (0x5400_0000 | condCode('b.cond', cc)) >>> 0;
}

export function cb(nonzero: boolean, size: Size, rt: Gpr): number {
  checkSize(nonzero ? 'cbnz' : 'cbz', size);
  return (((size === 64 ? 1 : 0) << 31) | (0b011010 << 25) | ((nonzero ? 1 : 0) << 24) | r('cbz', rt, 'zr')) >>> 0;
}

/** tbz/tbnz rt, #bit: the register is named at 64 bits for bits 32–63, else 32. */
export function tb(nonzero: boolean, rt: Gpr, bit: number): number {
  const b = unsignedField(nonzero ? 'tbnz' : 'tbz', bit, 6, 'bit number');
  return (((b >> 5) << 31) | (0b011011 << 25) | ((nonzero ? 1 : 0) << 24) | ((b & 31) << 19) | r('tbz', rt, 'zr')) >>> 0;
}

export type BranchRegOp = 'br' | 'blr' | 'ret';
export function branchReg(op: BranchRegOp, rn: Gpr): number {
  const opc = { br: 0, blr: 1, ret: 2 }[op];
  return ((0b1101011 << 25) | (opc << 21) | (0b11111 << 16) | (r(op, rn, 'zr', 'target') << 5)) >>> 0;
}

/** Bits of a PC-relative branch's offset field, and where it starts. */
export const BRANCH_FIELDS = Object.freeze({
  b26: { lsb: 0, bits: 26 },
  b19: { lsb: 5, bits: 19 },
  b14: { lsb: 5, bits: 14 },
});
