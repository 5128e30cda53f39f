/**
 * Physical register numbering shared with the ISA-neutral register allocator: numbers
 * 0–15 are the GPRs by hardware encoding (rax = 0 … r15 = 15), 16–31 are xmm0–xmm15.
 * Virtual registers start at PREG_LIMIT (see @mewz/compiler's machine/regs.ts).
 */
import type { Reg, RegClass } from '@mewz/compiler';
import { gprs, xmms, type Gpr, type Xmm } from './registers.js';

export const XMM_BASE = 16;

export const RAX = 0;
export const RCX = 1;
export const RDX = 2;
export const RBX = 3;
export const RSP = 4;
export const RBP = 5;
export const RSI = 6;
export const RDI = 7;
export const R8 = 8;
export const R9 = 9;
export const R10 = 10;
export const R11 = 11;
export const R12 = 12;
export const R13 = 13;
export const R14 = 14;
export const R15 = 15;

/** The allocator's number of xmm register `n`. */
export const xmmReg = (n: number): Reg => XMM_BASE + n;

export const isXmmReg = (r: Reg): boolean => r >= XMM_BASE && r < XMM_BASE + 16;
export const isGprReg = (r: Reg): boolean => r >= 0 && r < 16;

export function pregClass(r: Reg): RegClass {
  if (isGprReg(r)) return 'int';
  if (isXmmReg(r)) return 'float';
  throw new Error(`${r} is not an x86_64 physical register`);
}

/** The encoder's GPR for an allocated register. */
export function gprOf(r: Reg): Gpr {
  if (!isGprReg(r)) throw new Error(`internal: register ${r} is not a GPR (unallocated or wrong class)`);
  return gprs[r]!;
}

/** The encoder's xmm register for an allocated register. */
export function xmmOf(r: Reg): Xmm {
  if (!isXmmReg(r)) throw new Error(`internal: register ${r} is not an xmm register (unallocated or wrong class)`);
  return xmms[r - XMM_BASE]!;
}

export function pregName(r: Reg): string {
  if (isGprReg(r)) return gprs[r]!.names[64]!;
  if (isXmmReg(r)) return xmms[r - XMM_BASE]!.name;
  return `?${r}`;
}
