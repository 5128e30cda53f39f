/**
 * Instruction selection: IR (`IrFunction`) to machine instructions over virtual registers
 * (`VCode<X64Inst>`). One virtual register per IR value; IR blocks become machine blocks
 * in the same order, their parameters block parameters, terminators branches.
 *
 * Selection looks one step up the use-def chains, where x86 has a better form:
 * - a single-use icmp/fcmp feeding br_if, select, trapz/trapnz is fused with it
 *   (cmp + jcc / cmov / jcc to the trap path) instead of materialised with setcc, and so
 *   is a compare of such a condition with zero (negating it) or an `and` (as `test`);
 * - constants become immediates of ALU ops, compares, stores; otherwise they are
 *   rematerialised in each block that needs them (short live ranges);
 * - addresses fold into memory operands: heap_addr → [base + zext(index) + offset],
 *   add → [a + b + offset] or [a + c + offset], a shift by 1–3 into the scale;
 * - i32 values are known zero-extended in their register when selected code made them
 *   (every 32-bit x86 operation clears the upper half), so zero-extension is emitted only
 *   for parameters, call results and wrapped values.
 *
 * The IR is modified in one way first: critical edges are split (splitCriticalEdges).
 */
import {
  type Block,
  type BlockCall,
  computeCfg,
  type Inst,
  type IrFunction,
  type IrType,
  IntCond,
  MemFlags,
  OPS,
  type Reg,
  type RegClass,
  splitCriticalEdges,
  successorCalls,
  terminatorOperands,
  type Value,
  VCode,
  type VBlock,
} from '@mewz/compiler';
import { classOfType } from './abi.js';
import { type Amode, type Condition, type IntSize, type Imm, imm, type X64Inst } from './inst.js';
import { andCondition, intCondition, selectInt } from './isel-int.js';
import { floatCondition, selectFloat } from './isel-float.js';
import { selectMemory } from './isel-memory.js';
import { selectControl, selectEntry, selectTerminator } from './isel-control.js';

export class Isel {
  readonly vcode: VCode<X64Inst>;
  /** The virtual register of each IR value (made on first request). */
  private readonly vregs: (Reg | undefined)[] = [];
  /** The instruction defining each value (undefined for block parameters). */
  readonly defs: (Inst | undefined)[] = [];
  private readonly defBlock: (Block | undefined)[] = [];
  readonly useCount: Int32Array;
  /** Compares evaluated by their only user (branch, select, trap). */
  readonly fused = new Set<Inst>();
  /** add/heap_addr/extend_u whose result feeds only load/store addresses, and shifts folded into a scale. */
  readonly addressOnly = new Set<Inst>();
  /** Loads (and stack-pointer reads) that became operands of the instruction using them. */
  private readonly foldedLoads = new Set<Inst>();
  /** Binary operations reading operand k straight from memory (the load is folded). */
  readonly memoryOperand = new Map<Inst, number>();
  /** i32 values whose register may have non-zero upper 32 bits. */
  private readonly dirty: Uint8Array;
  /** The zero-extended index register of each heap_addr (used by folded addresses). */
  private readonly heapIndex = new Map<Inst, Reg>();
  /** Machine block of each IR block. */
  readonly blockIndex = new Map<Block, number>();
  /** The hidden return-area pointer parameter, when the function has one. */
  returnAreaPtr: Reg | undefined;

  private current: VBlock<X64Inst> | undefined;
  /** Constants and symbol addresses materialised in the current block. */
  private readonly remat = new Map<Value, Reg>();

  constructor(
    readonly func: IrFunction,
    funcIndex: number,
  ) {
    this.vcode = new VCode<X64Inst>(func.name, funcIndex);
    this.useCount = new Int32Array(func.valueTypes.length);
    this.dirty = new Uint8Array(func.valueTypes.length);
  }

  // ---- analysis ---------------------------------------------------------------------

  analyse(blocks: readonly Block[]): void {
    const func = this.func;
    const addrUses = new Int32Array(func.valueTypes.length);
    for (const b of blocks) {
      for (const p of b.params) this.defBlock[p] = b;
      for (const inst of b.insts) {
        for (const r of inst.results) {
          this.defs[r] = inst;
          this.defBlock[r] = b;
        }
        for (const a of inst.args) this.useCount[func.resolve(a)]++;
        if (inst.op === 'load' || inst.op === 'store') addrUses[func.resolve(inst.args[0])]++;
      }
      if (b.term) {
        for (const v of terminatorOperands(b.term)) this.useCount[func.resolve(v)]++;
        for (const call of successorCalls(b.term)) for (const a of call.args) this.useCount[func.resolve(a)]++;
      }
    }
    this.findDirty(blocks);
    for (const b of blocks) {
      const fuse = (v: Value, at: number): void => void this.planCondition(v, b, at);
      b.insts.forEach((inst, i) => {
        if (inst.op === 'select' || inst.op === 'trapnz' || inst.op === 'trapz') fuse(inst.args[0], i);
      });
      for (const inst of b.insts) {
        const foldable =
          (inst.op === 'add' && func.typeOf(inst.results[0]) === 'i64') ||
          inst.op === 'heap_addr' ||
          // A zero-extended i32 already is its register (trusted code addresses memory with it).
          (inst.op === 'extend_u' && this.isClean(inst.args[0]));
        if (foldable) {
          const r = inst.results[0];
          if (this.useCount[r] > 0 && addrUses[r] === this.useCount[r]) this.addressOnly.add(inst);
        }
      }
      if (b.term?.kind === 'br_if') fuse(b.term.cond, b.insts.length);
    }
    // A shift by 1–3 whose only user is a folded add becomes the index scale.
    for (const inst of this.addressOnly) {
      if (inst.op !== 'add') continue;
      for (const a of inst.args) {
        const s = this.scaledIndex(a);
        if (s) this.addressOnly.add(s.inst);
      }
    }
    // Last, loads into the operations still selected on their own.
    for (const b of blocks) {
      b.insts.forEach((inst, i) => {
        if (inst.results.length === 1 && inst.args.length === 2 && !this.fused.has(inst) && !this.addressOnly.has(inst)) this.planMemoryOperand(b, inst, i);
      });
    }
  }

  /**
   * Whether the condition value `v`, consumed at position `at` of block `b`, is evaluated
   * by its consumer rather than materialised: a single-use compare of the same block
   * (icmp against zero of such a condition folds into it, negated for eq), or an `and`,
   * which becomes `test`.
   */
  private planCondition(v: Value, b: Block, at: number): boolean {
    const func = this.func;
    const r = func.resolve(v);
    const d = this.defs[r];
    if (!d || this.useCount[r] !== 1 || this.defBlock[r] !== b) return false;
    switch (d.op) {
      case 'fcmp':
        this.fused.add(d);
        return true;
      case 'and':
        this.fused.add(d);
        return true;
      case 'icmp': {
        this.fused.add(d);
        const inner = this.zeroTest(d);
        if (inner === undefined || !this.planCondition(inner, b, at)) this.planCompare(b, d, at);
        return true;
      }
    }
    return false;
  }

  /** For `icmp eq/ne x, 0` (either side), x. */
  zeroTest(icmp: Inst): Value | undefined {
    if (icmp.imm !== IntCond.eq && icmp.imm !== IntCond.ne) return undefined;
    const [a, b] = icmp.args;
    if (this.constOf(b) === 0n) return a;
    if (this.constOf(a) === 0n) return b;
    return undefined;
  }

  /**
   * Operands a fused icmp (evaluated at position `at` of block `b`) reads straight from
   * where they are: a single-use full-width load of the same block becomes the memory
   * operand of cmp, provided nothing between the load and `at` writes memory; and then
   * the stack pointer, when it is the other operand, is compared as rsp itself.
   */
  /**
   * The load defining `v` if it can be read as a memory operand at position `at` of block
   * `b`: a full-width load (`bytes`) of the same block, used only there, and nothing
   * between it and `at` writes memory.
   */
  private foldableLoad(v: Value, b: Block, at: number, bytes: number): Inst | undefined {
    const r = this.func.resolve(v);
    const d = this.defs[r];
    if (!d || d.op !== 'load' || this.useCount[r] !== 1 || this.defBlock[r] !== b || MemFlags.width(d.flags) !== bytes) return undefined;
    if (this.foldedLoads.has(d)) return undefined;
    const from = b.insts.indexOf(d);
    for (let i = from + 1; i < at; i++) if (writesMemory(b.insts[i]!)) return undefined;
    return d;
  }

  /**
   * A binary operation at position `at` of block `b` that can take one operand straight
   * from memory (x86 `op reg, [mem]`): float add/sub/mul/div and integer add/sub/and/or/xor
   * whose other operand is no constant. Records which operand.
   */
  private planMemoryOperand(b: Block, inst: Inst, at: number): void {
    const type = this.func.typeOf(inst.results[0]!);
    const float = type === 'f32' || type === 'f64';
    const int = type === 'i32' || type === 'i64';
    const ops = float ? FLOAT_MEMORY_OPS : int ? INT_MEMORY_OPS : undefined;
    const commutative = ops?.[inst.op];
    if (commutative === undefined) return;
    const bytes = type === 'i64' || type === 'f64' ? 8 : 4;
    for (const k of commutative ? [1, 0] : [1]) {
      if (int && this.constOf(inst.args[1 - k]!) !== undefined) continue;
      const load = this.foldableLoad(inst.args[k]!, b, at, bytes);
      if (!load) continue;
      this.foldedLoads.add(load);
      this.memoryOperand.set(inst, k);
      return;
    }
  }

  private planCompare(b: Block, icmp: Inst, at: number): void {
    const func = this.func;
    const size = func.typeOf(func.resolve(icmp.args[0])) === 'i64' ? 8 : 4;
    const foldableLoad = (v: Value): Inst | undefined => this.foldableLoad(v, b, at, size);
    const memArg = foldableLoad(icmp.args[1]) ? 1 : foldableLoad(icmp.args[0]) ? 0 : undefined;
    if (memArg === undefined) return;
    const load = this.defs[func.resolve(icmp.args[memArg])]!;
    this.foldedLoads.add(load);
    const other = func.resolve(icmp.args[1 - memArg]);
    const sp = this.defs[other];
    if (sp?.op === 'intrinsic' && sp.sym === 'stack_pointer' && this.useCount[other] === 1 && this.defBlock[other] === b) this.foldedLoads.add(sp);
  }

  /** A load or stack-pointer read folded into the compare that uses it. */
  isFoldedInto(v: Value): Inst | undefined {
    const d = this.def(v);
    return d && this.foldedLoads.has(d) ? d : undefined;
  }

  /** `shl x, k` (k in 1..3, single use) as [x * 2^k]. */
  private scaledIndex(v: Value): { inst: Inst; index: Value; scale: 2 | 4 | 8 } | undefined {
    const r = this.func.resolve(v);
    const d = this.defs[r];
    if (!d || d.op !== 'shl' || this.useCount[r] !== 1 || this.func.typeOf(r) !== 'i64') return undefined;
    const k = this.constOf(d.args[1]);
    if (k === undefined || k < 1n || k > 3n) return undefined;
    return { inst: d, index: d.args[0], scale: (1 << Number(k)) as 2 | 4 | 8 };
  }

  /**
   * Which i32 values may carry garbage in the upper half of their register: wrap (the
   * low half of an i64, left in place), intrinsic results to be safe, and block parameters
   * receiving any of these. Parameters are zero-extended at the entry, call results right
   * after the call (the ABI leaves both open), so that loop variables seeded from them
   * need no zero-extension at each memory access.
   */
  private findDirty(blocks: readonly Block[]): void {
    const func = this.func;
    const isI32 = (v: Value): boolean => func.typeOf(v) === 'i32';
    for (const b of blocks) {
      for (const inst of b.insts) {
        if (inst.op === 'intrinsic' || inst.op === 'wrap') {
          for (const r of inst.results) if (isI32(r)) this.dirty[r] = 1;
        }
      }
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (const b of blocks) {
        for (const call of successorCalls(b.term)) {
          call.block.params.forEach((p, i) => {
            if (!this.dirty[p] && isI32(p) && this.dirty[func.resolve(call.args[i])]) {
              this.dirty[p] = 1;
              changed = true;
            }
          });
        }
      }
    }
  }

  // ---- values -----------------------------------------------------------------------

  typeOf(v: Value): IrType {
    return this.func.typeOf(this.func.resolve(v));
  }

  def(v: Value): Inst | undefined {
    return this.defs[this.func.resolve(v)];
  }

  /** The virtual register of IR value `v` (its definition writes it). */
  result(v: Value): Reg {
    const r = this.func.resolve(v);
    let reg = this.vregs[r];
    if (reg === undefined) {
      reg = this.vcode.newVreg(classOfType(this.func.typeOf(r)));
      this.vregs[r] = reg;
    }
    return reg;
  }

  /**
   * Makes IR value `v` live in the register of `src`, for operations that do not change
   * the bits (wrap, extend_u of a clean i32). Falls back to a copy when `v` already has a
   * register or `src` is rematerialised per block.
   */
  same(v: Value, src: Value): void {
    const r = this.func.resolve(v);
    const s = this.func.resolve(src);
    const d = this.defs[s];
    const remat = d !== undefined && (d.op === 'const' || d.op === 'symbol_addr');
    if (this.vregs[r] === undefined && !remat) {
      this.vregs[r] = this.use(s);
      return;
    }
    this.emit({ op: 'move', cls: classOfType(this.func.typeOf(r)), dst: this.result(r), src: this.use(s) });
  }

  temp(cls: RegClass): Reg {
    return this.vcode.newVreg(cls);
  }

  /** The register holding `v` here: constants and symbol addresses are made in each block that uses them. */
  use(v: Value): Reg {
    const r = this.func.resolve(v);
    const d = this.defs[r];
    if (d && (d.op === 'const' || d.op === 'symbol_addr')) {
      let reg = this.remat.get(r);
      if (reg === undefined) {
        reg = this.temp(classOfType(this.func.typeOf(r)));
        const t = this.func.typeOf(r);
        if (d.op === 'symbol_addr') this.emit({ op: 'symbol_addr', dst: reg, sym: d.sym });
        else if (t === 'f32' || t === 'f64') this.emit({ op: 'fconst', type: t, dst: reg, bits: d.bits });
        else this.emit({ op: 'iconst', dst: reg, value: d.bits });
        this.remat.set(r, reg);
      }
      return reg;
    }
    if (d && (this.fused.has(d) || this.addressOnly.has(d) || this.foldedLoads.has(d)) && this.vregs[r] === undefined) {
      throw new Error(`internal: v${r} (${d.op}) was folded into its users but is needed in a register`);
    }
    return this.result(r);
  }

  /** Raw bits of `v` if it is a constant. */
  constOf(v: Value): bigint | undefined {
    const d = this.def(v);
    return d?.op === 'const' ? d.bits : undefined;
  }

  /** `v` as an immediate of a `size`-bit operation (imm32, sign-extended for 64-bit ones), if it is a constant that fits. */
  immOf(v: Value, size: IntSize): Imm | undefined {
    const bits = this.constOf(v);
    if (bits === undefined) return undefined;
    const s = size === 32 ? BigInt.asIntN(32, bits) : BigInt.asIntN(64, bits);
    return s >= -(1n << 31n) && s < 1n << 31n ? imm(Number(s)) : undefined;
  }

  /** Whether the register of an i32 value is known to be zero-extended. */
  isClean(v: Value): boolean {
    const r = this.func.resolve(v);
    return this.func.typeOf(r) === 'i32' && !this.dirty[r];
  }

  /** A register holding i32 `v` zero-extended to 64 bits. */
  zext(v: Value): Reg {
    const src = this.use(v);
    if (this.isClean(v)) return src;
    const dst = this.temp('int');
    this.emit({ op: 'zext32', dst, src });
    return dst;
  }

  // ---- folded operands --------------------------------------------------------------

  /** The flags test for an i32/i64 condition value: a fused compare or `and`, or `v ≠ 0`. */
  condition(v: Value): Condition {
    const d = this.def(v);
    if (d && this.fused.has(d)) {
      if (d.op === 'icmp') return intCondition(this, d);
      if (d.op === 'fcmp') return floatCondition(this, d);
      if (d.op === 'and') return andCondition(this, d);
    }
    const size: IntSize = this.typeOf(v) === 'i64' ? 64 : 32;
    const a = this.use(v);
    return { flags: { kind: 'test', size, a, b: a }, ccs: ['ne'], all: false };
  }

  /** For an operation planned with a memory operand: its other operand, and the memory operand. */
  memoryOperandOf(inst: Inst): { other: Value; amode: Amode } | undefined {
    const k = this.memoryOperand.get(inst);
    if (k === undefined) return undefined;
    const load = this.def(inst.args[k]!)!;
    return { other: inst.args[1 - k]!, amode: this.amode(load.args[0]!, load.imm) };
  }

  /**
   * The zero-extended index of a heap_addr: the index's own register when it is known
   * clean, else one made by the check (a constant is rematerialised per block, so it gets
   * its own register too).
   */
  heapIndexOf(inst: Inst): Reg {
    let reg = this.heapIndex.get(inst);
    if (reg === undefined) {
      const index = inst.args[0]!;
      reg = this.isClean(index) && this.constOf(index) === undefined ? this.result(index) : this.temp('int');
      this.heapIndex.set(inst, reg);
    }
    return reg;
  }

  /** The memory operand for native address `v` plus `offset`. */
  amode(v: Value, offset: number): Amode {
    const d = this.def(v);
    const fits = (n: number | bigint): boolean => (typeof n === 'number' ? n >= -0x8000_0000 && n <= 0x7fff_ffff : n >= -0x8000_0000n && n <= 0x7fff_ffffn);
    if (d && this.addressOnly.has(d) && fits(offset)) {
      if (d.op === 'heap_addr') return { kind: 'reg', base: this.use(d.args[1]), index: this.heapIndexOf(d), scale: 1, disp: offset };
      if (d.op === 'extend_u') return { kind: 'reg', base: this.use(d.args[0]), scale: 1, disp: offset };
      const [x, y] = d.args;
      for (const [p, q] of [
        [x, y],
        [y, x],
      ]) {
        const c = this.constOf(q);
        if (c !== undefined && fits(BigInt.asIntN(64, c) + BigInt(offset))) {
          return { kind: 'reg', base: this.use(p), scale: 1, disp: Number(BigInt.asIntN(64, c) + BigInt(offset)) };
        }
      }
      for (const [p, q] of [
        [x, y],
        [y, x],
      ]) {
        const s = this.scaledIndex(q);
        if (s && this.addressOnly.has(s.inst)) return { kind: 'reg', base: this.use(p), index: this.use(s.index), scale: s.scale, disp: offset };
      }
      return { kind: 'reg', base: this.use(x), index: this.use(y), scale: 1, disp: offset };
    }
    if (d && this.addressOnly.has(d)) {
      // An offset beyond disp32 (Wasm offsets are u32): add it with a register.
      const at = this.materialiseAddress(d);
      const off = this.temp('int');
      this.emit({ op: 'iconst', dst: off, value: BigInt(offset) });
      return { kind: 'reg', base: at, index: off, scale: 1, disp: 0 };
    }
    if (fits(offset)) return { kind: 'reg', base: this.use(v), scale: 1, disp: offset };
    const off = this.temp('int');
    this.emit({ op: 'iconst', dst: off, value: BigInt(offset) });
    return { kind: 'reg', base: this.use(v), index: off, scale: 1, disp: 0 };
  }

  private materialiseAddress(d: Inst): Reg {
    const dst = this.temp('int');
    this.emit({ op: 'lea', size: 64, dst, amode: this.amode(d.results[0], 0) });
    return dst;
  }

  /**
   * Registers for operands pinned to physical registers: one that appears twice (f(x, x),
   * or a constant passed twice) is copied, so no virtual register needs two places at once.
   */
  distinct(regs: readonly Reg[]): Reg[] {
    const seen = new Set<Reg>();
    return regs.map((r) => {
      if (!seen.has(r)) {
        seen.add(r);
        return r;
      }
      const cls = this.vcode.classOf(r);
      const copy = this.temp(cls);
      this.emit({ op: 'move', cls, dst: copy, src: r });
      return copy;
    });
  }

  // ---- output -----------------------------------------------------------------------

  emit(inst: X64Inst): void {
    if (!this.current) throw new Error('internal: no current block');
    this.current.insts.push(inst);
  }

  /** The machine successor for an IR edge (arguments made available in this block). */
  edge(call: BlockCall): { block: number; args: Reg[] } {
    const block = this.blockIndex.get(call.block);
    if (block === undefined) throw new Error(`internal: branch to unknown block${call.block.id}`);
    return { block, args: call.args.map((a) => this.use(a)) };
  }

  get block(): VBlock<X64Inst> {
    if (!this.current) throw new Error('internal: no current block');
    return this.current;
  }

  // ---- driver -----------------------------------------------------------------------

  run(): VCode<X64Inst> {
    const func = this.func;
    splitCriticalEdges(func);
    const cfg = computeCfg(func);
    const blocks = func.blocks.filter((b) => cfg.rpoIndex[b.id] >= 0);
    this.analyse(blocks);
    blocks.forEach((b, i) => this.blockIndex.set(b, i));
    for (const b of blocks) {
      const vb: VBlock<X64Inst> = { params: b.params.map((p) => this.result(p)), insts: [], succs: [] };
      this.vcode.blocks.push(vb);
      this.current = vb;
      this.remat.clear();
      if (b === func.entry) selectEntry(this);
      for (const inst of b.insts) {
        if (this.skip(inst)) continue;
        this.select(inst);
      }
      if (!b.term) throw new Error(`${func.name}: block${b.id} has no terminator`);
      selectTerminator(this, b.term);
    }
    this.current = undefined;
    return this.vcode;
  }

  /** Instructions with nothing to emit here: dead pure ones, rematerialised and folded ones. */
  private skip(inst: Inst): boolean {
    if (inst.op === 'const' || inst.op === 'symbol_addr') return true;
    if (this.fused.has(inst) || this.foldedLoads.has(inst)) return true;
    if (inst.op !== 'heap_addr' && this.addressOnly.has(inst)) return true;
    return OPS[inst.op].pure && inst.results.every((r) => this.useCount[r] === 0);
  }

  private select(inst: Inst): void {
    if (selectInt(this, inst) || selectFloat(this, inst) || selectMemory(this, inst) || selectControl(this, inst)) return;
    throw new Error(`${this.func.name}: cannot select ${inst.op}`);
  }
}

/** Operations that can take a memory operand, and whether they are commutative. */
const FLOAT_MEMORY_OPS: Partial<Record<string, boolean>> = { add: true, mul: true, sub: false, div: false };
const INT_MEMORY_OPS: Partial<Record<string, boolean>> = { add: true, and: true, or: true, xor: true, sub: false };

/** Whether an instruction may write memory (so no load can be moved across it). */
function writesMemory(inst: Inst): boolean {
  return inst.op === 'store' || inst.op === 'call' || inst.op === 'call_indirect' || (inst.op === 'intrinsic' && inst.sym !== 'stack_pointer');
}

/** Selects machine instructions for `func` (whose critical edges are split first, in place). */
export function selectInstructions(func: IrFunction, funcIndex: number): VCode<X64Inst> {
  return new Isel(func, funcIndex).run();
}
