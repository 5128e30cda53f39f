/** Selection of float arithmetic, comparisons and conversions (SSE2 + SSE4.1 scalar). */
import { FloatCond, type Inst } from '@mewz/compiler';
import type { Cond } from './encoder/conditions.js';
import type { Condition, FloatType, IntSize } from './inst.js';
import type { Isel } from './isel.js';
import { selectSelect } from './isel-int.js';

const isFloat = (t: string): t is FloatType => t === 'f32' || t === 'f64';

/**
 * The flags and codes of an fcmp. ucomis sets ZF, PF and CF all to 1 for unordered
 * operands, so "above" (CF=0, ZF=0) and "above or equal" (CF=0) are false for NaN: `<`
 * and `≤` swap the operands to use them. Equality needs ZF=1 and PF=0.
 */
export function floatCondition(isel: Isel, inst: Inst): Condition {
  const [x, y] = inst.args;
  const type = isel.typeOf(x) as FloatType;
  const a = isel.use(x);
  const b = isel.use(y);
  const same = isel.func.resolve(x) === isel.func.resolve(y);
  const cmp = (p: number, q: number, ccs: Cond[], all = false): Condition => ({ flags: { kind: 'ucomis', type, a: p, b: q }, ccs, all });
  switch (inst.imm) {
    case FloatCond.eq:
      return same ? cmp(a, b, ['np']) : cmp(a, b, ['e', 'np'], true);
    case FloatCond.ne:
      return same ? cmp(a, b, ['p']) : cmp(a, b, ['ne', 'p']);
    case FloatCond.lt:
      return cmp(b, a, ['a']);
    case FloatCond.le:
      return cmp(b, a, ['ae']);
    case FloatCond.gt:
      return cmp(a, b, ['a']);
    case FloatCond.ge:
      return cmp(a, b, ['ae']);
  }
  throw new Error(`unknown float condition ${inst.imm}`);
}

export function selectFloat(isel: Isel, inst: Inst): boolean {
  const result = inst.results[0];
  if (result === undefined) return false;
  const type = isel.typeOf(result);
  const [a, b] = inst.args;
  if (inst.op === 'fcmp') {
    const cond = floatCondition(isel, inst);
    const tmp = cond.ccs.length > 1 ? isel.temp('int') : undefined;
    isel.emit({ op: 'setcc', cond, dst: isel.result(result), tmp });
    return true;
  }
  const argType = a === undefined ? undefined : isel.typeOf(a);
  // Conversions out of floats produce integers.
  if ((inst.op === 'fcvt_to_s' || inst.op === 'fcvt_to_u' || inst.op === 'fcvt_to_s_sat' || inst.op === 'fcvt_to_u_sat') && argType && isFloat(argType)) {
    const size: IntSize = type === 'i64' ? 64 : 32;
    const kind = inst.op === 'fcvt_to_s' ? 'trap_s' : inst.op === 'fcvt_to_u' ? 'trap_u' : inst.op === 'fcvt_to_s_sat' ? 'sat_s' : 'sat_u';
    // Unsigned 64-bit results above 2^63 are converted from x - 2^64 in a float temporary.
    const tmp = (kind === 'trap_u' || kind === 'sat_u') && size === 64 ? isel.temp('float') : undefined;
    isel.emit({ op: 'float_to_int', kind, type: argType, size, dst: isel.result(result), src: isel.use(a), tmp });
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
  const inPlace = (): number => {
    const d = dst();
    isel.emit({ op: 'move', cls: 'float', dst: d, src: isel.use(a) });
    return d;
  };
  switch (inst.op) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const fromMemory = isel.memoryOperandOf(inst);
      if (fromMemory) {
        const d = dst();
        const amode = fromMemory.amode;
        isel.emit({ op: 'move', cls: 'float', dst: d, src: isel.use(fromMemory.other) });
        isel.emit({ op: 'fbin_mem', fop: inst.op, type, dst: d, amode });
        return true;
      }
      const src = isel.use(b);
      isel.emit({ op: 'fbin', fop: inst.op, type, dst: inPlace(), src });
      return true;
    }
    case 'min':
    case 'max': {
      const src = isel.use(b);
      isel.emit({ op: 'fminmax', max: inst.op === 'max', type, dst: inPlace(), src });
      return true;
    }
    case 'copysign': {
      const src = isel.use(b);
      isel.emit({ op: 'fcopysign', type, dst: inPlace(), src, tmp: isel.temp('float') });
      return true;
    }
    case 'abs':
      isel.emit({ op: 'fabs', type, dst: inPlace() });
      return true;
    case 'neg':
      isel.emit({ op: 'fneg', type, dst: inPlace() });
      return true;
    case 'sqrt':
    case 'ceil':
    case 'floor':
    case 'trunc':
    case 'nearest':
      isel.emit({ op: 'funary', fop: inst.op, type, dst: dst(), src: isel.use(a) });
      return true;
    case 'promote':
      isel.emit({ op: 'fpromote', dst: dst(), src: isel.use(a) });
      return true;
    case 'demote':
      isel.emit({ op: 'fdemote', dst: dst(), src: isel.use(a) });
      return true;
    case 'fcvt_from_s':
    case 'fcvt_from_u': {
      const from: IntSize = argType === 'i64' ? 64 : 32;
      const signed = inst.op === 'fcvt_from_s';
      if (!signed && from === 32) {
        // A u32 is exactly a non-negative i64: convert the zero-extended register.
        isel.emit({ op: 'int_to_float', signed: true, from: 64, type, dst: dst(), src: isel.zext(a) });
      } else {
        const tmps = !signed ? ([isel.temp('int'), isel.temp('int')] as const) : undefined;
        isel.emit({ op: 'int_to_float', signed, from, type, dst: dst(), src: isel.use(a), tmps });
      }
      return true;
    }
    case 'select':
      selectSelect(isel, inst);
      return true;
  }
  return false;
}
