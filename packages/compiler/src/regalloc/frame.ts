import type { Frame } from '../machine/isa.js';
import type { Reg, RegClass } from '../machine/regs.js';
import type { StackSlot } from '../machine/vcode.js';
import { RegAllocError } from './numbering.js';

/** Bytes of a spill slot: float-class registers may hold 128-bit vectors. */
export const SPILL_SIZE: Readonly<Record<RegClass, number>> = { int: 8, float: 16 };

/**
 * Lays out the frame below the saved registers (see `Frame` in machine/isa.ts): outgoing
 * arguments at the stack pointer, then the explicit stack slots, then the spill slots
 * (16-byte ones first so that none needs padding), padded to a multiple of 16.
 */
export function layoutFrame(
  name: string,
  outgoingArgs: number,
  stackSlots: readonly StackSlot[],
  spillClasses: readonly RegClass[],
  savedRegs: Reg[],
): Frame {
  let offset = alignUp(outgoingArgs, 8);
  const slotOffsets: number[] = [];
  for (const slot of stackSlots) {
    const align = Math.max(1, slot.align);
    if (align > 16 || (align & (align - 1)) !== 0) {
      throw new RegAllocError(`${name}: stack slot alignment ${slot.align} is not a power of two up to 16`);
    }
    offset = alignUp(offset, align);
    slotOffsets.push(offset);
    offset += slot.size;
  }
  const spillOffsets: number[] = new Array(spillClasses.length);
  for (const cls of ['float', 'int'] as const) {
    const size = SPILL_SIZE[cls];
    for (let s = 0; s < spillClasses.length; s++) {
      if (spillClasses[s] !== cls) continue;
      offset = alignUp(offset, size);
      spillOffsets[s] = offset;
      offset += size;
    }
  }
  return { size: alignUp(offset, 16), outgoingArgs, savedRegs, slotOffsets, spillOffsets };
}

function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}
