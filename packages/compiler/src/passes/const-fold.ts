import { computeCfg } from '../analysis/cfg.js';
import { pureEvaluator } from '../ir/eval/pure.js';
import { canonicalBits, constSlot, type Slot, slotBits } from '../ir/eval/slot.js';
import { UndefinedOperation } from '../ir/eval/undefined-operation.js';
import type { Block, Inst, IrFunction, Value } from '../ir/function.js';
import { IntCond, type Op, OPS } from '../ir/ops.js';
import { bitWidth, type IrType, isFloatType, isIntType, type TrapCode } from '../ir/types.js';

/**
 * Constant folding and exact algebraic simplification, in one walk over the blocks in
 * reverse postorder (definitions before uses).
 *
 * - A pure instruction on constants becomes a constant, computed by the evaluator the
 *   interpreter uses (ir/eval). One the IR leaves undefined for its operands (division by
 *   zero, an unchecked conversion) is left alone: the guard before it traps first.
 * - Float results: folded only when no operand and not the result is a NaN, so a NaN's
 *   bits always come from the machine; sign operations, bitcasts and selects move bits
 *   and always fold. Exact evaluation keeps signed zeros.
 * - Integer identities (x+0, x*1, x&-1, x|0, x^0, x-x, shifts by a multiple of the width,
 *   …), multiplication and unsigned division by a power of two as shifts, unsigned
 *   remainder by one as a mask; comparisons of a value with itself; constants moved to
 *   the right of commutative operations and comparisons; tests of a comparison against
 *   zero folded into the comparison, branch, select or trap that uses it.
 * - `trapz`/`trapnz` on a constant is dropped, or ends the block with a trap terminator;
 *   `br_if` and `br_table` on a constant become jumps, and blocks no longer reachable go.
 *
 * Returns the number of changes.
 */
export function constFold(func: IrFunction): number {
  return new Folder(func).run();
}

/** What simplifying an instruction gave: another value, a constant, or a rewrite in place. */
type Simplified = { value: Value } | { bits: bigint } | 'rewritten' | undefined;

/** Operations whose float results are bits of their operands: exact even for NaNs. */
const MOVES_BITS = new Set<Op>(['neg', 'abs', 'copysign', 'bitcast', 'select']);

/** Each integer condition with its operands swapped. */
const SWAPPED: Record<number, number> = {
  [IntCond.eq]: IntCond.eq,
  [IntCond.ne]: IntCond.ne,
  [IntCond.lt_s]: IntCond.gt_s,
  [IntCond.lt_u]: IntCond.gt_u,
  [IntCond.gt_s]: IntCond.lt_s,
  [IntCond.gt_u]: IntCond.lt_u,
  [IntCond.le_s]: IntCond.ge_s,
  [IntCond.le_u]: IntCond.ge_u,
  [IntCond.ge_s]: IntCond.le_s,
  [IntCond.ge_u]: IntCond.le_u,
};

/** Each integer condition negated. */
const INVERTED: Record<number, number> = {
  [IntCond.eq]: IntCond.ne,
  [IntCond.ne]: IntCond.eq,
  [IntCond.lt_s]: IntCond.ge_s,
  [IntCond.lt_u]: IntCond.ge_u,
  [IntCond.gt_s]: IntCond.le_s,
  [IntCond.gt_u]: IntCond.le_u,
  [IntCond.le_s]: IntCond.gt_s,
  [IntCond.le_u]: IntCond.gt_u,
  [IntCond.ge_s]: IntCond.lt_s,
  [IntCond.ge_u]: IntCond.lt_u,
};

/** Conditions that hold when both operands are the same value. */
const REFLEXIVE = new Set<number>([IntCond.eq, IntCond.le_s, IntCond.le_u, IntCond.ge_s, IntCond.ge_u]);

function isNaNBits(type: IrType, bits: bigint): boolean {
  if (type === 'f32') return (bits & 0x7f800000n) === 0x7f800000n && (bits & 0x7fffffn) !== 0n;
  if (type === 'f64') return (bits & 0x7ff0000000000000n) === 0x7ff0000000000000n && (bits & 0xfffffffffffffn) !== 0n;
  return false;
}

/** log2 of a power of two, or -1. */
function log2(x: bigint): number {
  return x > 0n && (x & (x - 1n)) === 0n ? x.toString(2).length - 1 : -1;
}

/**
 * The new instruction list of a block, made only if it differs from the old one: the
 * instruction at `at` is kept, dropped, or gets a new one placed before it.
 */
class InstList {
  at = 0;
  private out: Inst[] | undefined;

  constructor(private readonly src: Inst[]) {}

  keep(): void {
    this.out?.push(this.src[this.at]);
  }

  drop(): void {
    this.out ??= this.src.slice(0, this.at);
  }

  insert(inst: Inst): void {
    (this.out ??= this.src.slice(0, this.at)).push(inst);
  }

  result(): Inst[] {
    return this.out ?? this.src;
  }
}

class Folder {
  /** The instruction defining each value (instructions are rewritten in place, so this stays valid). */
  private readonly defs: (Inst | undefined)[];
  private changes = 0;
  private cfgChanged = false;

  constructor(private readonly func: IrFunction) {
    // Filled, so that the array stays packed (written out of order, it could turn sparse).
    this.defs = new Array<Inst | undefined>(func.valueTypes.length).fill(undefined);
  }

  run(): number {
    const func = this.func;
    for (const block of func.blocks) for (const inst of block.insts) for (const r of inst.results) this.defs[r] = inst;
    for (const block of computeCfg(func).rpo) this.block(block);
    if (this.cfgChanged) func.removeUnreachableBlocks();
    return this.changes;
  }

  // ---- facts ----

  /** The canonical bits of `v` if it is a constant. */
  private c(v: Value): bigint | undefined {
    const r = this.func.resolve(v);
    const def = this.defs[r];
    return def?.op === 'const' ? canonicalBits(this.func.typeOf(r), def.bits) : undefined;
  }

  private def(v: Value): Inst | undefined {
    return this.defs[this.func.resolve(v)];
  }

  /** Whether `v` is 0 or 1 (a comparison's result). */
  private isBoolean(v: Value): boolean {
    const op = this.def(v)?.op;
    return op === 'icmp' || op === 'fcmp';
  }

  /** If `v` is `icmp eq|ne z, 0` on an i32 `z` (or on any integer if `anyInt`): z and whether it tests eq. */
  private zeroTest(v: Value, anyInt: boolean): { z: Value; eq: boolean } | undefined {
    const def = this.def(v);
    if (def?.op !== 'icmp' || (def.imm !== IntCond.eq && def.imm !== IntCond.ne) || this.c(def.args[1]) !== 0n) return undefined;
    const z = this.func.resolve(def.args[0]);
    if (!anyInt && this.func.typeOf(z) !== 'i32') return undefined;
    return { z, eq: def.imm === IntCond.eq };
  }

  // ---- rewriting ----

  private toConst(inst: Inst, bits: bigint): void {
    inst.op = 'const';
    inst.args = [];
    inst.imm = 0;
    inst.flags = 0;
    inst.sym = '';
    inst.bits = canonicalBits(this.func.typeOf(inst.results[0]), bits);
  }

  /** A new constant, placed before the instruction being simplified. */
  private newConst(type: IrType, bits: bigint, out: InstList): Value {
    const v = this.func.newValue(type);
    const inst: Inst = { op: 'const', args: [], results: [v], imm: 0, flags: 0, bits: canonicalBits(type, bits), sym: '' };
    this.defs[v] = inst;
    out.insert(inst);
    return v;
  }

  // ---- blocks ----

  private block(block: Block): void {
    const out = new InstList(block.insts);
    for (; out.at < block.insts.length; out.at++) {
      const inst = block.insts[out.at];
      if (inst.op === 'trapz' || inst.op === 'trapnz') {
        const fate = this.trap(inst);
        if (fate === 'drop') out.drop();
        else if (fate === 'keep') out.keep();
        else {
          // Nothing after a certain trap runs; what the rest defined is used only in
          // blocks this one dominates, which are now unreachable.
          out.drop();
          block.insts = out.result();
          block.term = { kind: 'trap', code: inst.imm as TrapCode };
          this.cfgChanged = true;
          return;
        }
        continue;
      }
      this.inst(inst, out);
    }
    block.insts = out.result();
    this.terminator(block);
  }

  private trap(inst: Inst): 'keep' | 'drop' | 'fires' {
    for (;;) {
      const v = inst.args[0];
      const bits = this.c(v);
      if (bits !== undefined) {
        this.changes++;
        return (inst.op === 'trapz') === (bits === 0n) ? 'fires' : 'drop';
      }
      // trapnz (x != 0) is trapnz x; trapnz (x == 0) is trapz x; and the same for trapz.
      const test = this.zeroTest(v, true);
      if (!test) return 'keep';
      inst.args = [test.z];
      if (test.eq) inst.op = inst.op === 'trapz' ? 'trapnz' : 'trapz';
      this.changes++;
    }
  }

  private inst(inst: Inst, out: InstList): void {
    if (inst.results.length !== 1 || !OPS[inst.op].pure || inst.op === 'const' || inst.op === 'symbol_addr') {
      out.keep();
      return;
    }
    // Each rewrite makes progress (constants move right, tests fold into comparisons), so
    // a few rounds settle any instruction; the bound is a guard, not a tuning knob.
    for (let round = 0; round < 8; round++) {
      const folded = this.evaluate(inst);
      const s: Simplified = folded !== undefined ? { bits: folded } : this.simplify(inst, out);
      if (s === undefined) break;
      this.changes++;
      if (s === 'rewritten') continue;
      if ('value' in s) {
        this.func.setAlias(inst.results[0], s.value);
        out.drop();
        return;
      }
      this.toConst(inst, s.bits);
      break;
    }
    out.keep();
  }

  /** The result bits of `inst` if every operand is a constant and folding is exact. */
  private evaluate(inst: Inst): bigint | undefined {
    const func = this.func;
    const bits: bigint[] = [];
    for (const a of inst.args) {
      const b = this.c(a);
      if (b === undefined) return undefined;
      bits.push(b);
    }
    const type = func.typeOf(inst.results[0]);
    const argTypes = inst.args.map((a) => func.typeOf(func.resolve(a)));
    const e = pureEvaluator(inst.op, type, argTypes, inst.imm);
    if (typeof e === 'string' || e.arity !== bits.length) return undefined;
    const slots: Slot[] = bits.map((b, i) => constSlot(argTypes[i], b));
    let result: Slot;
    try {
      result = e.arity === 1 ? e.fn(slots[0]) : e.arity === 2 ? e.fn(slots[0], slots[1]) : e.fn(slots[0], slots[1], slots[2]);
    } catch (error) {
      if (error instanceof UndefinedOperation) return undefined;
      throw error;
    }
    const out = slotBits(type, result);
    if (isFloatType(type) && !MOVES_BITS.has(inst.op)) {
      if (isNaNBits(type, out) || bits.some((b, i) => isNaNBits(argTypes[i], b))) return undefined;
    }
    return out;
  }

  private simplify(inst: Inst, out: InstList): Simplified {
    const func = this.func;
    const type = func.typeOf(inst.results[0]);
    const a = func.resolve(inst.args[0]);
    switch (inst.op) {
      case 'add':
      case 'mul':
      case 'and':
      case 'or':
      case 'xor': {
        if (!isIntType(type)) return undefined;
        const b = func.resolve(inst.args[1]);
        if (this.c(a) !== undefined && this.c(b) === undefined) {
          inst.args = [b, a];
          return 'rewritten';
        }
        return this.intBinary(inst, type, a, b, out);
      }
      case 'sub':
      case 'shl':
      case 'shr_s':
      case 'shr_u':
      case 'rotl':
      case 'rotr':
      case 'div_s':
      case 'div_u':
      case 'rem_s':
      case 'rem_u':
        return isIntType(type) ? this.intBinary(inst, type, a, func.resolve(inst.args[1]), out) : undefined;
      case 'icmp':
        return this.icmp(inst, a, func.resolve(inst.args[1]));
      case 'select':
        return this.select(inst);
      case 'wrap': {
        // wrap(extend x) is x.
        const def = this.def(a);
        return def?.op === 'extend_u' || def?.op === 'extend_s' ? { value: def.args[0] } : undefined;
      }
      case 'bitcast':
      case 'neg': {
        // Both are their own inverse on the bits (bitcast back to the original type).
        const def = this.def(a);
        if (def?.op !== inst.op || func.typeOf(func.resolve(def.args[0])) !== type) return undefined;
        return { value: def.args[0] };
      }
      default:
        return undefined;
    }
  }

  private intBinary(inst: Inst, type: 'i32' | 'i64', a: Value, b: Value, out: InstList): Simplified {
    const width = bitWidth(type);
    const ones = (1n << BigInt(width)) - 1n;
    const ca = this.c(a);
    const cb = this.c(b);
    const shiftTo = (op: Op, k: number): Simplified => {
      inst.op = op;
      inst.args = [a, this.newConst(type, BigInt(k), out)];
      return 'rewritten';
    };
    switch (inst.op) {
      case 'add':
        return cb === 0n ? { value: a } : undefined;
      case 'sub':
        if (cb === 0n) return { value: a };
        return a === b ? { bits: 0n } : undefined;
      case 'mul': {
        if (cb === 0n) return { bits: 0n };
        if (cb === 1n) return { value: a };
        const k = cb === undefined ? -1 : log2(cb);
        return k > 0 ? shiftTo('shl', k) : undefined;
      }
      case 'and':
        if (cb === 0n) return { bits: 0n };
        if (cb === ones || a === b) return { value: a };
        return cb === 1n && this.isBoolean(a) ? { value: a } : undefined;
      case 'or':
        if (cb === 0n || a === b) return { value: a };
        return cb === ones ? { bits: ones } : undefined;
      case 'xor':
        if (cb === 0n) return { value: a };
        return a === b ? { bits: 0n } : undefined;
      case 'shl':
      case 'shr_s':
      case 'shr_u':
      case 'rotl':
      case 'rotr':
        // The count is taken modulo the width.
        if (cb !== undefined && cb % BigInt(width) === 0n) return { value: a };
        if (ca === 0n) return { bits: 0n };
        return ca === ones && inst.op !== 'shl' && inst.op !== 'shr_u' ? { bits: ones } : undefined;
      case 'div_s':
        return cb === 1n ? { value: a } : undefined;
      case 'div_u': {
        if (cb === 1n) return { value: a };
        const k = cb === undefined ? -1 : log2(cb);
        return k > 0 ? shiftTo('shr_u', k) : undefined;
      }
      case 'rem_s':
        // x rem ±1 is 0, INT_MIN included.
        return cb === 1n || cb === ones ? { bits: 0n } : undefined;
      case 'rem_u': {
        if (cb === 1n) return { bits: 0n };
        const k = cb === undefined ? -1 : log2(cb);
        if (k <= 0) return undefined;
        inst.op = 'and';
        inst.args = [a, this.newConst(type, cb! - 1n, out)];
        return 'rewritten';
      }
      default:
        return undefined;
    }
  }

  private icmp(inst: Inst, a: Value, b: Value): Simplified {
    const cond = inst.imm;
    if (a === b) return { bits: REFLEXIVE.has(cond) ? 1n : 0n };
    if (this.c(a) !== undefined && this.c(b) === undefined) {
      inst.args = [b, a];
      inst.imm = SWAPPED[cond];
      return 'rewritten';
    }
    const cb = this.c(b);
    if (cb === 0n) {
      switch (cond) {
        case IntCond.lt_u:
          return { bits: 0n };
        case IntCond.ge_u:
          return { bits: 1n };
        case IntCond.gt_u:
          inst.imm = IntCond.ne;
          return 'rewritten';
        case IntCond.le_u:
          inst.imm = IntCond.eq;
          return 'rewritten';
      }
    }
    // A comparison's result tested against 0 or 1 is that comparison or its negation.
    if ((cb === 0n || cb === 1n) && (cond === IntCond.eq || cond === IntCond.ne) && this.isBoolean(a)) {
      const same = (cond === IntCond.ne) === (cb === 0n);
      if (same) return { value: a };
      const def = this.def(a)!;
      if (def.op !== 'icmp') return undefined; // a float comparison's negation is not one (NaN)
      inst.args = [...def.args];
      inst.imm = INVERTED[def.imm];
      return 'rewritten';
    }
    return undefined;
  }

  private select(inst: Inst): Simplified {
    const func = this.func;
    const [c, x, y] = inst.args.map((v) => func.resolve(v));
    if (x === y) return { value: x };
    const cc = this.c(c);
    if (cc !== undefined) return { value: cc !== 0n ? x : y };
    const test = this.zeroTest(c, false);
    if (!test) return undefined;
    inst.args = test.eq ? [test.z, y, x] : [test.z, x, y];
    return 'rewritten';
  }

  // ---- terminators ----

  private terminator(block: Block): void {
    const func = this.func;
    const term = block.term;
    if (term?.kind === 'br_if') {
      for (;;) {
        const cc = this.c(term.cond);
        if (cc !== undefined) {
          block.term = { kind: 'jump', target: cc !== 0n ? term.then : term.else };
          this.changes++;
          this.cfgChanged = true;
          return;
        }
        const test = this.zeroTest(term.cond, false);
        if (!test) break;
        term.cond = test.z;
        if (test.eq) [term.then, term.else] = [term.else, term.then];
        this.changes++;
      }
      if (term.then.block === term.else.block && sameArgs(func, term.then.args, term.else.args)) {
        block.term = { kind: 'jump', target: term.then };
        this.changes++;
        this.cfgChanged = true;
      }
    } else if (term?.kind === 'br_table') {
      const ci = this.c(term.index);
      const first = term.targets[0] ?? term.default;
      let target = ci === undefined ? undefined : ci < BigInt(term.targets.length) ? term.targets[Number(ci)] : term.default;
      if (target === undefined && [...term.targets, term.default].every((t) => t.block === first.block && sameArgs(func, t.args, first.args))) target = first;
      if (target !== undefined) {
        block.term = { kind: 'jump', target };
        this.changes++;
        this.cfgChanged = true;
      }
    }
  }
}

function sameArgs(func: IrFunction, x: readonly Value[], y: readonly Value[]): boolean {
  return x.length === y.length && x.every((v, i) => func.resolve(v) === func.resolve(y[i]));
}
