/**
 * Code generation for one function: instruction selection, the ISA-neutral register
 * allocator, emission into a function assembler (constant pool and jump tables after the
 * code). The IR function's critical edges are split in place first.
 */
import { allocateRegisters, emitFunction, type IrFunction } from '@mewz/compiler';
import type { AssemblerOutput } from './assembler.js';
import { FunctionAssembler } from './function-assembler.js';
import { selectInstructions } from './isel.js';
import { machineIsa } from './machine-isa.js';

/** Machine code of `ir` (Wasm function `funcIndex`, or -1 for generated functions, as trap reports show it). */
export function compileFunction(ir: IrFunction, funcIndex: number): AssemblerOutput {
  const vcode = selectInstructions(ir, funcIndex);
  const allocation = allocateRegisters(vcode, machineIsa);
  const asm = new FunctionAssembler();
  emitFunction(vcode, allocation, machineIsa, asm);
  return asm.finish();
}
