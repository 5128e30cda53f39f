/**
 * The backend's half of `mewz dump`: the steps of compile.ts for one function, each
 * printed right after it runs, so each listing is what that step produced.
 */
import { type IrFunction, printAllocation } from '@mewz/compiler';
import type { CompileStage, ExplainOptions } from '@mewz/core';
import { allocateStage, emitStage, selectStage } from './compile.js';
import { type LoadDisassembler, loadCapstone } from './disassemble.js';
import type { FunctionOutput } from './function-assembler.js';
import { machineCodeListing } from './listing.js';
import { machineIsa } from './machine-isa.js';
import { formatAllocatedInst, printVCode } from './print.js';

/** The stage names, in pipeline order. */
export const EXPLAIN_STAGES = ['vcode', 'regalloc', 'asm'] as const;

/**
 * Compiles `ir` as compileFunction does and returns the wanted stages as text.
 * `loadDisassembler` is capstone outside tests.
 */
export async function explainFunction(
  ir: IrFunction,
  funcIndex: number,
  options: ExplainOptions = {},
  loadDisassembler: LoadDisassembler = loadCapstone,
): Promise<CompileStage[]> {
  const wanted = (name: string): boolean => options.stages === undefined || options.stages.includes(name);
  const stages: CompileStage[] = [];
  const vcode = selectStage(ir, funcIndex);
  if (wanted('vcode')) stages.push({ name: 'vcode', title: 'instruction selection (VCode)', text: printVCode(vcode) });
  if (!wanted('regalloc') && !wanted('asm')) return stages;
  const allocation = allocateStage(vcode);
  if (wanted('regalloc')) {
    stages.push({ name: 'regalloc', title: 'register allocation', text: printAllocation(vcode, allocation, machineIsa, formatAllocatedInst) });
  }
  if (wanted('asm')) {
    const out = emitStage(vcode, allocation);
    stages.push({ name: 'asm', title: 'machine code', text: await asmText(out, loadDisassembler) });
  }
  return stages;
}

async function asmText(out: FunctionOutput, load: LoadDisassembler): Promise<string> {
  let disassemble;
  try {
    disassemble = await load();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return machineCodeListing(out, undefined, `no disassembler (capstone-wasm did not load: ${reason}); instructions as bytes`);
  }
  return machineCodeListing(out, disassemble(out.code.subarray(0, out.codeSize)));
}
