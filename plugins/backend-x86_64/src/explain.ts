/**
 * The backend's half of `mewz dump`: the steps of compile.ts for one function, run and
 * printed by the compiler's explainStages, so each listing is what that step produced.
 */
import { EXPLAIN_STAGES, type ExplainPipeline, explainStages, type IrFunction } from '@mewz/compiler';
import type { CompileStage, ExplainOptions } from '@mewz/core';
import { allocateStage, emitStage, selectStage } from './compile.js';
import { type LoadDisassembler, loadCapstone } from './disassemble.js';
import type { FunctionAssembler, FunctionOutput } from './function-assembler.js';
import type { X64Inst } from './inst.js';
import { machineCodeListing } from './listing.js';
import { machineIsa } from './machine-isa.js';
import { formatAllocatedInst, printVCode } from './print.js';

export { EXPLAIN_STAGES };

const pipeline: ExplainPipeline<X64Inst, FunctionAssembler, FunctionOutput> = {
  isa: machineIsa,
  select: selectStage,
  allocate: allocateStage,
  emit: emitStage,
  printVCode,
  formatAllocatedInst,
  listing: machineCodeListing,
};

/**
 * Compiles `ir` as compileFunction does and returns the wanted stages as text.
 * `loadDisassembler` is capstone outside tests.
 */
export function explainFunction(
  ir: IrFunction,
  funcIndex: number,
  options: ExplainOptions = {},
  loadDisassembler: LoadDisassembler = loadCapstone,
): Promise<CompileStage[]> {
  return explainStages(pipeline, ir, funcIndex, options.stages, loadDisassembler);
}
