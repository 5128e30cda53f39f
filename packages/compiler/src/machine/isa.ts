import type { Allocation, Location } from './allocation.js';
import type { Reg, RegClass, RegisterInfo } from './regs.js';
import type { VCode } from './vcode.js';

/**
 * How an instruction uses a register:
 *   use  – read at the start of the instruction;
 *   def  – written at its end (may share a register with a use that dies here);
 *   mod  – read and written in the same register (x86 two-address forms);
 *   early-def – written before all uses are read, so it must not share their registers.
 * `fixed` pins the operand to one physical register (call arguments, x86 shift counts, …).
 */
export interface Operand {
  reg: Reg;
  kind: 'use' | 'def' | 'mod' | 'early-def';
  fixed?: Reg;
}

/**
 * The frame the allocator leaves behind, which prologue and epilogue set up. Offsets are
 * from the stack pointer after the prologue, which must leave it 16-byte aligned:
 *
 *   [0, outgoingArgs)     stack arguments of the calls this function makes
 *   explicit stack slots  in order, each at a multiple of its alignment (at most 16)
 *   spill slots           'float' ones first (16 bytes, 16-aligned: they may hold vectors),
 *                         then 'int' ones (8 bytes)
 *   padding               up to `size`, a multiple of 16
 *   [size, ...)           what the prologue pushed (saved registers, frame pointer, return
 *                         address): the backend's own layout, padded to keep the alignment
 */
export interface Frame {
  /**
   * Bytes the prologue allocates below the saved registers: the outgoing-argument area
   * (at the stack pointer), then explicit stack slots and spill slots; aligned for calls.
   */
  size: number;
  /** Bytes at the stack pointer reserved for arguments passed on the stack to callees. */
  outgoingArgs: number;
  /** Callee-saved registers the function writes, so it must save them. */
  savedRegs: Reg[];
  /** Offset of each explicit stack slot from the stack pointer after the prologue. */
  slotOffsets: number[];
  /** Offset of each spill slot from the stack pointer after the prologue. */
  spillOffsets: number[];
}

/**
 * What an ISA backend provides to the ISA-neutral register allocator and emitter.
 * `I` is the backend's machine-instruction type; `A` its assembler.
 */
export interface MachineIsa<I, A> {
  readonly regs: RegisterInfo;
  /** Appends the register operands of `inst` to `out`, always in the same order for the same instruction. */
  operands(inst: I, out: Operand[]): void;
  /** Physical registers the instruction destroys besides its defs (calls: the caller-saved set). */
  clobbers(inst: I): readonly Reg[];
  /** If `inst` is a plain register-to-register copy, its [dst, src] (lets the allocator coalesce). */
  moveOf(inst: I): [Reg, Reg] | undefined;
  /** Emits a copy between two locations of the class (register or spill slot; never slot to slot). */
  emitMove(asm: A, cls: RegClass, dst: Location, src: Location, frame: Frame): void;
  /** Emits `inst` with its operands in the allocated physical registers (`regs[i]` for operand i). */
  emit(asm: A, inst: I, regs: readonly Reg[], frame: Frame, ctx: EmitContext): void;
  emitPrologue(asm: A, frame: Frame): void;
  /** Backends call this from their return instruction's `emit`. */
  emitEpilogue(asm: A, frame: Frame): void;
  /**
   * Emits the out-of-line path of a trap: report `code` and the Wasm function `funcIndex`
   * to the runtime's trap entry; it never returns. Reached by jumps to `ctx.trapLabel`.
   */
  emitTrap(asm: A, code: number, funcIndex: number): void;
}

/** What `emit` may ask of the function being emitted. */
export interface EmitContext {
  /** The assembler label of machine block `index`. */
  blockLabel(index: number): unknown;
  /** The label of this function's out-of-line path for trap `code` (made on first request). */
  trapLabel(code: number): unknown;
  /** Index of the block being emitted, so a branch to the next block can fall through. */
  readonly currentBlock: number;
}

export type { Allocation, VCode };
