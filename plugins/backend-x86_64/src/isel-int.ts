/** Selection of integer arithmetic, comparisons, extensions and select. */
import { type Inst, IntCond } from '@mewz/compiler';
import type { Cond } from './encoder/conditions.js';
import type { ShiftOp } from './encoder/integer.js';
import { type Condition, type IntSize, imm, isImm, type RegOrImm } from './inst.js';
import type { Isel } from './isel.js';

const INT_CC: Record<IntCond, Cond> = {
  [IntCond.eq]: 'e',
  [IntCond.ne]: 'ne',
  [IntCond.lt_s]: 'l',
  [IntCond.lt_u]: 'b',
  [IntCond.gt_s]: 'g',
  [IntCond.gt_u]: 'a',
  [IntCond.le_s]: 'le',
  [IntCond.le_u]: 'be',
  [IntCond.ge_s]: 'ge',
  [IntCond.ge_u]: 'ae',
};

/** The code that holds for (b, a) when `cc` holds for (a, b). */
const SWAPPED: Partial<Record<Cond, Cond>> = { l: 'g', g: 'l', le: 'ge', ge: 'le', b: 'a', a: 'b', be: 'ae', ae: 'be', e: 'e', ne: 'ne' };

export const sizeOf = (isel: Isel, v: number): IntSize => (isel.typeOf(v) === 'i64' ? 64 : 32);

/** The flags and code of an icmp, with a constant operand as the immediate. */
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
  // A folded load is the memory operand, which x86 takes only second.
  if (isel.isFoldedInto(a)?.op === 'load') {
    [a, b] = [b, a];
    cc = SWAPPED[cc]!;
  }
  const load = isel.isFoldedInto(b);
  if (load) {
    const sp = isel.isFoldedInto(a);
    const flags = { kind: 'cmp_mem' as const, size, a: sp ? ('rsp' as const) : isel.use(a), b: isel.amode(load.args[0], load.imm) };
    return { flags, ccs: [cc], all: false };
  }
  if (isel.immOf(b, size) === undefined && isel.immOf(a, size) !== undefined) {
    [a, b] = [b, a];
    cc = SWAPPED[cc]!;
  }
  const bi = isel.immOf(b, size);
  const ra = isel.use(a);
  if (bi !== undefined && bi.imm === 0 && (cc === 'e' || cc === 'ne')) return { flags: { kind: 'test', size, a: ra, b: ra }, ccs: [cc], all: false };
  return { flags: { kind: 'cmp', size, a: ra, b: bi ?? isel.use(b) }, ccs: [cc], all: false };
}

/** `x & y ≠ 0` as test (with the constant operand as the immediate). */
export function andCondition(isel: Isel, inst: Inst): Condition {
  let [x, y] = inst.args;
  const size = sizeOf(isel, x);
  if (isel.immOf(x, size) !== undefined && isel.immOf(y, size) === undefined) [x, y] = [y, x];
  const a = isel.use(x);
  return { flags: { kind: 'test', size, a, b: isel.immOf(y, size) ?? isel.use(y) }, ccs: ['ne'], all: false };
}

const SHIFTS: Partial<Record<string, ShiftOp>> = { shl: 'shl', shr_s: 'sar', shr_u: 'shr', rotl: 'rol', rotr: 'ror' };

/** dst = a, then `f(dst)` modifies it in place (two-address form). */
function twoAddress(isel: Isel, inst: Inst, f: (dst: number) => void): void {
  const dst = isel.result(inst.results[0]);
  isel.emit({ op: 'move', cls: 'int', dst, src: isel.use(inst.args[0]) });
  f(dst);
}

export function selectInt(isel: Isel, inst: Inst): boolean {
  const result = inst.results[0];
  if (result === undefined) return false;
  const type = isel.typeOf(result);
  const isInt = type === 'i32' || type === 'i64';
  if (inst.op === 'icmp') {
    isel.emit({ op: 'setcc', cond: intCondition(isel, inst), dst: isel.result(result) });
    return true;
  }
  if (!isInt) return false;
  const size: IntSize = type === 'i64' ? 64 : 32;
  const [a, b] = inst.args;
  const fromMemory = isel.memoryOperandOf(inst);
  if (fromMemory && (inst.op === 'add' || inst.op === 'sub' || inst.op === 'and' || inst.op === 'or' || inst.op === 'xor')) {
    const dst = isel.result(result);
    const amode = fromMemory.amode;
    isel.emit({ op: 'move', cls: 'int', dst, src: isel.use(fromMemory.other) });
    isel.emit({ op: 'alu_mem', alu: inst.op, size, dst, amode });
    return true;
  }
  switch (inst.op) {
    case 'add': {
      let [x, y] = [a, b];
      if (isel.immOf(x, size) !== undefined && isel.immOf(y, size) === undefined) [x, y] = [y, x];
      const c = isel.immOf(y, size);
      const base = isel.use(x);
      const amode = c !== undefined ? { kind: 'reg' as const, base, scale: 1 as const, disp: c.imm } : { kind: 'reg' as const, base, index: isel.use(y), scale: 1 as const, disp: 0 };
      isel.emit({ op: 'lea', size, dst: isel.result(result), amode });
      return true;
    }
    case 'sub': {
      const c = isel.immOf(b, size);
      if (c !== undefined && c.imm !== -(2 ** 31)) {
        isel.emit({ op: 'lea', size, dst: isel.result(result), amode: { kind: 'reg', base: isel.use(a), scale: 1, disp: -c.imm } });
        return true;
      }
      if (isel.constOf(a) === 0n) {
        const dst = isel.result(result);
        isel.emit({ op: 'move', cls: 'int', dst, src: isel.use(b) });
        isel.emit({ op: 'neg', size, dst });
        return true;
      }
      twoAddress(isel, inst, (dst) => isel.emit({ op: 'alu', alu: 'sub', size, dst, src: isel.use(b) }));
      return true;
    }
    case 'mul': {
      let [x, y] = [a, b];
      if (isel.immOf(x, size) !== undefined && isel.immOf(y, size) === undefined) [x, y] = [y, x];
      const c = isel.immOf(y, size);
      if (c !== undefined) {
        isel.emit({ op: 'imul_imm', size, dst: isel.result(result), src: isel.use(x), imm: c.imm });
        return true;
      }
      const dst = isel.result(result);
      isel.emit({ op: 'move', cls: 'int', dst, src: isel.use(x) });
      isel.emit({ op: 'imul', size, dst, src: isel.use(y) });
      return true;
    }
    case 'and':
    case 'or':
    case 'xor': {
      let [x, y] = [a, b];
      if (isel.immOf(x, size) !== undefined && isel.immOf(y, size) === undefined) [x, y] = [y, x];
      const bits = isel.constOf(y);
      const mask = bits === undefined ? undefined : BigInt.asUintN(size, bits);
      const dst = isel.result(result);
      if (inst.op === 'and' && (mask === 0xffn || mask === 0xffffn)) {
        isel.emit({ op: 'extend', signed: false, from: mask === 0xffn ? 8 : 16, size: 32, dst, src: isel.use(x) });
        return true;
      }
      if (inst.op === 'and' && mask === 0xffffffffn) {
        isel.emit({ op: 'zext32', dst, src: isel.use(x) });
        return true;
      }
      const all = size === 64 ? (1n << 64n) - 1n : 0xffffffffn;
      isel.emit({ op: 'move', cls: 'int', dst, src: isel.use(x) });
      if (inst.op === 'xor' && mask === all) isel.emit({ op: 'not', size, dst });
      else isel.emit({ op: 'alu', alu: inst.op, size, dst, src: isel.immOf(y, size) ?? isel.use(y) });
      return true;
    }
    case 'shl':
    case 'shr_s':
    case 'shr_u':
    case 'rotl':
    case 'rotr': {
      const shift = SHIFTS[inst.op]!;
      const k = isel.constOf(b);
      const dst = isel.result(result);
      const count: RegOrImm = k !== undefined ? imm(Number(k & BigInt(size - 1))) : isel.use(b);
      if (isImm(count) && count.imm === 0) {
        // No shift: still a 32-bit write, so that the i32 result is zero-extended like every other.
        isel.emit(size === 32 ? { op: 'zext32', dst, src: isel.use(a) } : { op: 'move', cls: 'int', dst, src: isel.use(a) });
        return true;
      }
      isel.emit({ op: 'move', cls: 'int', dst, src: isel.use(a) });
      isel.emit({ op: 'shift', shift, size, dst, count });
      return true;
    }
    case 'clz':
    case 'ctz':
    case 'popcnt': {
      const scan = inst.op === 'clz' ? 'lzcnt' : inst.op === 'ctz' ? 'tzcnt' : 'popcnt';
      isel.emit({ op: 'bitscan', scan, size, dst: isel.result(result), src: isel.use(a) });
      return true;
    }
    case 'div_s':
    case 'div_u':
    case 'rem_s':
    case 'rem_u': {
      const dividend = isel.use(a);
      let divisor = isel.use(b);
      // The dividend is pinned to rax; the divisor must be a register of its own.
      if (divisor === dividend) {
        const copy = isel.temp('int');
        isel.emit({ op: 'move', cls: 'int', dst: copy, src: divisor });
        divisor = copy;
      }
      const wantRem = inst.op === 'rem_s' || inst.op === 'rem_u';
      const dst = isel.result(result);
      const other = isel.temp('int');
      isel.emit({
        op: 'div',
        signed: inst.op === 'div_s' || inst.op === 'rem_s',
        size,
        dividend,
        divisor,
        quot: wantRem ? other : dst,
        rem: wantRem ? dst : other,
      });
      return true;
    }
    case 'sext': {
      const from = inst.imm as 8 | 16 | 32;
      isel.emit({ op: 'extend', signed: true, from, size, dst: isel.result(result), src: isel.use(a) });
      return true;
    }
    case 'extend_s':
      isel.emit({ op: 'extend', signed: true, from: 32, size: 64, dst: isel.result(result), src: isel.use(a) });
      return true;
    case 'extend_u':
      if (isel.isClean(a)) isel.same(result, a);
      else isel.emit({ op: 'zext32', dst: isel.result(result), src: isel.use(a) });
      return true;
    case 'wrap':
      // The low half is the value; its upper half is left as it is (the value is "dirty").
      isel.same(result, a);
      return true;
    case 'select': {
      selectSelect(isel, inst);
      return true;
    }
  }
  return false;
}

/** The same condition negated. */
export function negate(c: Condition): Condition {
  return { flags: c.flags, ccs: c.ccs.map(invert), all: !c.all };
}

const INVERSE: Record<Cond, Cond> = {
  o: 'no', no: 'o', b: 'ae', ae: 'b', e: 'ne', ne: 'e', be: 'a', a: 'be', s: 'ns', ns: 's', p: 'np', np: 'p', l: 'ge', ge: 'l', le: 'g', g: 'le',
};
const invert = (cc: Cond): Cond => INVERSE[cc];

/** select c, x, y (integer or float): dst = y, then x where the condition holds. */
export function selectSelect(isel: Isel, inst: Inst): void {
  const [c, x, y] = inst.args;
  const type = isel.typeOf(inst.results[0]);
  const float = type === 'f32' || type === 'f64';
  let cond = isel.condition(c);
  let [ifTrue, ifFalse] = [x, y];
  // cmov tests one code at a time, so an `all` set becomes its negation (an `any` set).
  if (cond.all && cond.ccs.length > 1) {
    cond = negate(cond);
    [ifTrue, ifFalse] = [ifFalse, ifTrue];
  }
  const dst = isel.result(inst.results[0]);
  const src = isel.use(ifTrue);
  isel.emit({ op: 'move', cls: float ? 'float' : 'int', dst, src: isel.use(ifFalse) });
  if (float) isel.emit({ op: 'fsel', cond, dst, src });
  else isel.emit({ op: 'cmov', size: type === 'i64' ? 64 : 32, cond, dst, src });
}
