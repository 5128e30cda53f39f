/**
 * The stack frame of a compiled function, from high to low addresses:
 *
 *   caller's stack arguments     [rbp + 16 + 8k]
 *   return address               [rbp + 8]
 *   saved rbp                    [rbp]        ← rbp (frame pointer)
 *   saved callee-saved GPRs      (frame.savedRegs, pushed in order)
 *   padding to 16 bytes
 *   spill and stack slots        (offsets from rsp, chosen by the allocator)
 *   outgoing stack arguments     [rsp + 8k]   ← rsp, 16-byte aligned
 */
import type { Frame, Location } from '@mewz/compiler';
import type { Mem } from './encoder/operands.js';
import type { FunctionAssembler } from './function-assembler.js';
import { gprOf, isGprReg } from './pregs.js';
import { rbp, rsp } from './registers.js';

/** Bytes the prologue subtracts from rsp: frame.size, padded so rsp ends 16-byte aligned. */
export function frameBytes(frame: Frame): number {
  // After the return address and `push rbp`, rsp is 16-byte aligned; each saved GPR adds 8.
  const pushed = 8 * frame.savedRegs.length;
  const pad = (16 - ((pushed + frame.size) % 16)) % 16;
  return frame.size + pad;
}

export function emitPrologue(asm: FunctionAssembler, frame: Frame): void {
  asm.push(rbp).mov(64, rbp, rsp);
  for (const r of frame.savedRegs) {
    if (!isGprReg(r)) throw new Error(`cannot save register ${r}: only GPRs are callee-saved on x86_64`);
    asm.push(gprOf(r));
  }
  const bytes = frameBytes(frame);
  if (bytes > 0) asm.alu('sub', 64, rsp, bytes);
}

export function emitEpilogue(asm: FunctionAssembler, frame: Frame): void {
  const bytes = frameBytes(frame);
  if (bytes > 0) asm.alu('add', 64, rsp, bytes);
  for (let i = frame.savedRegs.length - 1; i >= 0; i--) asm.pop(gprOf(frame.savedRegs[i]!));
  asm.pop(rbp);
}

/** A spill slot as a memory operand. */
export function spillSlot(frame: Frame, slot: number): Mem {
  const disp = frame.spillOffsets[slot];
  if (disp === undefined) throw new Error(`internal: spill slot ${slot} has no offset in the frame`);
  return { base: rsp, disp };
}

/** An explicit stack slot (VCode.stackSlots) as a memory operand. */
export function stackSlot(frame: Frame, slot: number, disp: number): Mem {
  const off = frame.slotOffsets[slot];
  if (off === undefined) throw new Error(`internal: stack slot ${slot} has no offset in the frame`);
  return { base: rsp, disp: off + disp };
}

export const isSlot = (l: Location): l is { slot: number } => 'slot' in l;
