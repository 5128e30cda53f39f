import { PREG_LIMIT, type Reg, type RegClass } from './regs.js';

/** A jump from one machine block to another, passing values to its parameters. */
export interface VSuccessor {
  block: number;
  args: Reg[];
}

/**
 * A machine block: instructions of the backend's type `I` over virtual registers. The
 * last instruction is the block's branch (or return/trap); `succs` lists where it may go,
 * with the values for each target's `params`. Critical edges are split before
 * instruction selection, so the allocator can place the moves of an edge at the end of
 * a predecessor with one successor or at the start of a successor with one predecessor.
 */
export interface VBlock<I> {
  params: Reg[];
  insts: I[];
  succs: VSuccessor[];
}

/** A stack slot the function asked for explicitly (not a spill slot). */
export interface StackSlot {
  size: number;
  align: number;
}

/**
 * A function in machine instructions, ready for register allocation. Blocks are in
 * layout order; block 0 is the entry, whose `params` are the function's arguments (their
 * incoming locations are given by the entry instruction's fixed-register defs, see ISA).
 */
export class VCode<I> {
  readonly blocks: VBlock<I>[] = [];
  /** Class of each virtual register, indexed by `vreg - PREG_LIMIT`. */
  readonly vregClasses: RegClass[] = [];
  readonly stackSlots: StackSlot[] = [];
  /** Largest stack-argument area any call in the function needs (bytes). */
  outgoingArgs = 0;

  constructor(
    readonly name: string,
    /** Index of the Wasm function, for trap reports. */
    readonly funcIndex: number,
    /** Number of the first virtual register (public so the allocator can index by vreg). */
    readonly firstVreg: number = PREG_LIMIT,
  ) {}

  newVreg(cls: RegClass): Reg {
    this.vregClasses.push(cls);
    return this.firstVreg + this.vregClasses.length - 1;
  }

  classOf(vreg: Reg): RegClass {
    return this.vregClasses[vreg - this.firstVreg];
  }

  get vregCount(): number {
    return this.vregClasses.length;
  }

  newStackSlot(size: number, align: number): number {
    this.stackSlots.push({ size, align });
    return this.stackSlots.length - 1;
  }
}
