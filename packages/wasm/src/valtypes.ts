import type { RefType, ValType } from './model.js';

/**
 * Value types as binary codes, used wherever speed matters (operand stacks are byte
 * arrays of these). 0 is never a type: the validator uses it for "unknown".
 */
export enum TypeCode {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
}

const NAMES: Record<number, ValType> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};

const CODES: Record<ValType, number> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
};

export function isValTypeCode(b: number): boolean {
  return (b >= 0x7b && b <= 0x7f) || b === 0x70 || b === 0x6f;
}

export function isRefTypeCode(b: number): boolean {
  return b === 0x70 || b === 0x6f;
}

export function isNumTypeCode(b: number): boolean {
  return b >= 0x7c && b <= 0x7f;
}

/** The ValType of a binary type code (the code must be valid). */
export function valTypeOf(code: number): ValType {
  return NAMES[code];
}

export function refTypeOf(code: number): RefType {
  return NAMES[code] as RefType;
}

export function valTypeCode(t: ValType): number {
  return CODES[t];
}

/** The single result type of a value-typed block type (see InstructionReader.blockType). */
export function blockResultType(blockType: number): ValType | undefined {
  return blockType < 0 ? NAMES[blockType + 0x80] : undefined;
}
