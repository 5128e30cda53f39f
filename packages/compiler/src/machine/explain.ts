/**
 * The ISA-neutral half of `mewz dump`: runs a backend's compile steps for one function and
 * prints each right after it runs, so each listing is what that step produced. The
 * backend supplies its steps and printers as an ExplainPipeline.
 */
import type { IrFunction } from '../ir/function.js';
import { printAllocation } from '../regalloc/print.js';
import type { Allocation } from './allocation.js';
import type { Disassemble, LoadDisassembler } from './disassembly.js';
import type { MachineIsa } from './isa.js';
import type { MachineCode } from './listing.js';
import type { Reg } from './regs.js';
import type { VCode } from './vcode.js';

/** The stage names, in pipeline order. */
export const EXPLAIN_STAGES = ['vcode', 'regalloc', 'asm'] as const;

/** One stage as text (the shape of @mewz/core's CompileStage). */
export interface ExplainedStage {
  readonly name: string;
  readonly title: string;
  readonly text: string;
}

/** A backend's compile steps (the ones its compileFunction runs) and its printers. */
export interface ExplainPipeline<I, A, O extends MachineCode> {
  readonly isa: MachineIsa<I, A>;
  select(ir: IrFunction, funcIndex: number): VCode<I>;
  allocate(vcode: VCode<I>): Allocation;
  emit(vcode: VCode<I>, allocation: Allocation): O;
  printVCode(vcode: VCode<I>): string;
  formatAllocatedInst(inst: I, regs: readonly Reg[]): string;
  /** The machine-code listing; `decoded` is undefined when no disassembler loaded (`note` says why). */
  listing(out: O, decoded: ReturnType<Disassemble> | undefined, note?: string): string;
}

/**
 * Compiles `ir` through `pipeline` and returns the wanted stages (all when `stages` is
 * undefined) as text. Later steps run only when a later stage is wanted.
 */
export async function explainStages<I, A, O extends MachineCode>(
  pipeline: ExplainPipeline<I, A, O>,
  ir: IrFunction,
  funcIndex: number,
  stages: readonly string[] | undefined,
  loadDisassembler: LoadDisassembler,
): Promise<ExplainedStage[]> {
  const wanted = (name: string): boolean => stages === undefined || stages.includes(name);
  const out: ExplainedStage[] = [];
  const vcode = pipeline.select(ir, funcIndex);
  if (wanted('vcode')) out.push({ name: 'vcode', title: 'instruction selection (VCode)', text: pipeline.printVCode(vcode) });
  if (!wanted('regalloc') && !wanted('asm')) return out;
  const allocation = pipeline.allocate(vcode);
  if (wanted('regalloc')) {
    const text = printAllocation(vcode, allocation, pipeline.isa, (inst, regs) => pipeline.formatAllocatedInst(inst, regs));
    out.push({ name: 'regalloc', title: 'register allocation', text });
  }
  if (wanted('asm')) {
    const code = pipeline.emit(vcode, allocation);
    out.push({ name: 'asm', title: 'machine code', text: await asmText(pipeline, code, loadDisassembler) });
  }
  return out;
}

async function asmText<I, A, O extends MachineCode>(pipeline: ExplainPipeline<I, A, O>, code: O, load: LoadDisassembler): Promise<string> {
  let disassemble: Disassemble;
  try {
    disassemble = await load();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return pipeline.listing(code, undefined, `no disassembler (capstone-wasm did not load: ${reason}); instructions as bytes`);
  }
  return pipeline.listing(code, disassemble(code.code.subarray(0, code.codeSize)));
}
