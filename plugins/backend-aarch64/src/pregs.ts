/**
 * Physical register numbering shared with the ISA-neutral register allocator: numbers
 * 0–30 are x0–x30 by hardware encoding, 31 is the stack pointer (never allocated), 32–63
 * are v0–v31. Virtual registers start at PREG_LIMIT (see @mewz/compiler's machine/regs.ts).
 */
import type { Reg, RegClass } from '@mewz/compiler';
import { fpRegs, gprs, sp, type FpReg, type Gpr } from './registers.js';

export const FP_BASE = 32;
/** The stack pointer's number (in operands that mean sp, such as a frame address). */
export const SP = 31;

export const X0 = 0;
export const X1 = 1;
export const X2 = 2;
export const X3 = 3;
export const X4 = 4;
export const X5 = 5;
export const X6 = 6;
export const X7 = 7;
export const X8 = 8;
export const X16 = 16;
export const X17 = 17;
export const X18 = 18;
export const X29 = 29;
export const X30 = 30;

/** The allocator's number of FP register `n`. */
export const fpReg = (n: number): Reg => FP_BASE + n;

export const isFpReg = (r: Reg): boolean => r >= FP_BASE && r < FP_BASE + 32;
export const isGprReg = (r: Reg): boolean => r >= 0 && r < 31;

export function pregClass(r: Reg): RegClass {
  if (isGprReg(r) || r === SP) return 'int';
  if (isFpReg(r)) return 'float';
  throw new Error(`${r} is not an aarch64 physical register`);
}

/** The encoder's GPR for an allocated register (31 is the stack pointer). */
export function gprOf(r: Reg): Gpr {
  if (r === SP) return sp;
  if (!isGprReg(r)) throw new Error(`internal: register ${r} is not a GPR (unallocated or wrong class)`);
  return gprs[r]!;
}

/** The encoder's FP register for an allocated register. */
export function fpOf(r: Reg): FpReg {
  if (!isFpReg(r)) throw new Error(`internal: register ${r} is not an FP register (unallocated or wrong class)`);
  return fpRegs[r - FP_BASE]!;
}

export function pregName(r: Reg): string {
  if (isGprReg(r)) return `x${r}`;
  if (r === SP) return 'sp';
  if (isFpReg(r)) return `v${r - FP_BASE}`;
  return `?${r}`;
}
