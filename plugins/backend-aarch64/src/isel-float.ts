/** Selection of float arithmetic, comparisons and conversions. */
import { FloatCond, type Inst } from '@mewz/compiler';
import type { Cond } from './encoder/conditions.js';
import type { Condition, FloatType, IntSize } from './inst.js';
import type { Isel } from './isel.js';
import { selectSelect } from './isel-int.js';

const isFloat = (t: string): t is FloatType => t === 'f32' || t === 'f64';

/**
 * The code of an fcmp. An unordered pair sets C and V (N and Z clear), so eq, mi, ls, gt
 * and ge are false for NaN and ne true: exactly Wasm's comparisons, one code each.
 */
const FLOAT_CC: Record<number, Cond> = {
  [FloatCond.eq]: 'eq',
  [FloatCond.ne]: 'ne',
  [FloatCond.lt]: 'mi',
  [FloatCond.le]: 'ls',
  [FloatCond.gt]: 'gt',
  [FloatCond.ge]: 'ge',
};

export function floatCondition(isel: Isel, inst: Inst): Condition {
  const [x, y] = inst.args;
  const type = isel.typeOf(x) as FloatType;
  const cc = FLOAT_CC[inst.imm];
  if (cc === undefined) throw new Error(`unknown float condition ${inst.imm}`);
  return { flags: { kind: 'fcmp', type, a: isel.use(x), b: isel.use(y) }, cc };
}

const UNARY: Partial<Record<string, 'sqrt' | 'floor' | 'ceil' | 'trunc' | 'nearest' | 'abs' | 'neg'>> = {
  sqrt: 'sqrt',
  floor: 'floor',
  ceil: 'ceil',
  trunc: 'trunc',
  nearest: 'nearest',
  abs: 'abs',
  neg: 'neg',
};

export function selectFloat(isel: Isel, inst: Inst): boolean {
  const result = inst.results[0];
  if (result === undefined) return false;
  const type = isel.typeOf(result);
  const [a, b] = inst.args;
  if (inst.op === 'fcmp') {
    isel.emit({ op: 'cset', cond: floatCondition(isel, inst), dst: isel.result(result) });
    return true;
  }
  const argType = a === undefined ? undefined : isel.typeOf(a);
  if ((inst.op === 'fcvt_to_s' || inst.op === 'fcvt_to_u' || inst.op === 'fcvt_to_s_sat' || inst.op === 'fcvt_to_u_sat') && argType && isFloat(argType)) {
    // fcvtz* saturate and give 0 for NaN: the saturating semantics, and the trapping
    // conversions were range-checked by the lowering before.
    const size: IntSize = type === 'i64' ? 64 : 32;
    const signed = inst.op === 'fcvt_to_s' || inst.op === 'fcvt_to_s_sat';
    isel.emit({ op: 'float_to_int', signed, size, type: argType, dst: isel.result(result), src: isel.use(a) });
    return true;
  }
  if (inst.op === 'bitcast' && argType) {
    const fromFloat = isFloat(argType);
    if (fromFloat === isFloat(type)) {
      isel.emit({ op: 'move', cls: fromFloat ? 'float' : 'int', dst: isel.result(result), src: isel.use(a) });
    } else {
      isel.emit({ op: 'bitcast', size: type === 'i64' || type === 'f64' ? 64 : 32, dst: isel.result(result), src: isel.use(a) });
    }
    return true;
  }
  if (!isFloat(type)) return false;
  const dst = (): number => isel.result(result);
  switch (inst.op) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'min':
    case 'max': {
      const x = isel.use(a);
      const y = isel.use(b);
      isel.emit({ op: 'fbin', fop: inst.op, type, dst: dst(), a: x, b: y });
      return true;
    }
    case 'copysign': {
      const x = isel.use(a);
      const y = isel.use(b);
      isel.emit({ op: 'fcopysign', type, dst: dst(), a: x, b: y });
      return true;
    }
    case 'promote':
    case 'demote':
      isel.emit({ op: 'fcvt', to: type, dst: dst(), src: isel.use(a) });
      return true;
    case 'fcvt_from_s':
    case 'fcvt_from_u':
      // scvtf/ucvtf from a w register read only its low half: a dirty i32 is fine.
      isel.emit({ op: 'int_to_float', signed: inst.op === 'fcvt_from_s', from: argType === 'i64' ? 64 : 32, type, dst: dst(), src: isel.use(a) });
      return true;
    case 'select':
      selectSelect(isel, inst);
      return true;
  }
  const unary = UNARY[inst.op];
  if (unary) {
    isel.emit({ op: 'funary', fop: unary, type, dst: dst(), src: isel.use(a) });
    return true;
  }
  return false;
}
