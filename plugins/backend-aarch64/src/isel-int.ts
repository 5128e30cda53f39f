/** Selection of integer arithmetic, comparisons, extensions and select. */
import { type Inst, IntCond } from '@mewz/compiler';
import { type Cond, invertCond } from './encoder/conditions.js';
import { type AluOp, type Condition, type IntSize, imm, type RegOrImm } from './inst.js';
import type { Isel } from './isel.js';

const INT_CC: Record<IntCond, Cond> = {
  [IntCond.eq]: 'eq',
  [IntCond.ne]: 'ne',
  [IntCond.lt_s]: 'lt',
  [IntCond.lt_u]: 'lo',
  [IntCond.gt_s]: 'gt',
  [IntCond.gt_u]: 'hi',
  [IntCond.le_s]: 'le',
  [IntCond.le_u]: 'ls',
  [IntCond.ge_s]: 'ge',
  [IntCond.ge_u]: 'hs',
};

/** The code that holds for (b, a) when `cc` holds for (a, b). */
const SWAPPED: Partial<Record<Cond, Cond>> = { lt: 'gt', gt: 'lt', le: 'ge', ge: 'le', lo: 'hi', hi: 'lo', ls: 'hs', hs: 'ls', eq: 'eq', ne: 'ne' };

export const sizeOf = (isel: Isel, v: number): IntSize => (isel.typeOf(v) === 'i64' ? 64 : 32);

/** The same condition negated. */
export function negate(c: Condition): Condition {
  return { flags: c.flags, cc: invertCond(c.cc) };
}

/** The flags and code of an icmp: a constant operand as the immediate, the stack pointer as sp, == 0 as a zero test. */
export function intCondition(isel: Isel, inst: Inst): Condition {
  // x == 0 / x != 0 of a condition evaluated here too: that condition, negated for ==.
  const inner = isel.zeroTest(inst);
  const innerDef = inner === undefined ? undefined : isel.def(inner);
  if (inner !== undefined && innerDef && isel.fused.has(innerDef)) {
    const c = isel.condition(inner);
    return inst.imm === IntCond.eq ? negate(c) : c;
  }
  let [a, b] = inst.args;
  let cc = INT_CC[inst.imm as IntCond];
  const size = sizeOf(isel, a);
  const isSp = (v: number): boolean => {
    const d = isel.def(v);
    return d !== undefined && isel.foldedSp.has(d);
  };
  // sp can only be the first operand of cmp; a constant only the second.
  if (isSp(b) || (isel.addImmOf(b, size) === undefined && isel.addImmOf(a, size) !== undefined)) {
    [a, b] = [b, a];
    cc = SWAPPED[cc]!;
  }
  const bi = isel.addImmOf(b, size);
  if (isSp(a)) return { flags: { kind: 'cmp', size, a: 'sp', b: bi ?? isel.use(b) }, cc };
  if (bi !== undefined && bi.imm === 0 && (cc === 'eq' || cc === 'ne')) return { flags: { kind: 'zero', size, a: isel.use(a) }, cc };
  return { flags: { kind: 'cmp', size, a: isel.use(a), b: bi ?? isel.use(b) }, cc };
}

/** `x & y ≠ 0` as tst (a bitmask constant as the immediate). */
export function andCondition(isel: Isel, inst: Inst): Condition {
  let [x, y] = inst.args;
  const size = sizeOf(isel, x);
  if (isel.constOf(x) !== undefined && isel.constOf(y) === undefined) [x, y] = [y, x];
  const mask = isel.logicImmOf(y, size);
  const a = isel.use(x);
  return { flags: { kind: 'tst', size, a, b: mask !== undefined ? imm(BigInt.asIntN(size, mask)) : isel.use(y) }, cc: 'ne' };
}

const SHIFTS: Partial<Record<string, AluOp>> = { shl: 'lsl', shr_s: 'asr', shr_u: 'lsr', rotl: 'rol', rotr: 'ror' };

export function selectInt(isel: Isel, inst: Inst): boolean {
  const result = inst.results[0];
  if (result === undefined) return false;
  const type = isel.typeOf(result);
  if (inst.op === 'icmp') {
    isel.emit({ op: 'cset', cond: intCondition(isel, inst), dst: isel.result(result) });
    return true;
  }
  if (type !== 'i32' && type !== 'i64') return false;
  const size: IntSize = type === 'i64' ? 64 : 32;
  const [a, b] = inst.args;
  const dst = (): number => isel.result(result);
  const alu = (op: AluOp, x: number, y: RegOrImm): void => isel.emit({ op: 'alu', alu: op, size, dst: dst(), a: isel.use(x), b: y });
  // c ± a·b as one madd/msub.
  const m = isel.productOperand.get(inst);
  if (m !== undefined) {
    const mul = isel.def(inst.args[m]!)!;
    const c = isel.use(inst.args[1 - m]!);
    isel.emit({ op: 'madd', sub: inst.op === 'sub', size, dst: dst(), a: isel.use(mul.args[0]), b: isel.use(mul.args[1]), c });
    return true;
  }
  // The second operand a folded shift: op dst, other, shifted, kind #amount.
  const k = isel.shiftedOperand.get(inst);
  if (k !== undefined) {
    const sh = isel.constShift(inst.args[k]!, type)!;
    const op: AluOp = inst.op === 'or' ? 'orr' : inst.op === 'xor' ? 'eor' : (inst.op as AluOp);
    const other = isel.use(inst.args[1 - k]!);
    isel.emit({ op: 'alu', alu: op, size, dst: dst(), a: other, b: isel.use(sh.value), shift: { kind: sh.kind, amount: sh.amount } });
    return true;
  }
  switch (inst.op) {
    case 'add': {
      let [x, y] = [a, b];
      if (isel.addImmOf(x, size) !== undefined && isel.addImmOf(y, size) === undefined) [x, y] = [y, x];
      const c = isel.addImmOf(y, size);
      alu('add', x, c ?? isel.use(y));
      return true;
    }
    case 'sub': {
      const c = isel.addImmOf(b, size);
      if (c !== undefined) {
        alu('sub', a, c);
        return true;
      }
      if (isel.constOf(a) === 0n) {
        isel.emit({ op: 'neg', size, dst: dst(), src: isel.use(b) });
        return true;
      }
      alu('sub', a, isel.use(b));
      return true;
    }
    case 'mul':
      alu('mul', a, isel.use(b));
      return true;
    case 'and':
    case 'or':
    case 'xor': {
      let [x, y] = [a, b];
      if (isel.constOf(x) !== undefined && isel.constOf(y) === undefined) [x, y] = [y, x];
      const bits = isel.constOf(y);
      const mask = bits === undefined ? undefined : BigInt.asUintN(size, bits);
      if (inst.op === 'and' && (mask === 0xffn || mask === 0xffffn)) {
        isel.emit({ op: 'extend', signed: false, from: mask === 0xffn ? 8 : 16, size: 32, dst: dst(), src: isel.use(x) });
        return true;
      }
      if (inst.op === 'and' && mask === 0xffffffffn) {
        isel.emit({ op: 'zext32', dst: dst(), src: isel.use(x) });
        return true;
      }
      const all = size === 64 ? (1n << 64n) - 1n : 0xffffffffn;
      if (inst.op === 'xor' && mask === all) {
        isel.emit({ op: 'not', size, dst: dst(), src: isel.use(x) });
        return true;
      }
      const op: AluOp = inst.op === 'and' ? 'and' : inst.op === 'or' ? 'orr' : 'eor';
      const li = isel.logicImmOf(y, size);
      alu(op, x, li !== undefined ? imm(BigInt.asIntN(size, li)) : isel.use(y));
      return true;
    }
    case 'shl':
    case 'shr_s':
    case 'shr_u':
    case 'rotl':
    case 'rotr': {
      let op = SHIFTS[inst.op]!;
      const k = isel.constOf(b);
      if (k === undefined) {
        alu(op, a, isel.use(b));
        return true;
      }
      let n = Number(k & BigInt(size - 1));
      if (op === 'rol') {
        // A left rotation by n is a right rotation by size − n.
        op = 'ror';
        n = (size - n) % size;
      }
      if (n === 0) {
        // No shift: still a w write when 32-bit, so the i32 result is zero-extended like every other.
        isel.emit(size === 32 ? { op: 'zext32', dst: dst(), src: isel.use(a) } : { op: 'move', cls: 'int', dst: dst(), src: isel.use(a) });
        return true;
      }
      alu(op, a, imm(n));
      return true;
    }
    case 'clz':
    case 'ctz':
    case 'popcnt':
      isel.emit({ op: inst.op, size, dst: dst(), src: isel.use(a) });
      return true;
    case 'div_s':
    case 'div_u':
      // The lowering put the divide-by-zero and overflow checks before (sdiv itself never traps).
      alu(inst.op === 'div_s' ? 'sdiv' : 'udiv', a, isel.use(b));
      return true;
    case 'rem_s':
    case 'rem_u':
      isel.emit({ op: 'rem', signed: inst.op === 'rem_s', size, dst: dst(), a: isel.use(a), b: isel.use(b) });
      return true;
    case 'sext':
      isel.emit({ op: 'extend', signed: true, from: inst.imm as 8 | 16 | 32, size, dst: dst(), src: isel.use(a) });
      return true;
    case 'extend_s':
      isel.emit({ op: 'extend', signed: true, from: 32, size: 64, dst: dst(), src: isel.use(a) });
      return true;
    case 'extend_u':
      if (isel.isClean(a)) isel.same(result, a);
      else isel.emit({ op: 'zext32', dst: dst(), src: isel.use(a) });
      return true;
    case 'wrap':
      // The low half is the value; its upper half is left as it is (the value is "dirty").
      isel.same(result, a);
      return true;
    case 'select':
      selectSelect(isel, inst);
      return true;
  }
  return false;
}

/** select c, x, y (integer or float): csel/fcsel dst, x, y, cond. */
export function selectSelect(isel: Isel, inst: Inst): void {
  const [c, x, y] = inst.args;
  const type = isel.typeOf(inst.results[0]);
  const float = type === 'f32' || type === 'f64';
  const cond = isel.condition(c);
  const a = isel.use(x);
  const b = isel.use(y);
  const size = float ? type : type === 'i64' ? 64 : 32;
  isel.emit({ op: 'csel', cls: float ? 'float' : 'int', size, cond, dst: isel.result(inst.results[0]), a, b });
}
