/** @mewz/backend-x86_64: registers, instruction encoder, assembler and relocation types. */
export * from './registers.js';
export { CodeBuffer, Label, sym, isLabel, isSymbolRef, type Fixup, type SymbolRef, type Target } from '@mewz/compiler';
export { conditionCodes, invertCond, type Cond } from './encoder/conditions.js';
export {
  EncodingError,
  mem,
  rip,
  isGpr,
  isXmm,
  isMem,
  isImm,
  type Imm,
  type Mem,
  type MemOperand,
  type RipMem,
  type RM,
  type Scale,
} from './encoder/operands.js';
export { aluOps, unaryOps, mulDivOps, shiftOps, bitScanOps, type AluOp, type UnaryOp, type MulDivOp, type ShiftOp, type BitScanOp } from './encoder/integer.js';
export {
  sseOps,
  sseMoveOps,
  intToFloatOps,
  floatToIntOps,
  roundOps,
  type SseOp,
  type SseMoveOp,
  type IntToFloatOp,
  type FloatToIntOp,
  type RoundOp,
} from './encoder/float.js';
export { fixedOps, descriptorOps, type FixedOp, type DescriptorOp } from './encoder/system.js';
export { Assembler, type AssemblerOutput } from './assembler.js';
export { memoryBuiltins } from './memory-builtins.js';
export { relocationTypes, type X86RelocationName } from './relocations.js';
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
export type { X64Inst, Amode, Condition, FlagsOp } from './inst.js';
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
export { x86_64Backend, compileFunction } from './plugin.js';
