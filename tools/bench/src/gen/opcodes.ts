// The slice of the Wasm 2.0 instruction set the synthetic module uses, as tables keyed by
// value type so the body generator can pick "any binary op producing f64" in one line.

export type ValType = 'i32' | 'i64' | 'f32' | 'f64';

export const VALTYPES: readonly ValType[] = ['i32', 'i64', 'f32', 'f64'];

export const VALTYPE_BYTE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };

export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  callIndirect: 0x11,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  globalGet: 0x23,
  globalSet: 0x24,
  memorySize: 0x3f,
  memoryGrow: 0x40,
  i32Const: 0x41,
  i64Const: 0x42,
  f32Const: 0x43,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32Add: 0x6a,
  i32And: 0x71,
  i32LtU: 0x49,
  prefixFC: 0xfc,
  emptyBlockType: 0x40,
} as const;

/** 0xFC-prefixed sub-opcodes. */
export const FC = { memoryCopy: 10, memoryFill: 11 } as const;

/** Binary operators: [opcode] by operand (= result) type. Division included: traps don't matter. */
export const BINARY: Record<ValType, readonly number[]> = {
  // add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr
  i32: range(0x6a, 0x78),
  i64: range(0x7c, 0x8a),
  // add sub mul div min max copysign
  f32: range(0x92, 0x98),
  f64: range(0xa0, 0xa6),
};

/** Unary operators with the same operand and result type. */
export const UNARY: Record<ValType, readonly number[]> = {
  i32: [0x67, 0x68, 0x69, 0xc0, 0xc1], // clz ctz popcnt extend8_s extend16_s
  i64: [0x79, 0x7a, 0x7b, 0xc2, 0xc3, 0xc4],
  f32: range(0x8b, 0x91), // abs neg ceil floor trunc nearest sqrt
  f64: range(0x99, 0x9f),
};

/** Comparisons (result i32) by operand type; eqz is handled separately as it is unary. */
export const COMPARE: Record<ValType, readonly number[]> = {
  i32: range(0x46, 0x4f),
  i64: range(0x51, 0x5a),
  f32: range(0x5b, 0x60),
  f64: range(0x61, 0x66),
};

/** Conversions: [opcode, operand type] by result type. Entries ≥ 0x100 are 0xFC-prefixed. */
export const CONVERT: Record<ValType, readonly (readonly [number, ValType])[]> = {
  i32: [
    [0xa7, 'i64'], [0xa8, 'f32'], [0xa9, 'f32'], [0xaa, 'f64'], [0xab, 'f64'], [0xbc, 'f32'],
    [0x100, 'f32'], [0x101, 'f32'], [0x102, 'f64'], [0x103, 'f64'], // trunc_sat
  ],
  i64: [
    [0xac, 'i32'], [0xad, 'i32'], [0xae, 'f32'], [0xaf, 'f32'], [0xb0, 'f64'], [0xb1, 'f64'], [0xbd, 'f64'],
    [0x104, 'f32'], [0x105, 'f32'], [0x106, 'f64'], [0x107, 'f64'],
  ],
  f32: [[0xb2, 'i32'], [0xb3, 'i32'], [0xb4, 'i64'], [0xb5, 'i64'], [0xb6, 'f64'], [0xbe, 'i32']],
  f64: [[0xb7, 'i32'], [0xb8, 'i32'], [0xb9, 'i64'], [0xba, 'i64'], [0xbb, 'f32'], [0xbf, 'i64']],
};

/** A memory access: opcode and log2 of its natural alignment (the largest valid align). */
export interface MemOp {
  op: number;
  align: number;
}

export const LOAD: Record<ValType, readonly MemOp[]> = {
  i32: [{ op: 0x28, align: 2 }, { op: 0x2c, align: 0 }, { op: 0x2d, align: 0 }, { op: 0x2e, align: 1 }, { op: 0x2f, align: 1 }],
  i64: [{ op: 0x29, align: 3 }, { op: 0x30, align: 0 }, { op: 0x33, align: 1 }, { op: 0x34, align: 2 }, { op: 0x35, align: 2 }],
  f32: [{ op: 0x2a, align: 2 }],
  f64: [{ op: 0x2b, align: 3 }],
};

export const STORE: Record<ValType, readonly MemOp[]> = {
  i32: [{ op: 0x36, align: 2 }, { op: 0x3a, align: 0 }, { op: 0x3b, align: 1 }],
  i64: [{ op: 0x37, align: 3 }, { op: 0x3c, align: 0 }, { op: 0x3e, align: 2 }],
  f32: [{ op: 0x38, align: 2 }],
  f64: [{ op: 0x39, align: 3 }],
};

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let op = from; op <= to; op++) out.push(op);
  return out;
}
