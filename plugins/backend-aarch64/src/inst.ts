/**
 * Machine instructions of the aarch64 backend, over registers in the allocator's numbering
 * (physical 0–63, see pregs.ts; virtual from PREG_LIMIT). Instruction selection makes them
 * over virtual registers; after allocation `mapOperands` gives the same instruction over
 * physical ones, which `emit` encodes. aarch64 is three-address, so no operand is both
 * read and written; a few instructions are short fixed sequences (a compare fused with
 * its branch or select, remainders, popcount) that use the scratch registers x16, x17 and
 * v31 inside themselves (abi.ts).
 */
import type { Operand, Reg, RegClass } from '@mewz/compiler';
import type { Cond } from './encoder/conditions.js';

export type IntSize = 32 | 64;

/** An immediate operand, boxed because registers are numbers too. */
export interface Imm {
  /** A bigint for 64-bit bitmask immediates, which a number cannot hold exactly. */
  readonly imm: number | bigint;
}
export type RegOrImm = Reg | Imm;
export const isImm = (x: RegOrImm): x is Imm => typeof x === 'object';
export const imm = (value: number | bigint): Imm => ({ imm: value });
export type FloatType = 'f32' | 'f64';
export type Width = 1 | 2 | 4 | 8;

/** A memory operand; offsets that no addressing mode takes are formed in x16 by `emit`. */
export type Amode =
  /**
   * [base + index + disp]; a 32-bit index is zero-extended by the access itself when
   * `uxtw`; `scaled` multiplies the index by the access width (lsl #log2 width).
   */
  | { readonly kind: 'reg'; readonly base: Reg; readonly index?: Reg; readonly uxtw?: boolean; readonly scaled?: boolean; readonly disp: number }
  /** An explicit stack slot of the function (VCode.stackSlots), plus disp. */
  | { readonly kind: 'slot'; readonly slot: number; readonly disp: number }
  /** [sp + disp]: the outgoing stack-argument area. */
  | { readonly kind: 'outgoing'; readonly disp: number }
  /** [x29 + 16 + disp]: the caller's stack arguments to this function. */
  | { readonly kind: 'incoming'; readonly disp: number };

/** How the flags are set before a condition code is tested. */
export type FlagsOp =
  /** cmp a, b; `a` may be the stack pointer itself (stack checks). */
  | { readonly kind: 'cmp'; readonly size: IntSize; readonly a: Reg | 'sp'; readonly b: RegOrImm }
  /** tst a, b (b a bitmask immediate or a register). */
  | { readonly kind: 'tst'; readonly size: IntSize; readonly a: Reg; readonly b: RegOrImm }
  /** a compared with zero: cbz/cbnz for branches (cc eq or ne), cmp a, #0 elsewhere. */
  | { readonly kind: 'zero'; readonly size: IntSize; readonly a: Reg }
  | { readonly kind: 'fcmp'; readonly type: FloatType; readonly a: Reg; readonly b: Reg };

/**
 * A condition: `cc` after `flags`. One code is always enough on aarch64: fcmp of an
 * unordered pair sets C and V, so eq, mi (<), ls (≤), gt and ge are false and ne true.
 */
export interface Condition {
  readonly flags: FlagsOp;
  readonly cc: Cond;
}

/** A constant shift of a register operand. */
export interface OperandShift {
  readonly kind: 'lsl' | 'lsr' | 'asr';
  readonly amount: number;
}

export type AluOp = 'add' | 'sub' | 'and' | 'orr' | 'eor' | 'mul' | 'sdiv' | 'udiv' | 'lsl' | 'lsr' | 'asr' | 'ror' | 'rol';
export type FloatBinOp = 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max';
export type FloatUnaryOp = 'sqrt' | 'floor' | 'ceil' | 'trunc' | 'nearest' | 'abs' | 'neg';
/** System instructions without register operands (kernel intrinsics). */
export type SysOp = 'dmb_sy' | 'dmb_ishld' | 'dmb_ishst' | 'yield' | 'wfi' | 'irq_enable' | 'irq_disable' | 'isb' | 'page_table_sync';

/** A register operand pinned to a physical register. */
export interface FixedReg {
  readonly reg: Reg;
  readonly fixed: Reg;
}

/** A result written to the return area at `offset`. */
export interface AreaValue {
  readonly reg: Reg;
  readonly type: 'i32' | 'i64' | 'f32' | 'f64';
  readonly offset: number;
}

export type A64Inst =
  /** Defines the parameters that arrive in registers (stack ones are loaded from the incoming area). */
  | { readonly op: 'args'; readonly params: readonly FixedReg[] }
  /** Register copy (int: mov x; float: fmov d): coalescable. */
  | { readonly op: 'move'; readonly cls: RegClass; readonly dst: Reg; readonly src: Reg }
  /** mov wd, wn: the low half, zero-extended. */
  | { readonly op: 'zext32'; readonly dst: Reg; readonly src: Reg }
  | { readonly op: 'iconst'; readonly dst: Reg; readonly value: bigint }
  | { readonly op: 'fconst'; readonly type: FloatType; readonly dst: Reg; readonly bits: bigint }
  /**
   * dst = a op b (b an immediate only where the instruction has an immediate form); a
   * register b may be shifted first (add/sub/and/orr/eor's shifted-register operand).
   */
  | { readonly op: 'alu'; readonly alu: AluOp; readonly size: IntSize; readonly dst: Reg; readonly a: Reg; readonly b: RegOrImm; readonly shift?: OperandShift }
  /** Multiply-add: dst = c + a·b (madd), or c − a·b (msub). */
  | { readonly op: 'madd'; readonly sub: boolean; readonly size: IntSize; readonly dst: Reg; readonly a: Reg; readonly b: Reg; readonly c: Reg }
  /** Remainder: x16 = a / b, dst = a − x16·b. */
  | { readonly op: 'rem'; readonly signed: boolean; readonly size: IntSize; readonly dst: Reg; readonly a: Reg; readonly b: Reg }
  | { readonly op: 'neg' | 'not' | 'clz' | 'ctz' | 'popcnt'; readonly size: IntSize; readonly dst: Reg; readonly src: Reg }
  /** sxtb/sxth/sxtw (signed) or uxtb/uxth from `from` bits to `size` bits. */
  | { readonly op: 'extend'; readonly signed: boolean; readonly from: 8 | 16 | 32; readonly size: IntSize; readonly dst: Reg; readonly src: Reg }
  /** Integer load of `width` bytes into a `size`-bit register, zero- or sign-extended. */
  | { readonly op: 'load'; readonly size: IntSize; readonly width: Width; readonly signed: boolean; readonly dst: Reg; readonly amode: Amode }
  | { readonly op: 'fload'; readonly type: FloatType; readonly dst: Reg; readonly amode: Amode }
  /** Store of the low `width` bytes of src (`zero`: of the zero register). */
  | { readonly op: 'store'; readonly width: Width; readonly src: Reg | 'zero'; readonly amode: Amode }
  | { readonly op: 'fstore'; readonly type: FloatType; readonly src: Reg; readonly amode: Amode }
  /** dst = cond ? 1 : 0. */
  | { readonly op: 'cset'; readonly cond: Condition; readonly dst: Reg }
  /** dst = cond ? a : b (integer csel or fcsel). */
  | { readonly op: 'csel'; readonly cls: RegClass; readonly size: IntSize | FloatType; readonly cond: Condition; readonly dst: Reg; readonly a: Reg; readonly b: Reg }
  /** Wasm semantics directly: fmin/fmax return NaN for a NaN operand and order −0 below +0. */
  | { readonly op: 'fbin'; readonly fop: FloatBinOp; readonly type: FloatType; readonly dst: Reg; readonly a: Reg; readonly b: Reg }
  | { readonly op: 'funary'; readonly fop: FloatUnaryOp; readonly type: FloatType; readonly dst: Reg; readonly src: Reg }
  /** The magnitude of a with the sign of b (through x16/x17). */
  | { readonly op: 'fcopysign'; readonly type: FloatType; readonly dst: Reg; readonly a: Reg; readonly b: Reg }
  | { readonly op: 'fcvt'; readonly to: FloatType; readonly dst: Reg; readonly src: Reg }
  | { readonly op: 'int_to_float'; readonly signed: boolean; readonly from: IntSize; readonly type: FloatType; readonly dst: Reg; readonly src: Reg }
  /** fcvtzs/fcvtzu: round toward zero, saturating, NaN → 0 (trapping conversions are range-checked before). */
  | { readonly op: 'float_to_int'; readonly signed: boolean; readonly size: IntSize; readonly type: FloatType; readonly dst: Reg; readonly src: Reg }
  /** fmov between the register files. */
  | { readonly op: 'bitcast'; readonly size: IntSize; readonly dst: Reg; readonly src: Reg }
  | { readonly op: 'stack_pointer'; readonly dst: Reg }
  | { readonly op: 'symbol_addr'; readonly dst: Reg; readonly sym: string }
  | { readonly op: 'slot_addr'; readonly dst: Reg; readonly slot: number; readonly disp: number }
  /** dst = base + index + disp (an address needed in a register). */
  | { readonly op: 'lea'; readonly dst: Reg; readonly amode: Amode }
  /** Traps unless index + imm ≤ size (index zero-extended); `end` is written before `size` is read. */
  | { readonly op: 'heap_check'; readonly index: Reg; readonly size: Reg; readonly end: Reg; readonly imm: number }
  | {
      readonly op: 'call';
      readonly callee: { readonly sym: string } | { readonly reg: Reg };
      readonly args: readonly FixedReg[];
      readonly results: readonly FixedReg[];
      readonly clobbers: readonly Reg[];
    }
  | {
      readonly op: 'ret';
      readonly results: readonly FixedReg[];
      readonly area?: { readonly ptr: Reg; readonly values: readonly AreaValue[] };
    }
  /** svc #0 with the Linux convention: number in x8, arguments x0–x5, result x0. */
  | { readonly op: 'svc'; readonly args: readonly FixedReg[]; readonly results: readonly FixedReg[]; readonly clobbers: readonly Reg[] }
  | { readonly op: 'sys'; readonly name: SysOp }
  | { readonly op: 'mrs'; readonly reg: string; readonly dst: Reg }
  /** msr, followed by isb when the write must take effect before the next instruction. */
  | { readonly op: 'msr'; readonly reg: string; readonly src: Reg; readonly isb: boolean }
  /** Branches name machine blocks by index (the block's successors in VBlock.succs). */
  | { readonly op: 'jmp'; readonly target: number }
  | { readonly op: 'jcc'; readonly cond: Condition; readonly taken: number; readonly notTaken: number }
  /** Bounds check, then a table of 32-bit offsets after the code (through x16/x17). */
  | { readonly op: 'jump_table'; readonly index: Reg; readonly targets: readonly number[]; readonly default: number }
  | { readonly op: 'trap_if'; readonly cond: Condition; readonly code: number }
  | { readonly op: 'trap'; readonly code: number };

export type OperandKind = Operand['kind'];

/**
 * Visits every register operand of `inst` in a fixed order and returns the instruction
 * with each replaced by what `f` returns. The one place that defines operand order:
 * `operands()` lists through it, `emit` maps allocated registers back through it.
 */
export function mapOperands(inst: A64Inst, f: (reg: Reg, kind: OperandKind, fixed?: Reg) => Reg): A64Inst {
  const use = (r: Reg): Reg => f(r, 'use');
  const def = (r: Reg): Reg => f(r, 'def');
  const regOrImm = (x: RegOrImm): RegOrImm => (isImm(x) ? x : use(x));
  const amode = (a: Amode): Amode => (a.kind === 'reg' ? { ...a, base: use(a.base), index: a.index === undefined ? undefined : use(a.index) } : a);
  const cond = (c: Condition): Condition => {
    const fl = c.flags;
    switch (fl.kind) {
      case 'cmp':
        return { ...c, flags: { ...fl, a: fl.a === 'sp' ? 'sp' : use(fl.a), b: regOrImm(fl.b) } };
      case 'tst':
        return { ...c, flags: { ...fl, a: use(fl.a), b: regOrImm(fl.b) } };
      case 'zero':
        return { ...c, flags: { ...fl, a: use(fl.a) } };
      case 'fcmp':
        return { ...c, flags: { ...fl, a: use(fl.a), b: use(fl.b) } };
    }
  };
  switch (inst.op) {
    case 'args':
      return { ...inst, params: inst.params.map((p) => ({ ...p, reg: f(p.reg, 'def', p.fixed) })) };
    case 'move':
    case 'zext32':
    case 'neg':
    case 'not':
    case 'clz':
    case 'ctz':
    case 'popcnt':
    case 'extend':
    case 'funary':
    case 'fcvt':
    case 'int_to_float':
    case 'float_to_int':
    case 'bitcast': {
      const src = use(inst.src);
      return { ...inst, src, dst: def(inst.dst) } as A64Inst;
    }
    case 'iconst':
    case 'fconst':
    case 'stack_pointer':
    case 'symbol_addr':
    case 'slot_addr':
    case 'mrs':
      return { ...inst, dst: def(inst.dst) };
    case 'alu': {
      const a = use(inst.a);
      const b = regOrImm(inst.b);
      return { ...inst, a, b, dst: def(inst.dst) };
    }
    case 'rem': {
      const a = use(inst.a);
      const b = use(inst.b);
      return { ...inst, a, b, dst: def(inst.dst) };
    }
    case 'madd': {
      const a = use(inst.a);
      const b = use(inst.b);
      const c = use(inst.c);
      return { ...inst, a, b, c, dst: def(inst.dst) };
    }
    case 'fbin':
    case 'fcopysign': {
      const a = use(inst.a);
      const b = use(inst.b);
      return { ...inst, a, b, dst: def(inst.dst) } as A64Inst;
    }
    case 'load':
    case 'fload':
    case 'lea': {
      const am = amode(inst.amode);
      return { ...inst, amode: am, dst: def(inst.dst) } as A64Inst;
    }
    case 'store': {
      const am = amode(inst.amode);
      return { ...inst, amode: am, src: inst.src === 'zero' ? 'zero' : use(inst.src) };
    }
    case 'fstore': {
      const am = amode(inst.amode);
      return { ...inst, amode: am, src: use(inst.src) };
    }
    case 'cset': {
      const c = cond(inst.cond);
      return { ...inst, cond: c, dst: def(inst.dst) };
    }
    case 'csel': {
      const c = cond(inst.cond);
      const a = use(inst.a);
      const b = use(inst.b);
      return { ...inst, cond: c, a, b, dst: def(inst.dst) };
    }
    case 'heap_check': {
      const index = use(inst.index);
      const size = use(inst.size);
      return { ...inst, index, size, end: f(inst.end, 'early-def') };
    }
    case 'call': {
      const callee = 'reg' in inst.callee ? { reg: use(inst.callee.reg) } : inst.callee;
      const args = inst.args.map((a) => ({ ...a, reg: f(a.reg, 'use', a.fixed) }));
      const results = inst.results.map((r) => ({ ...r, reg: f(r.reg, 'def', r.fixed) }));
      return { ...inst, callee, args, results };
    }
    case 'svc': {
      const args = inst.args.map((a) => ({ ...a, reg: f(a.reg, 'use', a.fixed) }));
      const results = inst.results.map((r) => ({ ...r, reg: f(r.reg, 'def', r.fixed) }));
      return { ...inst, args, results };
    }
    case 'msr':
      return { ...inst, src: use(inst.src) };
    case 'ret': {
      const results = inst.results.map((r) => ({ ...r, reg: f(r.reg, 'use', r.fixed) }));
      const area =
        inst.area === undefined ? undefined : { ptr: use(inst.area.ptr), values: inst.area.values.map((v) => ({ ...v, reg: use(v.reg) })) };
      return { ...inst, results, area };
    }
    case 'jcc':
    case 'trap_if':
      return { ...inst, cond: cond(inst.cond) } as A64Inst;
    case 'jump_table':
      return { ...inst, index: use(inst.index) };
    case 'sys':
    case 'jmp':
    case 'trap':
      return inst;
  }
}
