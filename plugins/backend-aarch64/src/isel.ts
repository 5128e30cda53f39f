/**
 * Instruction selection: IR (`IrFunction`) to machine instructions over virtual registers
 * (`VCode<A64Inst>`). One virtual register per IR value; IR blocks become machine blocks
 * in the same order, their parameters block parameters, terminators branches.
 *
 * Selection looks one step up the use-def chains, where aarch64 has a better form:
 * - a single-use icmp/fcmp feeding br_if, select, trapz/trapnz is fused with it
 *   (cmp + b.cond / csel / b.cond to the trap path; a test against zero is cbz/cbnz), and
 *   so is a compare of such a condition with zero (negating it) or an `and` (as tst);
 *   a compare with the stack pointer reads sp itself (the stack check of every function);
 * - constants become immediates where the instruction has a form for them (add/sub
 *   imm12, bitmask immediates, shift amounts, compares), else they are rematerialised in
 *   each block that needs them;
 * - addresses fold into memory operands: heap_addr → [base + zext(index) + offset],
 *   add → [a + b + offset] or [a + offset], a shift by log2 of the access width into the
 *   scaled index;
 * - a single-use shift by a constant is the shifted-register operand of the add, sub,
 *   and, orr or eor using it, and a single-use multiplication added or subtracted is a
 *   madd/msub;
 * - i32 values are known zero-extended in their register when selected code made them
 *   (every write of a w register clears the upper half), so zero-extension is emitted only
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
import { addSubImm, logicalImm } from './encoder/operands.js';
import { type A64Inst, type Amode, type Condition, type IntSize, type Imm, imm } from './inst.js';
import { andCondition, intCondition, selectInt } from './isel-int.js';
import { floatCondition, selectFloat } from './isel-float.js';
import { selectMemory } from './isel-memory.js';
import { selectControl, selectEntry, selectTerminator } from './isel-control.js';

export class Isel {
  readonly vcode: VCode<A64Inst>;
  private readonly vregs: (Reg | undefined)[] = [];
  /** The instruction defining each value (undefined for block parameters). */
  readonly defs: (Inst | undefined)[] = [];
  private readonly defBlock: (Block | undefined)[] = [];
  readonly useCount: Int32Array;
  /** Compares evaluated by their only user (branch, select, trap). */
  readonly fused = new Set<Inst>();
  /** add/heap_addr/extend_u whose result feeds only load/store addresses. */
  readonly addressOnly = new Set<Inst>();
  /** Stack-pointer reads compared as sp itself. */
  readonly foldedSp = new Set<Inst>();
  /** Shifts by a constant read as the shifted-register operand of their only user (add, sub, and, or, xor). */
  readonly foldedShifts = new Set<Inst>();
  /** Which operand of an add/sub/and/or/xor is a folded shift. */
  readonly shiftedOperand = new Map<Inst, number>();
  /** Multiplications done by the madd/msub of their only user, an add or sub. */
  readonly foldedMuls = new Set<Inst>();
  /** Which operand of an add/sub is a folded multiplication. */
  readonly productOperand = new Map<Inst, number>();
  /** Shifts read as the scaled index of the accesses using their (folded) add. */
  private readonly scaledIndex = new Set<Inst>();
  /** i32 values whose register may have non-zero upper 32 bits. */
  private readonly dirty: Uint8Array;
  /** The zero-extended index register of each heap_addr (used by folded addresses). */
  private readonly heapIndex = new Map<Inst, Reg>();
  readonly blockIndex = new Map<Block, number>();
  /** The hidden return-area pointer parameter, when the function has one. */
  returnAreaPtr: Reg | undefined;

  private current: VBlock<A64Inst> | undefined;
  /** Constants and symbol addresses materialised in the current block. */
  private readonly remat = new Map<Value, Reg>();

  constructor(
    readonly func: IrFunction,
    funcIndex: number,
  ) {
    this.vcode = new VCode<A64Inst>(func.name, funcIndex);
    this.useCount = new Int32Array(func.valueTypes.length);
    this.dirty = new Uint8Array(func.valueTypes.length);
  }

  // ---- analysis ---------------------------------------------------------------------

  analyse(blocks: readonly Block[]): void {
    const func = this.func;
    const addrUses = new Int32Array(func.valueTypes.length);
    /** Bitmask of the access widths (1, 2, 4, 8 bytes) of the loads and stores using each address. */
    const addrWidths = new Uint8Array(func.valueTypes.length);
    for (const b of blocks) {
      for (const p of b.params) this.defBlock[p] = b;
      for (const inst of b.insts) {
        for (const r of inst.results) {
          this.defs[r] = inst;
          this.defBlock[r] = b;
        }
        for (const a of inst.args) this.useCount[func.resolve(a)]++;
        if (inst.op === 'load' || inst.op === 'store') {
          const addr = func.resolve(inst.args[0]);
          addrUses[addr]++;
          addrWidths[addr] |= MemFlags.width(inst.flags);
        }
      }
      if (b.term) {
        for (const v of terminatorOperands(b.term)) this.useCount[func.resolve(v)]++;
        for (const call of successorCalls(b.term)) for (const a of call.args) this.useCount[func.resolve(a)]++;
      }
    }
    this.findDirty(blocks);
    for (const b of blocks) {
      for (const inst of b.insts) {
        if (inst.op === 'select' || inst.op === 'trapnz' || inst.op === 'trapz') this.planCondition(inst.args[0], b);
      }
      for (const inst of b.insts) {
        const foldable =
          (inst.op === 'add' && func.typeOf(inst.results[0]) === 'i64') ||
          inst.op === 'heap_addr' ||
          (inst.op === 'extend_u' && this.isClean(inst.args[0]));
        if (foldable) {
          const r = inst.results[0];
          if (this.useCount[r] > 0 && addrUses[r] === this.useCount[r]) this.addressOnly.add(inst);
        }
      }
      if (b.term?.kind === 'br_if') this.planCondition(b.term.cond, b);
    }
    // An add folded into addresses whose accesses all have the width 2^k: a shift of one
    // operand by k (used only there) is the access's scaled index.
    for (const inst of this.addressOnly) {
      if (inst.op !== 'add') continue;
      const widths = addrWidths[inst.results[0]]!;
      for (const a of inst.args) {
        const sh = this.constShift(a, 'i64');
        if (sh && sh.kind === 'lsl' && sh.amount >= 1 && sh.amount <= 3 && widths === 1 << sh.amount) {
          this.scaledIndex.add(sh.inst);
          break;
        }
      }
    }
    // Then shifts into the operations still selected on their own.
    for (const b of blocks) {
      for (const inst of b.insts) {
        if (inst.results.length !== 1 || this.fused.has(inst) || this.addressOnly.has(inst) || !SHIFTABLE[inst.op]) continue;
        const type = func.typeOf(inst.results[0]);
        if (type !== 'i32' && type !== 'i64') continue;
        // An immediate form is better than a shifted register.
        if (inst.args.some((a) => this.constOf(a) !== undefined)) continue;
        const candidates = inst.op === 'sub' ? [1] : [1, 0];
        for (const k of candidates) {
          const sh = this.constShift(inst.args[k]!, type);
          if (!sh || this.foldedShifts.has(sh.inst) || this.scaledIndex.has(sh.inst)) continue;
          this.foldedShifts.add(sh.inst);
          this.shiftedOperand.set(inst, k);
          break;
        }
        if (this.shiftedOperand.has(inst) || (inst.op !== 'add' && inst.op !== 'sub')) continue;
        // c + a·b and c − a·b: one madd/msub.
        for (const k of candidates) {
          const r = func.resolve(inst.args[k]!);
          const mul = this.defs[r];
          if (mul?.op !== 'mul' || this.useCount[r] !== 1 || func.typeOf(r) !== type || this.foldedMuls.has(mul)) continue;
          this.foldedMuls.add(mul);
          this.productOperand.set(inst, k);
          break;
        }
      }
    }
  }

  /** `v` as a single-use shift of `type` by a constant (masked as Wasm does), if it is one. */
  constShift(v: Value, type: IrType): { inst: Inst; value: Value; kind: 'lsl' | 'lsr' | 'asr'; amount: number } | undefined {
    const r = this.func.resolve(v);
    const d = this.defs[r];
    if (!d || this.useCount[r] !== 1 || this.func.typeOf(r) !== type) return undefined;
    const kind = d.op === 'shl' ? 'lsl' : d.op === 'shr_u' ? 'lsr' : d.op === 'shr_s' ? 'asr' : undefined;
    const k = kind === undefined ? undefined : this.constOf(d.args[1]);
    if (kind === undefined || k === undefined) return undefined;
    const amount = Number(k & BigInt(type === 'i64' ? 63 : 31));
    return amount === 0 ? undefined : { inst: d, value: d.args[0], kind, amount };
  }

  /**
   * Whether the condition value `v`, consumed in block `b`, is evaluated by its consumer
   * rather than materialised: a single-use compare or `and` of the same block.
   */
  private planCondition(v: Value, b: Block): boolean {
    const r = this.func.resolve(v);
    const d = this.defs[r];
    if (!d || this.useCount[r] !== 1 || this.defBlock[r] !== b) return false;
    switch (d.op) {
      case 'fcmp':
      case 'and':
        this.fused.add(d);
        return true;
      case 'icmp': {
        this.fused.add(d);
        const inner = this.zeroTest(d);
        if (inner === undefined || !this.planCondition(inner, b)) {
          // A single-use stack-pointer read of the same block is compared as sp.
          for (const a of d.args) {
            const ra = this.func.resolve(a);
            const sp = this.defs[ra];
            if (sp?.op === 'intrinsic' && sp.sym === 'stack_pointer' && this.useCount[ra] === 1 && this.defBlock[ra] === b) this.foldedSp.add(sp);
          }
        }
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
   * Which i32 values may carry garbage in the upper half of their register: wrap (the
   * low half of an i64, left in place), intrinsic results to be safe, and block parameters
   * receiving any of these. Parameters and call results are zero-extended where they
   * arrive (the ABI leaves their upper halves open).
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
    if (d && (this.fused.has(d) || this.addressOnly.has(d) || this.foldedSp.has(d) || this.foldedShifts.has(d) || this.scaledIndex.has(d) || this.foldedMuls.has(d)) && this.vregs[r] === undefined) {
      throw new Error(`internal: v${r} (${d.op}) was folded into its users but is needed in a register`);
    }
    return this.result(r);
  }

  /** Raw bits of `v` if it is a constant. */
  constOf(v: Value): bigint | undefined {
    const d = this.def(v);
    return d?.op === 'const' ? d.bits : undefined;
  }

  /** `v` as an add/sub/cmp immediate of a `size`-bit operation (imm12, optionally shifted; negative ones flip the operation). */
  addImmOf(v: Value, size: IntSize): Imm | undefined {
    const bits = this.constOf(v);
    if (bits === undefined) return undefined;
    const s = BigInt.asIntN(size, bits);
    const mag = s < 0n ? -s : s;
    return addSubImm(mag) ? imm(Number(s)) : undefined;
  }

  /** `v` as a bitmask immediate of a `size`-bit logical operation. */
  logicImmOf(v: Value, size: IntSize): bigint | undefined {
    const bits = this.constOf(v);
    if (bits === undefined) return undefined;
    const u = BigInt.asUintN(size, bits);
    return logicalImm(u, size) ? u : undefined;
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

  /** The test for an i32/i64 condition value: a fused compare or `and`, or `v ≠ 0`. */
  condition(v: Value): Condition {
    const d = this.def(v);
    if (d && this.fused.has(d)) {
      if (d.op === 'icmp') return intCondition(this, d);
      if (d.op === 'fcmp') return floatCondition(this, d);
      if (d.op === 'and') return andCondition(this, d);
    }
    const size: IntSize = this.typeOf(v) === 'i64' ? 64 : 32;
    return { flags: { kind: 'zero', size, a: this.use(v) }, cc: 'ne' };
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
    if (d && this.addressOnly.has(d)) {
      if (d.op === 'heap_addr') return { kind: 'reg', base: this.use(d.args[1]), index: this.heapIndexOf(d), disp: offset };
      if (d.op === 'extend_u') return { kind: 'reg', base: this.use(d.args[0]), disp: offset };
      const [x, y] = d.args;
      for (const [p, q] of [
        [x, y],
        [y, x],
      ]) {
        const c = this.constOf(q);
        if (c !== undefined) {
          const total = BigInt.asIntN(64, c) + BigInt(offset);
          if (total >= -(1n << 31n) && total < 1n << 31n) return { kind: 'reg', base: this.use(p), disp: Number(total) };
        }
      }
      for (const [p, q] of [
        [x, y],
        [y, x],
      ]) {
        const sh = this.def(q);
        if (sh && this.scaledIndex.has(sh)) return { kind: 'reg', base: this.use(p), index: this.use(sh.args[0]), scaled: true, disp: offset };
      }
      return { kind: 'reg', base: this.use(x), index: this.use(y), disp: offset };
    }
    return { kind: 'reg', base: this.use(v), disp: offset };
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

  emit(inst: A64Inst): void {
    if (!this.current) throw new Error('internal: no current block');
    this.current.insts.push(inst);
  }

  /** The machine successor for an IR edge (arguments made available in this block). */
  edge(call: BlockCall): { block: number; args: Reg[] } {
    const block = this.blockIndex.get(call.block);
    if (block === undefined) throw new Error(`internal: branch to unknown block${call.block.id}`);
    return { block, args: call.args.map((a) => this.use(a)) };
  }

  get block(): VBlock<A64Inst> {
    if (!this.current) throw new Error('internal: no current block');
    return this.current;
  }

  // ---- driver -----------------------------------------------------------------------

  run(): VCode<A64Inst> {
    const func = this.func;
    splitCriticalEdges(func);
    const cfg = computeCfg(func);
    const blocks = func.blocks.filter((b) => cfg.rpoIndex[b.id] >= 0);
    this.analyse(blocks);
    blocks.forEach((b, i) => this.blockIndex.set(b, i));
    for (const b of blocks) {
      const vb: VBlock<A64Inst> = { params: b.params.map((p) => this.result(p)), insts: [], succs: [] };
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
    if (this.fused.has(inst) || this.foldedSp.has(inst) || this.foldedShifts.has(inst) || this.scaledIndex.has(inst) || this.foldedMuls.has(inst)) return true;
    if (inst.op !== 'heap_addr' && this.addressOnly.has(inst)) return true;
    return OPS[inst.op].pure && inst.results.every((r) => this.useCount[r] === 0);
  }

  private select(inst: Inst): void {
    if (selectInt(this, inst) || selectFloat(this, inst) || selectMemory(this, inst) || selectControl(this, inst)) return;
    throw new Error(`${this.func.name}: cannot select ${inst.op}`);
  }
}

/** Operations with a shifted-register form for their second operand. */
const SHIFTABLE: Partial<Record<string, true>> = { add: true, sub: true, and: true, or: true, xor: true };

/** Selects machine instructions for `func` (whose critical edges are split first, in place). */
export function selectInstructions(func: IrFunction, funcIndex: number): VCode<A64Inst> {
  return new Isel(func, funcIndex).run();
}
