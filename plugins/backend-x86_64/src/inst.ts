/**
 * Machine instructions of the x86_64 backend, over registers in the allocator's numbering
 * (physical 0–31, see pregs.ts; virtual from PREG_LIMIT). Instruction selection makes them
 * over virtual registers; after allocation `mapOperands` gives the same instruction over
 * physical ones, which `emit` encodes. Some are small fixed sequences (a compare fused
 * with its branch, Wasm float min/max) so that nothing the allocator inserts can land
 * between a flag-setting instruction and its reader.
 */
import type { Operand, Reg, RegClass } from '@mewz/compiler';
import type { Cond } from './encoder/conditions.js';
import type { BitScanOp, ShiftOp } from './encoder/integer.js';
import { RAX, RCX, RDX } from './pregs.js';

export type IntSize = 32 | 64;

/** An immediate operand, boxed because registers are numbers too. */
export interface Imm {
  readonly imm: number;
}
export type RegOrImm = Reg | Imm;
export const isImm = (x: RegOrImm): x is Imm => typeof x === 'object';
export const imm = (value: number): Imm => ({ imm: value });
export type FloatType = 'f32' | 'f64';
export type Width = 1 | 2 | 4 | 8;

/** A memory operand. */
export type Amode =
  /** [base + index*scale + disp] over registers. */
  | { readonly kind: 'reg'; readonly base: Reg; readonly index?: Reg; readonly scale: 1 | 2 | 4 | 8; readonly disp: number }
  /** An explicit stack slot of the function (VCode.stackSlots), plus disp. */
  | { readonly kind: 'slot'; readonly slot: number; readonly disp: number }
  /** [rsp + disp]: the outgoing stack-argument area. */
  | { readonly kind: 'outgoing'; readonly disp: number }
  /** [rbp + 16 + disp]: the caller's stack arguments to this function. */
  | { readonly kind: 'incoming'; readonly disp: number };

/** How the flags are set before a condition is tested. */
export type FlagsOp =
  | { readonly kind: 'cmp'; readonly size: IntSize; readonly a: Reg; readonly b: RegOrImm }
  | { readonly kind: 'test'; readonly size: IntSize; readonly a: Reg; readonly b: RegOrImm }
  | { readonly kind: 'ucomis'; readonly type: FloatType; readonly a: Reg; readonly b: Reg }
  /** cmp with a memory operand folded in; `a` may be the stack pointer itself (stack checks). */
  | { readonly kind: 'cmp_mem'; readonly size: IntSize; readonly a: Reg | 'rsp'; readonly b: Amode };

/**
 * A condition: after `flags`, true iff every (`all`) or some (`!all`) code holds. Float
 * equality needs two codes (ZF and no parity), hence the set.
 */
export interface Condition {
  readonly flags: FlagsOp;
  readonly ccs: readonly Cond[];
  readonly all: boolean;
}

export type AluOp = 'add' | 'sub' | 'and' | 'or' | 'xor';
export type FloatBinOp = 'add' | 'sub' | 'mul' | 'div';
export type FloatUnaryOp = 'sqrt' | 'floor' | 'ceil' | 'trunc' | 'nearest';
export type FloatToIntKind = 'trap_s' | 'trap_u' | 'sat_s' | 'sat_u';
/** System instructions with implicit register operands (kernel intrinsics). */
export type SysOp =
  | 'syscall'
  | 'rdtsc'
  | 'rdmsr'
  | 'wrmsr'
  | 'in8'
  | 'in16'
  | 'in32'
  | 'out8'
  | 'out16'
  | 'out32'
  | 'mfence'
  | 'lfence'
  | 'sfence'
  | 'pause'
  | 'hlt'
  | 'sti'
  | 'cli'
  | 'cpuid'
  | 'rdrand';

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

export type X64Inst =
  /** Defines the parameters that arrive in registers (stack ones are loaded from the incoming area). */
  | { readonly op: 'args'; readonly params: readonly FixedReg[] }
  /** Register copy (int: mov r64; float: movaps): coalescable. */
  | { readonly op: 'move'; readonly cls: RegClass; readonly dst: Reg; readonly src: Reg }
  /** mov r32, r32: the low half, zero-extended. */
  | { readonly op: 'zext32'; readonly dst: Reg; readonly src: Reg }
  | { readonly op: 'iconst'; readonly dst: Reg; readonly value: bigint }
  | { readonly op: 'fconst'; readonly type: FloatType; readonly dst: Reg; readonly bits: bigint }
  /** dst op= src (two-address: dst is read and written). */
  | { readonly op: 'alu'; readonly alu: AluOp; readonly size: IntSize; readonly dst: Reg; readonly src: RegOrImm }
  /** dst op= [memory] (a load folded into its only user). */
  | { readonly op: 'alu_mem'; readonly alu: AluOp; readonly size: IntSize; readonly dst: Reg; readonly amode: Amode }
  | { readonly op: 'lea'; readonly size: IntSize; readonly dst: Reg; readonly amode: Amode }
  | { readonly op: 'imul'; readonly size: IntSize; readonly dst: Reg; readonly src: Reg }
  | { readonly op: 'imul_imm'; readonly size: IntSize; readonly dst: Reg; readonly src: Reg; readonly imm: number }
  | { readonly op: 'neg' | 'not'; readonly size: IntSize; readonly dst: Reg }
  /** dst shifted in place by cl (count fixed to rcx) or an immediate. */
  | { readonly op: 'shift'; readonly shift: ShiftOp; readonly size: IntSize; readonly dst: Reg; readonly count: RegOrImm }
  | { readonly op: 'bitscan'; readonly scan: BitScanOp; readonly size: IntSize; readonly dst: Reg; readonly src: Reg }
  /** rdx:rax / divisor: dividend fixed in rax, quotient in rax, remainder in rdx (both defined). */
  | {
      readonly op: 'div';
      readonly signed: boolean;
      readonly size: IntSize;
      readonly dividend: Reg;
      readonly divisor: Reg;
      readonly quot: Reg;
      readonly rem: Reg;
    }
  /** movzx/movsx/movsxd from `from` bits to `size` bits. */
  | { readonly op: 'extend'; readonly signed: boolean; readonly from: 8 | 16 | 32; readonly size: IntSize; readonly dst: Reg; readonly src: Reg }
  /** Integer load of `width` bytes into a `size`-bit register, zero- or sign-extended. */
  | { readonly op: 'load'; readonly size: IntSize; readonly width: Width; readonly signed: boolean; readonly dst: Reg; readonly amode: Amode }
  | { readonly op: 'fload'; readonly type: FloatType; readonly dst: Reg; readonly amode: Amode }
  | { readonly op: 'store'; readonly width: Width; readonly src: RegOrImm; readonly amode: Amode }
  | { readonly op: 'fstore'; readonly type: FloatType; readonly src: Reg; readonly amode: Amode }
  /** dst = cond ? 1 : 0 (tmp only for two-code conditions). */
  | { readonly op: 'setcc'; readonly cond: Condition; readonly dst: Reg; readonly tmp?: Reg }
  /** dst = cond ? src : dst; the condition is a single code or an `any` set. */
  | { readonly op: 'cmov'; readonly size: IntSize; readonly cond: Condition; readonly dst: Reg; readonly src: Reg }
  /** Float dst = cond ? src : dst, with a short branch (SSE has no scalar cmov). */
  | { readonly op: 'fsel'; readonly cond: Condition; readonly dst: Reg; readonly src: Reg }
  | { readonly op: 'fbin'; readonly fop: FloatBinOp; readonly type: FloatType; readonly dst: Reg; readonly src: Reg }
  | { readonly op: 'fbin_mem'; readonly fop: FloatBinOp; readonly type: FloatType; readonly dst: Reg; readonly amode: Amode }
  /** Wasm min/max: NaN if either is NaN, -0 below +0. */
  | { readonly op: 'fminmax'; readonly max: boolean; readonly type: FloatType; readonly dst: Reg; readonly src: Reg }
  | { readonly op: 'funary'; readonly fop: FloatUnaryOp; readonly type: FloatType; readonly dst: Reg; readonly src: Reg }
  /** Sign-bit operations in place with a constant mask. */
  | { readonly op: 'fabs' | 'fneg'; readonly type: FloatType; readonly dst: Reg }
  | { readonly op: 'fcopysign'; readonly type: FloatType; readonly dst: Reg; readonly src: Reg; readonly tmp: Reg }
  | { readonly op: 'fpromote' | 'fdemote'; readonly dst: Reg; readonly src: Reg }
  /** Integer to float; unsigned 64-bit needs two GPR temporaries. */
  | {
      readonly op: 'int_to_float';
      readonly signed: boolean;
      readonly from: IntSize;
      readonly type: FloatType;
      readonly dst: Reg;
      readonly src: Reg;
      readonly tmps?: readonly [Reg, Reg];
    }
  /** Float to integer: trapping ones are range-checked before; saturating ones clamp. */
  | {
      readonly op: 'float_to_int';
      readonly kind: FloatToIntKind;
      readonly type: FloatType;
      readonly size: IntSize;
      readonly dst: Reg;
      readonly src: Reg;
      readonly tmp?: Reg;
    }
  /** movd/movq between the register files. */
  | { readonly op: 'bitcast'; readonly size: IntSize; readonly dst: Reg; readonly src: Reg }
  | { readonly op: 'stack_pointer'; readonly dst: Reg }
  | { readonly op: 'symbol_addr'; readonly dst: Reg; readonly sym: string }
  | { readonly op: 'slot_addr'; readonly dst: Reg; readonly slot: number; readonly disp: number }
  /** Traps unless index + imm ≤ size (index already zero-extended); `end` is scratch. */
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
  /** A system instruction whose operands live in fixed registers; `clobbers` are destroyed besides the results. */
  | {
      readonly op: 'sys';
      readonly name: SysOp;
      readonly args: readonly FixedReg[];
      readonly results: readonly FixedReg[];
      readonly clobbers: readonly Reg[];
    }
  | { readonly op: 'cr_read'; readonly cr: 0 | 2 | 3 | 4; readonly dst: Reg }
  | { readonly op: 'cr_write'; readonly cr: 0 | 3 | 4; readonly src: Reg }
  | { readonly op: 'invlpg'; readonly addr: Reg }
  /** Branches name machine blocks by index (the block's successors in VBlock.succs). */
  | { readonly op: 'jmp'; readonly target: number }
  | { readonly op: 'jcc'; readonly cond: Condition; readonly taken: number; readonly notTaken: number }
  | {
      readonly op: 'jump_table';
      readonly index: Reg;
      readonly tmp1: Reg;
      readonly tmp2: Reg;
      readonly targets: readonly number[];
      readonly default: number;
    }
  | { readonly op: 'trap_if'; readonly cond: Condition; readonly code: number }
  | { readonly op: 'trap'; readonly code: number };

export type OperandKind = Operand['kind'];

/**
 * Visits every register operand of `inst` in a fixed order and returns the instruction
 * with each replaced by what `f` returns. The one place that defines operand order:
 * `operands()` lists through it, `emit` maps allocated registers back through it.
 */
export function mapOperands(inst: X64Inst, f: (reg: Reg, kind: OperandKind, fixed?: Reg) => Reg): X64Inst {
  const use = (r: Reg): Reg => f(r, 'use');
  const def = (r: Reg): Reg => f(r, 'def');
  const mod = (r: Reg): Reg => f(r, 'mod');
  const regOrImm = (x: RegOrImm): RegOrImm => (isImm(x) ? x : use(x));
  const amode = (a: Amode): Amode => (a.kind === 'reg' ? { ...a, base: use(a.base), index: a.index === undefined ? undefined : use(a.index) } : a);
  const cond = (c: Condition): Condition => {
    const fl = c.flags;
    if (fl.kind === 'cmp_mem') {
      const a = fl.a === 'rsp' ? fl.a : use(fl.a);
      return { ...c, flags: { ...fl, a, b: amode(fl.b) } };
    }
    const a = use(fl.a);
    const flags: FlagsOp = fl.kind === 'ucomis' ? { ...fl, a, b: use(fl.b) } : { ...fl, a, b: regOrImm(fl.b) };
    return { ...c, flags };
  };
  switch (inst.op) {
    case 'args':
      return { ...inst, params: inst.params.map((p) => ({ ...p, reg: f(p.reg, 'def', p.fixed) })) };
    case 'move':
    case 'zext32':
    case 'fpromote':
    case 'fdemote':
    case 'bitcast':
    case 'extend':
    case 'bitscan':
    case 'funary':
    case 'imul_imm': {
      const src = use(inst.src);
      return { ...inst, src, dst: def(inst.dst) };
    }
    case 'iconst':
    case 'fconst':
    case 'stack_pointer':
    case 'symbol_addr':
    case 'slot_addr':
      return { ...inst, dst: def(inst.dst) };
    case 'alu': {
      const src = regOrImm(inst.src);
      return { ...inst, src, dst: mod(inst.dst) };
    }
    case 'imul':
    case 'fbin':
    case 'fminmax': {
      const src = use(inst.src);
      return { ...inst, src, dst: mod(inst.dst) };
    }
    case 'lea': {
      const am = amode(inst.amode);
      return { ...inst, amode: am, dst: def(inst.dst) };
    }
    case 'alu_mem':
    case 'fbin_mem': {
      const am = amode(inst.amode);
      return { ...inst, amode: am, dst: mod(inst.dst) };
    }
    case 'neg':
    case 'not':
    case 'fabs':
    case 'fneg':
      return { ...inst, dst: mod(inst.dst) };
    case 'shift': {
      const count = isImm(inst.count) ? inst.count : f(inst.count, 'use', RCX);
      return { ...inst, count, dst: mod(inst.dst) };
    }
    case 'div': {
      const dividend = f(inst.dividend, 'use', RAX);
      const divisor = use(inst.divisor);
      // rdx is written (sign or zero extension of rax) before the divisor is read.
      const rem = f(inst.rem, 'early-def', RDX);
      const quot = f(inst.quot, 'def', RAX);
      return { ...inst, dividend, divisor, rem, quot };
    }
    case 'load':
    case 'fload': {
      const am = amode(inst.amode);
      return { ...inst, amode: am, dst: def(inst.dst) };
    }
    case 'store': {
      const am = amode(inst.amode);
      return { ...inst, amode: am, src: regOrImm(inst.src) };
    }
    case 'fstore': {
      const am = amode(inst.amode);
      return { ...inst, amode: am, src: use(inst.src) };
    }
    case 'setcc': {
      const c = cond(inst.cond);
      const dst = def(inst.dst);
      return { ...inst, cond: c, dst, tmp: inst.tmp === undefined ? undefined : def(inst.tmp) };
    }
    case 'cmov':
    case 'fsel': {
      const c = cond(inst.cond);
      const src = use(inst.src);
      return { ...inst, cond: c, src, dst: mod(inst.dst) } as X64Inst;
    }
    case 'fcopysign': {
      const src = use(inst.src);
      const dst = mod(inst.dst);
      // tmp is written (copy of src) while dst is still to be read.
      return { ...inst, src, dst, tmp: f(inst.tmp, 'early-def') };
    }
    case 'int_to_float': {
      const src = use(inst.src);
      const dst = def(inst.dst);
      // The temporaries are written while src is still to be read.
      const tmps = inst.tmps === undefined ? undefined : ([f(inst.tmps[0], 'early-def'), f(inst.tmps[1], 'early-def')] as const);
      return { ...inst, src, dst, tmps };
    }
    case 'float_to_int': {
      const src = use(inst.src);
      // Saturating conversions clear dst before src is last read (different register files,
      // so only the float temporary needs care).
      const dst = def(inst.dst);
      return { ...inst, src, dst, tmp: inst.tmp === undefined ? undefined : f(inst.tmp, 'early-def') };
    }
    case 'heap_check': {
      const index = use(inst.index);
      const size = use(inst.size);
      // `end` is computed before `size` is read.
      return { ...inst, index, size, end: f(inst.end, 'early-def') };
    }
    case 'call': {
      const callee = 'reg' in inst.callee ? { reg: use(inst.callee.reg) } : inst.callee;
      const args = inst.args.map((a) => ({ ...a, reg: f(a.reg, 'use', a.fixed) }));
      const results = inst.results.map((r) => ({ ...r, reg: f(r.reg, 'def', r.fixed) }));
      return { ...inst, callee, args, results };
    }
    case 'sys': {
      const args = inst.args.map((a) => ({ ...a, reg: f(a.reg, 'use', a.fixed) }));
      const results = inst.results.map((r) => ({ ...r, reg: f(r.reg, 'def', r.fixed) }));
      return { ...inst, args, results };
    }
    case 'cr_read':
      return { ...inst, dst: def(inst.dst) };
    case 'cr_write':
      return { ...inst, src: use(inst.src) };
    case 'invlpg':
      return { ...inst, addr: use(inst.addr) };
    case 'ret': {
      const results = inst.results.map((r) => ({ ...r, reg: f(r.reg, 'use', r.fixed) }));
      const area =
        inst.area === undefined ? undefined : { ptr: use(inst.area.ptr), values: inst.area.values.map((v) => ({ ...v, reg: use(v.reg) })) };
      return { ...inst, results, area };
    }
    case 'jcc':
    case 'trap_if':
      return { ...inst, cond: cond(inst.cond) } as X64Inst;
    case 'jump_table': {
      const index = use(inst.index);
      return { ...inst, index, tmp1: def(inst.tmp1), tmp2: def(inst.tmp2) };
    }
    case 'jmp':
    case 'trap':
      return inst;
  }
}
