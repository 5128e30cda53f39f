/** Emits single machine instructions over physical registers, as the driver would after allocation. */
import type { EmitContext, Frame, Label, Operand } from '@mewz/compiler';
import { FunctionAssembler, machineIsa, type X64Inst } from '../src/index.js';

export const testFrame: Frame = { size: 48, outgoingArgs: 16, savedRegs: [], slotOffsets: [16], spillOffsets: [32, 40] };

export interface Emitted {
  /** The instruction bytes (without the constant pool). */
  code: Uint8Array;
  /** Offset where every block and trap label is bound: right after the code. */
  end: number;
}

/**
 * Emits `insts` (registers already physical) as block `currentBlock` of a function whose
 * other blocks and trap paths all start right after them.
 */
export function emitPhysical(insts: readonly X64Inst[], opts: { frame?: Frame; currentBlock?: number } = {}): Emitted {
  const asm = new FunctionAssembler();
  const end = asm.newLabel();
  const ctx: EmitContext = { currentBlock: opts.currentBlock ?? 100, blockLabel: () => end, trapLabel: () => end };
  for (const inst of insts) {
    const ops: Operand[] = [];
    machineIsa.operands(inst, ops);
    machineIsa.emit(asm, inst, ops.map((o) => o.fixed ?? o.reg), opts.frame ?? testFrame, ctx);
  }
  asm.bind(end);
  const out = asm.finish();
  const at = out.offsetOf(end as Label);
  return { code: out.code.slice(0, at), end: at };
}
