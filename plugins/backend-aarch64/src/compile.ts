/**
 * Code generation for one function: instruction selection, the ISA-neutral register
 * allocator, emission into a function assembler (jump tables after the
 * code). The IR function's critical edges are split in place first.
 *
 * Each step is its own function so that `compileFunction` and explain.ts (which prints
 * what each step made) run the same pipeline.
 */
import { allocateRegisters, type Allocation, emitFunction, type IrFunction, type VCode } from '@mewz/compiler';
import { FunctionAssembler, type FunctionOutput } from './function-assembler.js';
import type { A64Inst } from './inst.js';
import { selectInstructions } from './isel.js';
import { machineIsa } from './machine-isa.js';

/** Step 1: instructions over virtual registers (splits `ir`'s critical edges in place). */
export function selectStage(ir: IrFunction, funcIndex: number): VCode<A64Inst> {
  return selectInstructions(ir, funcIndex);
}

/** Step 2: physical registers, copies and the frame. */
export function allocateStage(vcode: VCode<A64Inst>): Allocation {
  return allocateRegisters(vcode, machineIsa);
}

/** Step 3: machine code, with relocations for the symbols it refers to. */
export function emitStage(vcode: VCode<A64Inst>, allocation: Allocation): FunctionOutput {
  const asm = new FunctionAssembler();
  emitFunction(vcode, allocation, machineIsa, asm);
  return asm.finish();
}

/** Machine code of `ir` (Wasm function `funcIndex`, or -1 for generated functions, as trap reports show it). */
export function compileFunction(ir: IrFunction, funcIndex: number): FunctionOutput {
  const vcode = selectStage(ir, funcIndex);
  return emitStage(vcode, allocateStage(vcode));
}
