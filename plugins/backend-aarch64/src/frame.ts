/**
 * The stack frame of a compiled function, from high to low addresses:
 *
 *   caller's stack arguments     [x29 + 16 + 8k]
 *   frame record: x29, x30       [x29], [x29 + 8]   ← x29 (frame pointer)
 *   saved callee-saved registers (frame.savedRegs, in 16-byte pairs; GPRs, then d8–d15)
 *   spill and stack slots        (offsets from sp, chosen by the allocator)
 *   outgoing stack arguments     [sp + 8k]           ← sp, 16-byte aligned
 *
 * Offsets that no load/store form takes are formed in x16 (abi.ts).
 */
import type { Frame, Location, Reg } from '@mewz/compiler';
import { offsetFits } from './encoder/memory.js';
import type { Mem } from './encoder/operands.js';
import type { FunctionAssembler } from './function-assembler.js';
import { fpOf, gprOf, isFpReg, isGprReg } from './pregs.js';
import { sp, x16, x29, x30 } from './registers.js';

/** Bytes the prologue subtracts from sp below the saved registers (the allocator keeps it a multiple of 16). */
export function frameBytes(frame: Frame): number {
  return (frame.size + 15) & ~15;
}

/** The saved registers in pairs of one class (the last of a class may be alone). */
function savePairs(frame: Frame): { fp: boolean; regs: Reg[] }[] {
  const pairs: { fp: boolean; regs: Reg[] }[] = [];
  for (const fp of [false, true]) {
    const regs = frame.savedRegs.filter((r) => (fp ? isFpReg(r) : isGprReg(r)));
    for (let i = 0; i < regs.length; i += 2) pairs.push({ fp, regs: regs.slice(i, i + 2) });
  }
  for (const r of frame.savedRegs) if (!isFpReg(r) && !isGprReg(r)) throw new Error(`cannot save register ${r}`);
  return pairs;
}

/** sp += delta (or −=), in as few instructions as the immediate allows. */
export function adjustSp(asm: FunctionAssembler, delta: number): void {
  if (delta === 0) return;
  const op = delta > 0 ? 'add' : 'sub';
  let n = Math.abs(delta);
  if (n >= 1 << 24) {
    asm.mov(64, x16, n);
    asm.addSub(op, 64, sp, sp, x16);
    return;
  }
  if (n >= 4096) {
    asm.addSub(op, 64, sp, sp, n & ~0xfff);
    n &= 0xfff;
  }
  if (n > 0) asm.addSub(op, 64, sp, sp, n);
}

export function emitPrologue(asm: FunctionAssembler, frame: Frame): void {
  asm.stp(64, x29, x30, { base: sp, offset: -16, mode: 'pre' }).mov(64, x29, sp);
  for (const { fp, regs } of savePairs(frame)) {
    const at = { base: sp, offset: -16, mode: 'pre' as const };
    if (regs.length === 2) {
      if (fp) asm.fstp(64, fpOf(regs[0]!), fpOf(regs[1]!), at);
      else asm.stp(64, gprOf(regs[0]!), gprOf(regs[1]!), at);
    } else if (fp) asm.fstr(64, fpOf(regs[0]!), at);
    else asm.str(64, gprOf(regs[0]!), at);
  }
  adjustSp(asm, -frameBytes(frame));
}

export function emitEpilogue(asm: FunctionAssembler, frame: Frame): void {
  adjustSp(asm, frameBytes(frame));
  const pairs = savePairs(frame);
  for (let i = pairs.length - 1; i >= 0; i--) {
    const { fp, regs } = pairs[i]!;
    const at = { base: sp, offset: 16, mode: 'post' as const };
    if (regs.length === 2) {
      if (fp) asm.fldp(64, fpOf(regs[0]!), fpOf(regs[1]!), at);
      else asm.ldp(64, gprOf(regs[0]!), gprOf(regs[1]!), at);
    } else if (fp) asm.fldr(64, fpOf(regs[0]!), at);
    else asm.ldr(64, gprOf(regs[0]!), at);
  }
  asm.ldp(64, x29, x30, { base: sp, offset: 16, mode: 'post' });
}

/**
 * [base + offset] for an access of `width` bytes: directly when a load/store form takes
 * the offset, else through x16 (= base + offset).
 */
export function reach(asm: FunctionAssembler, base: Mem['base'], offset: number, width: number): Mem {
  if (offsetFits(offset, width)) return { base, offset };
  asm.mov(64, x16, offset);
  return { base, index: x16 };
}

/** A spill slot as a memory operand (8 bytes are enough for every scalar). */
export function spillSlot(asm: FunctionAssembler, frame: Frame, slot: number): Mem {
  const disp = frame.spillOffsets[slot];
  if (disp === undefined) throw new Error(`internal: spill slot ${slot} has no offset in the frame`);
  return reach(asm, sp, disp, 8);
}

/** The offset of an explicit stack slot (VCode.stackSlots) from sp. */
export function stackSlotOffset(frame: Frame, slot: number, disp: number): number {
  const off = frame.slotOffsets[slot];
  if (off === undefined) throw new Error(`internal: stack slot ${slot} has no offset in the frame`);
  return off + disp;
}

export const isSlot = (l: Location): l is { slot: number } => 'slot' in l;
