import { Op as W } from '@mewz/wasm';
import type { Value } from '../ir/function.js';
import { FloatCond, IntCond, type Op } from '../ir/ops.js';
import { type IrType, TrapCode } from '../ir/types.js';
import type { LowerContext } from './context.js';
import type { ControlStack } from './control.js';

type Entry = [op: Op, type: IrType, imm?: number];

/** Wasm operators that are one IR instruction on two operands. */
const BINARY = new Map<number, Entry>([
  [W.I32Add, ['add', 'i32']],
  [W.I32Sub, ['sub', 'i32']],
  [W.I32Mul, ['mul', 'i32']],
  [W.I32And, ['and', 'i32']],
  [W.I32Or, ['or', 'i32']],
  [W.I32Xor, ['xor', 'i32']],
  [W.I32Shl, ['shl', 'i32']],
  [W.I32ShrS, ['shr_s', 'i32']],
  [W.I32ShrU, ['shr_u', 'i32']],
  [W.I32Rotl, ['rotl', 'i32']],
  [W.I32Rotr, ['rotr', 'i32']],
  [W.I64Add, ['add', 'i64']],
  [W.I64Sub, ['sub', 'i64']],
  [W.I64Mul, ['mul', 'i64']],
  [W.I64And, ['and', 'i64']],
  [W.I64Or, ['or', 'i64']],
  [W.I64Xor, ['xor', 'i64']],
  [W.I64Shl, ['shl', 'i64']],
  [W.I64ShrS, ['shr_s', 'i64']],
  [W.I64ShrU, ['shr_u', 'i64']],
  [W.I64Rotl, ['rotl', 'i64']],
  [W.I64Rotr, ['rotr', 'i64']],
  [W.F32Add, ['add', 'f32']],
  [W.F32Sub, ['sub', 'f32']],
  [W.F32Mul, ['mul', 'f32']],
  [W.F32Div, ['div', 'f32']],
  [W.F32Min, ['min', 'f32']],
  [W.F32Max, ['max', 'f32']],
  [W.F32Copysign, ['copysign', 'f32']],
  [W.F64Add, ['add', 'f64']],
  [W.F64Sub, ['sub', 'f64']],
  [W.F64Mul, ['mul', 'f64']],
  [W.F64Div, ['div', 'f64']],
  [W.F64Min, ['min', 'f64']],
  [W.F64Max, ['max', 'f64']],
  [W.F64Copysign, ['copysign', 'f64']],
  // Comparisons produce an i32 whatever the operand type.
  [W.I32Eq, ['icmp', 'i32', IntCond.eq]],
  [W.I32Ne, ['icmp', 'i32', IntCond.ne]],
  [W.I32LtS, ['icmp', 'i32', IntCond.lt_s]],
  [W.I32LtU, ['icmp', 'i32', IntCond.lt_u]],
  [W.I32GtS, ['icmp', 'i32', IntCond.gt_s]],
  [W.I32GtU, ['icmp', 'i32', IntCond.gt_u]],
  [W.I32LeS, ['icmp', 'i32', IntCond.le_s]],
  [W.I32LeU, ['icmp', 'i32', IntCond.le_u]],
  [W.I32GeS, ['icmp', 'i32', IntCond.ge_s]],
  [W.I32GeU, ['icmp', 'i32', IntCond.ge_u]],
  [W.I64Eq, ['icmp', 'i32', IntCond.eq]],
  [W.I64Ne, ['icmp', 'i32', IntCond.ne]],
  [W.I64LtS, ['icmp', 'i32', IntCond.lt_s]],
  [W.I64LtU, ['icmp', 'i32', IntCond.lt_u]],
  [W.I64GtS, ['icmp', 'i32', IntCond.gt_s]],
  [W.I64GtU, ['icmp', 'i32', IntCond.gt_u]],
  [W.I64LeS, ['icmp', 'i32', IntCond.le_s]],
  [W.I64LeU, ['icmp', 'i32', IntCond.le_u]],
  [W.I64GeS, ['icmp', 'i32', IntCond.ge_s]],
  [W.I64GeU, ['icmp', 'i32', IntCond.ge_u]],
  [W.F32Eq, ['fcmp', 'i32', FloatCond.eq]],
  [W.F32Ne, ['fcmp', 'i32', FloatCond.ne]],
  [W.F32Lt, ['fcmp', 'i32', FloatCond.lt]],
  [W.F32Gt, ['fcmp', 'i32', FloatCond.gt]],
  [W.F32Le, ['fcmp', 'i32', FloatCond.le]],
  [W.F32Ge, ['fcmp', 'i32', FloatCond.ge]],
  [W.F64Eq, ['fcmp', 'i32', FloatCond.eq]],
  [W.F64Ne, ['fcmp', 'i32', FloatCond.ne]],
  [W.F64Lt, ['fcmp', 'i32', FloatCond.lt]],
  [W.F64Gt, ['fcmp', 'i32', FloatCond.gt]],
  [W.F64Le, ['fcmp', 'i32', FloatCond.le]],
  [W.F64Ge, ['fcmp', 'i32', FloatCond.ge]],
]);

/** Wasm operators that are one IR instruction on one operand (conversions included). */
const UNARY = new Map<number, Entry>([
  [W.I32Clz, ['clz', 'i32']],
  [W.I32Ctz, ['ctz', 'i32']],
  [W.I32Popcnt, ['popcnt', 'i32']],
  [W.I64Clz, ['clz', 'i64']],
  [W.I64Ctz, ['ctz', 'i64']],
  [W.I64Popcnt, ['popcnt', 'i64']],
  [W.F32Abs, ['abs', 'f32']],
  [W.F32Neg, ['neg', 'f32']],
  [W.F32Ceil, ['ceil', 'f32']],
  [W.F32Floor, ['floor', 'f32']],
  [W.F32Trunc, ['trunc', 'f32']],
  [W.F32Nearest, ['nearest', 'f32']],
  [W.F32Sqrt, ['sqrt', 'f32']],
  [W.F64Abs, ['abs', 'f64']],
  [W.F64Neg, ['neg', 'f64']],
  [W.F64Ceil, ['ceil', 'f64']],
  [W.F64Floor, ['floor', 'f64']],
  [W.F64Trunc, ['trunc', 'f64']],
  [W.F64Nearest, ['nearest', 'f64']],
  [W.F64Sqrt, ['sqrt', 'f64']],
  [W.I32Extend8S, ['sext', 'i32', 8]],
  [W.I32Extend16S, ['sext', 'i32', 16]],
  [W.I64Extend8S, ['sext', 'i64', 8]],
  [W.I64Extend16S, ['sext', 'i64', 16]],
  [W.I64Extend32S, ['sext', 'i64', 32]],
  [W.I32WrapI64, ['wrap', 'i32']],
  [W.I64ExtendI32S, ['extend_s', 'i64']],
  [W.I64ExtendI32U, ['extend_u', 'i64']],
  [W.F32ConvertI32S, ['fcvt_from_s', 'f32']],
  [W.F32ConvertI32U, ['fcvt_from_u', 'f32']],
  [W.F32ConvertI64S, ['fcvt_from_s', 'f32']],
  [W.F32ConvertI64U, ['fcvt_from_u', 'f32']],
  [W.F64ConvertI32S, ['fcvt_from_s', 'f64']],
  [W.F64ConvertI32U, ['fcvt_from_u', 'f64']],
  [W.F64ConvertI64S, ['fcvt_from_s', 'f64']],
  [W.F64ConvertI64U, ['fcvt_from_u', 'f64']],
  [W.F32DemoteF64, ['demote', 'f32']],
  [W.F64PromoteF32, ['promote', 'f64']],
  [W.I32ReinterpretF32, ['bitcast', 'i32']],
  [W.I64ReinterpretF64, ['bitcast', 'i64']],
  [W.F32ReinterpretI32, ['bitcast', 'f32']],
  [W.F64ReinterpretI64, ['bitcast', 'f64']],
  [W.I32TruncSatF32S, ['fcvt_to_s_sat', 'i32']],
  [W.I32TruncSatF32U, ['fcvt_to_u_sat', 'i32']],
  [W.I32TruncSatF64S, ['fcvt_to_s_sat', 'i32']],
  [W.I32TruncSatF64U, ['fcvt_to_u_sat', 'i32']],
  [W.I64TruncSatF32S, ['fcvt_to_s_sat', 'i64']],
  [W.I64TruncSatF32U, ['fcvt_to_u_sat', 'i64']],
  [W.I64TruncSatF64S, ['fcvt_to_s_sat', 'i64']],
  [W.I64TruncSatF64U, ['fcvt_to_u_sat', 'i64']],
]);

/** Division and remainder: explicit traps before the (pure) IR operation. */
const DIVISION = new Map<number, Entry>([
  [W.I32DivS, ['div_s', 'i32']],
  [W.I32DivU, ['div_u', 'i32']],
  [W.I32RemS, ['rem_s', 'i32']],
  [W.I32RemU, ['rem_u', 'i32']],
  [W.I64DivS, ['div_s', 'i64']],
  [W.I64DivU, ['div_u', 'i64']],
  [W.I64RemS, ['rem_s', 'i64']],
  [W.I64RemU, ['rem_u', 'i64']],
]);

/** Lowers a numeric instruction without immediates; returns false if `op` is not one. */
export function lowerNumeric(ctx: LowerContext, stack: ControlStack, op: number): boolean {
  const bin = BINARY.get(op);
  if (bin) {
    const y = stack.pop();
    const x = stack.pop();
    stack.push(ctx.op(bin[0], bin[1], [x, y], bin[2]));
    return true;
  }
  const un = UNARY.get(op);
  if (un) {
    stack.push(ctx.op(un[0], un[1], [stack.pop()], un[2]));
    return true;
  }
  const div = DIVISION.get(op);
  if (div) {
    const y = stack.pop();
    const x = stack.pop();
    stack.push(lowerDivision(ctx, div[0], div[1], x, y));
    return true;
  }
  switch (op) {
    case W.I32Eqz:
      stack.push(ctx.icmp(IntCond.eq, stack.pop(), ctx.i32(0)));
      return true;
    case W.I64Eqz:
      stack.push(ctx.icmp(IntCond.eq, stack.pop(), ctx.i64(0)));
      return true;
  }
  return false;
}

function lowerDivision(ctx: LowerContext, op: Op, type: IrType, x: Value, y: Value): Value {
  ctx.trapUnless(y, TrapCode.IntegerDivideByZero);
  const minusOne = (): Value => (type === 'i32' ? ctx.i32(-1) : ctx.i64(-1));
  if (op === 'div_s') {
    // INT_MIN / -1 overflows.
    const min = type === 'i32' ? ctx.i32(0x80000000) : ctx.i64(1n << 63n);
    const overflow = ctx.op('and', 'i32', [ctx.icmp(IntCond.eq, x, min), ctx.icmp(IntCond.eq, y, minusOne())]);
    ctx.trapIf(overflow, TrapCode.IntegerOverflow);
  } else if (op === 'rem_s') {
    // x rem -1 is 0 for every x, and so is x rem 1: dividing by 1 instead keeps the
    // machine instruction from faulting on INT_MIN rem -1.
    const one = type === 'i32' ? ctx.i32(1) : ctx.i64(1);
    y = ctx.op('select', type, [ctx.icmp(IntCond.eq, y, minusOne()), one, y]);
  }
  return ctx.op(op, type, [x, y]);
}
