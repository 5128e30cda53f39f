/** @mewz/backend-aarch64: registers, instruction encoder, assembler, relocation types and code generation. */
export * from './registers.js';
export { CodeBuffer, Label, sym, isLabel, isSymbolRef, type Fixup, type SymbolRef, type Target } from '@mewz/compiler';
export { conditionCodes, invertCond, type Cond } from './encoder/conditions.js';
export {
  EncodingError,
  mem,
  memIndex,
  isGpr,
  isFp,
  isMem,
  isImm,
  logicalImm,
  addSubImm,
  fpImm8,
  type Imm,
  type Mem,
  type IndexExtend,
} from './encoder/operands.js';
export {
  addSubOps,
  logicOps,
  divShiftOps,
  bitOps,
  condSelectOps,
  type AddSubOp,
  type LogicOp,
  type DivShiftOp,
  type BitOp,
  type CondSelectOp,
  type Shift,
  type Extend,
  type ExtendOp,
  type ShiftedReg,
  type ExtendedReg,
  type Operand2,
} from './encoder/integer.js';
export { offsetFits, type Width, type FpBits } from './encoder/memory.js';
export { fpBinOps, fpUnaryOps, convertOps, type FpBinOp, type FpUnaryOp, type ConvertOp, type FloatType } from './encoder/float.js';
export { hintOps, barrierOptions, type HintOp, type BarrierOption, type ExceptionOp } from './encoder/system.js';
export { Assembler, movImmWords, type AssemblerOutput } from './assembler.js';
export { memoryBuiltins } from './memory-builtins.js';
export { relocationTypes, type A64RelocationName } from './relocations.js';
export * from './pregs.js';
export {
  callingConvention,
  registers as registerList,
  registerInfo,
  callLayout,
  type CallLayout,
  type ArgLocation,
  type ResultLocation,
  INT_ARG_REGS,
  FLOAT_ARG_REGS,
  INT_RESULT_REGS,
  FLOAT_RESULT_REGS,
  CALLEE_SAVED,
  CALLER_SAVED,
} from './abi.js';
export type { A64Inst, Amode, Condition, FlagsOp } from './inst.js';
export { mapOperands } from './inst.js';
export { selectInstructions } from './isel.js';
export { machineIsa } from './machine-isa.js';
export { frameBytes } from './frame.js';
export { printVCode, formatInst, formatAllocatedInst } from './print.js';
export { FunctionAssembler, type FunctionOutput } from './function-assembler.js';
export { selectStage, allocateStage, emitStage } from './compile.js';
export { explainFunction, EXPLAIN_STAGES } from './explain.js';
export { loadCapstone, type Disassemble, type DecodedInst, type LoadDisassembler } from './disassemble.js';
export { machineCodeListing } from './listing.js';
export { aarch64Backend, compileFunction } from './plugin.js';
