import type { Allocation, Edit } from './allocation.js';
import type { EmitContext, Frame, MachineIsa } from './isa.js';
import type { Reg } from './regs.js';
import type { VCode } from './vcode.js';

/**
 * What the emission driver needs of an assembler besides what the ISA's hooks do with
 * it: making and binding labels. Every assembler of ours (and core's `Assembler`)
 * already has this shape, so the ISA needs no extra hook.
 */
export interface LabelSink<L = unknown> {
  newLabel(): L;
  bind(label: L): unknown;
}

/**
 * Emits an allocated function: the prologue, then every block in layout order (its
 * label, its `blockStart` copies, and each instruction after its `before` copies; the
 * `blockEnd` copies go right before the block's last instruction), then the out-of-line
 * trap paths that the instructions asked for through `ctx.trapLabel`.
 *
 * A move (`isa.moveOf`) whose operands all got the same register is not emitted.
 */
export function emitFunction<I, A extends LabelSink>(
  vcode: VCode<I>,
  allocation: Allocation,
  isa: MachineIsa<I, A>,
  asm: A,
): void {
  const frame = allocation.frame;
  const labels = vcode.blocks.map(() => asm.newLabel());
  const traps = new Map<number, unknown>();
  const ctx: { currentBlock: number } & EmitContext = {
    currentBlock: 0,
    blockLabel(index: number): unknown {
      const label = labels[index];
      if (label === undefined) throw new Error(`${vcode.name}: no block ${index}`);
      return label;
    },
    trapLabel(code: number): unknown {
      let label = traps.get(code);
      if (label === undefined) {
        label = asm.newLabel();
        traps.set(code, label);
      }
      return label;
    },
  };

  isa.emitPrologue(asm, frame);
  for (let b = 0; b < vcode.blocks.length; b++) {
    const block = vcode.blocks[b];
    ctx.currentBlock = b;
    asm.bind(labels[b]);
    emitEdits(isa, asm, allocation.blockStart[b], frame);
    const last = block.insts.length - 1;
    for (let i = 0; i <= last; i++) {
      emitEdits(isa, asm, allocation.before[b][i], frame);
      if (i === last) emitEdits(isa, asm, allocation.blockEnd[b], frame);
      const inst = block.insts[i];
      const regs = allocation.regs[b][i];
      if (isNoopMove(isa, inst, regs)) continue;
      isa.emit(asm, inst, regs, frame, ctx);
    }
  }
  for (const [code, label] of traps) {
    asm.bind(label);
    isa.emitTrap(asm, code, vcode.funcIndex);
  }
}

function emitEdits<I, A>(isa: MachineIsa<I, A>, asm: A, edits: readonly Edit[] | undefined, frame: Frame): void {
  if (edits === undefined) return;
  for (const e of edits) isa.emitMove(asm, e.cls, e.dst, e.src, frame);
}

/** A register copy whose source and destination were coalesced into one register. */
export function isNoopMove<I, A>(isa: MachineIsa<I, A>, inst: I, regs: readonly Reg[]): boolean {
  if (regs.length < 2 || isa.moveOf(inst) === undefined) return false;
  for (let i = 1; i < regs.length; i++) if (regs[i] !== regs[0]) return false;
  return true;
}
