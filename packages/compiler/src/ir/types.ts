/**
 * Value types of the IR. Wasm references (funcref, externref) are native pointers on
 * every target we support, so they are `i64` here: null is 0.
 */
export type IrType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';

export const isIntType = (t: IrType): t is 'i32' | 'i64' => t === 'i32' || t === 'i64';
export const isFloatType = (t: IrType): t is 'f32' | 'f64' => t === 'f32' || t === 'f64';

/** Width in bits of a scalar type. */
export function bitWidth(t: IrType): 32 | 64 | 128 {
  switch (t) {
    case 'i32':
    case 'f32':
      return 32;
    case 'i64':
    case 'f64':
      return 64;
    case 'v128':
      return 128;
  }
}

/**
 * Why generated code stops. The order is the ABI between compiled code and the runtime's
 * trap path (the code is passed in a register), so append only.
 */
export const TrapCode = {
  Unreachable: 0,
  IntegerDivideByZero: 1,
  IntegerOverflow: 2,
  InvalidConversion: 3,
  OutOfBoundsMemory: 4,
  OutOfBoundsTable: 5,
  UndefinedElement: 6,
  UninitializedElement: 7,
  IndirectCallTypeMismatch: 8,
  CallStackExhausted: 9,
  NullReference: 10,
} as const;
export type TrapCode = (typeof TrapCode)[keyof typeof TrapCode];

/** The messages the spec test suite uses for each trap. */
export const trapMessage: Record<TrapCode, string> = {
  [TrapCode.Unreachable]: 'unreachable',
  [TrapCode.IntegerDivideByZero]: 'integer divide by zero',
  [TrapCode.IntegerOverflow]: 'integer overflow',
  [TrapCode.InvalidConversion]: 'invalid conversion to integer',
  [TrapCode.OutOfBoundsMemory]: 'out of bounds memory access',
  [TrapCode.OutOfBoundsTable]: 'out of bounds table access',
  [TrapCode.UndefinedElement]: 'undefined element',
  [TrapCode.UninitializedElement]: 'uninitialized element',
  [TrapCode.IndirectCallTypeMismatch]: 'indirect call type mismatch',
  [TrapCode.CallStackExhausted]: 'call stack exhausted',
  [TrapCode.NullReference]: 'null reference',
};
