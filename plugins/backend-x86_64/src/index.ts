/** @mewz/backend-x86_64: registers, instruction encoder, assembler and relocation types. */
export * from './registers.js';
export { CodeBuffer, Label, sym, isLabel, isSymbolRef, type Fixup, type SymbolRef, type Target } from './code-buffer.js';
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
export { relocationTypes, type X86RelocationName } from './relocations.js';
