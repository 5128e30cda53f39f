import type { Frame } from './isa.js';
import type { Reg, RegClass } from './regs.js';

/** Where a value lives at one point: a physical register or a spill slot. */
export type Location = { reg: Reg } | { slot: number };

/** A copy the allocator inserts (for splits, spills, reloads, edge moves). */
export interface Edit {
  cls: RegClass;
  dst: Location;
  src: Location;
}

/**
 * The result of register allocation for a VCode: for every instruction the physical
 * register of each operand (in `operands()` order), and the copies to run before each
 * instruction and at the end of each block (before its branch).
 */
export interface Allocation {
  /** regs[block][inst][operand] */
  regs: Reg[][][];
  /** before[block][inst]: copies to emit before that instruction (in order). */
  before: Edit[][][];
  /** Copies at a block's start, after its parameters are defined (edge moves into it). */
  blockStart: Edit[][];
  /** Copies at a block's end, before its last instruction (edge moves out of it). */
  blockEnd: Edit[][];
  spillSlots: number;
  frame: Frame;
}
