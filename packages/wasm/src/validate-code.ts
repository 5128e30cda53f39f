import { BLOCK_EMPTY, InstructionReader } from './code-reader.js';
import { invalid, WasmError } from './errors.js';
import type { Code } from './model.js';
import { Imm, Op, OPCODES, opName } from './opcodes.js';
import type { ValidationContext } from './validation-context.js';
import { isRefTypeCode, TypeCode, valTypeCode, valTypeOf } from './valtypes.js';

/** Operand type of a value pushed in unreachable code: matches every type. */
const UNKNOWN = 0;

const IMM = OPCODES.imm;
const SIG = OPCODES.sig;
const SIG_PARAMS = OPCODES.sigParams;
const SIG_RESULTS = OPCODES.sigResults;
const NATURAL_ALIGN = OPCODES.naturalAlign;
const LANES = OPCODES.lanes;

const EMPTY = new Uint8Array(0);
/** One-result block types by type code. */
const SINGLE: Uint8Array[] = [];
for (const code of [TypeCode.I32, TypeCode.I64, TypeCode.F32, TypeCode.F64, TypeCode.V128, TypeCode.FuncRef, TypeCode.ExternRef]) {
  SINGLE[code] = Uint8Array.of(code);
}

/** Above this many locals the types are looked up in the declared runs instead of a table. */
const FLAT_LOCALS_LIMIT = 1 << 20;

function typeName(code: number): string {
  return code === UNKNOWN ? 'unknown' : valTypeOf(code);
}

function growBytes(a: Uint8Array, min: number): Uint8Array {
  const b = new Uint8Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

function growU32(a: Uint32Array, min: number): Uint32Array {
  const b = new Uint32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/**
 * The spec's validation algorithm (operand stack + control stack, with unknown types after
 * unconditional branches), one instance per module so the stacks are reused across
 * functions. Stacks are typed arrays of type codes; no allocation per instruction.
 */
export class CodeValidator {
  private readonly ctx: ValidationContext;
  private readonly r: InstructionReader;

  private vals: Uint8Array = new Uint8Array(256);
  private vh = 0;

  private ctrlOp: Uint32Array = new Uint32Array(64);
  private ctrlHeight: Uint32Array = new Uint32Array(64);
  private ctrlUnreachable: Uint8Array = new Uint8Array(64);
  private ctrlParams: Uint8Array[] = [];
  private ctrlResults: Uint8Array[] = [];
  private ch = 0;
  /** Height and unreachability of the innermost frame, copied out of the arrays above. */
  private floor = 0;
  private floorUnreachable = false;

  private localTypes: Uint8Array = new Uint8Array(256);
  private localCount = 0;
  /** For functions with very many locals: end index and type of each run (params first). */
  private runEnds: number[] = [];
  private runTypes: number[] = [];
  private flatLocals = true;

  private scratch: Uint8Array = new Uint8Array(64);
  private funcIndex = 0;

  constructor(ctx: ValidationContext) {
    this.ctx = ctx;
    this.r = new InstructionReader(ctx.module.bytes);
  }

  private fail(detail: string, offset = this.r.offset): never {
    throw invalid(detail, offset, this.funcIndex);
  }

  private mismatch(expected: number, got: string): never {
    this.fail(`type mismatch in ${opName(this.r.op)}: expected ${typeName(expected)}, got ${got}`);
  }

  // ---- operand stack ----

  private push(t: number): void {
    if (this.vh === this.vals.length) this.vals = growBytes(this.vals, this.vh + 1);
    this.vals[this.vh++] = t;
  }

  /** Pops any value; UNKNOWN when the current block is unreachable and its stack is empty. */
  private popAny(): number {
    if (this.vh === this.floor) {
      if (this.floorUnreachable) return UNKNOWN;
      this.fail(`type mismatch in ${opName(this.r.op)}: expected a value, got nothing`);
    }
    return this.vals[--this.vh];
  }

  private pop(expected: number): number {
    if (this.vh === this.floor) {
      if (this.floorUnreachable) return UNKNOWN;
      this.mismatch(expected, 'nothing');
    }
    const actual = this.vals[--this.vh];
    if (actual !== expected && actual !== UNKNOWN && expected !== UNKNOWN) this.mismatch(expected, typeName(actual));
    return actual;
  }

  private popAll(types: Uint8Array): void {
    for (let i = types.length - 1; i >= 0; i--) this.pop(types[i]);
  }

  private pushAll(types: Uint8Array): void {
    for (let i = 0; i < types.length; i++) this.push(types[i]);
  }

  // ---- control stack ----

  private pushCtrl(op: number, params: Uint8Array, results: Uint8Array): void {
    const ch = this.ch;
    if (ch === this.ctrlOp.length) {
      this.ctrlOp = growU32(this.ctrlOp, ch + 1);
      this.ctrlHeight = growU32(this.ctrlHeight, ch + 1);
      this.ctrlUnreachable = growBytes(this.ctrlUnreachable, ch + 1);
    }
    this.ctrlOp[ch] = op;
    this.ctrlHeight[ch] = this.vh;
    this.ctrlUnreachable[ch] = 0;
    this.ctrlParams[ch] = params;
    this.ctrlResults[ch] = results;
    this.ch = ch + 1;
    this.floor = this.vh;
    this.floorUnreachable = false;
    this.pushAll(params);
  }

  /** Pops the innermost frame after checking its results are exactly what is left. */
  private popCtrl(): number {
    const ch = this.ch - 1;
    this.popAll(this.ctrlResults[ch]);
    if (this.vh !== this.ctrlHeight[ch]) {
      const extra = this.vh - this.ctrlHeight[ch];
      this.fail(`type mismatch in ${opName(this.r.op)}: ${extra} unexpected value(s) left at the end of the block`);
    }
    this.ch = ch;
    if (ch > 0) {
      this.floor = this.ctrlHeight[ch - 1];
      this.floorUnreachable = this.ctrlUnreachable[ch - 1] !== 0;
    }
    return this.ctrlOp[ch];
  }

  private setUnreachable(): void {
    const ch = this.ch - 1;
    this.vh = this.ctrlHeight[ch];
    this.ctrlUnreachable[ch] = 1;
    this.floorUnreachable = true;
  }

  private labelTypes(frame: number): Uint8Array {
    return this.ctrlOp[frame] === Op.Loop ? this.ctrlParams[frame] : this.ctrlResults[frame];
  }

  /** The frame a branch to `label` targets. */
  private labelFrame(label: number): number {
    if (label >= this.ch) this.fail(`unknown label ${label}`);
    return this.ch - 1 - label;
  }

  private blockParams(bt: number): Uint8Array {
    if (bt < 0) return EMPTY;
    if (bt >= this.ctx.typeParams.length) this.fail(`unknown type ${bt}`);
    return this.ctx.typeParams[bt];
  }

  private blockResults(bt: number): Uint8Array {
    if (bt === BLOCK_EMPTY) return EMPTY;
    if (bt < 0) return SINGLE[bt + 0x80];
    return this.ctx.typeResults[bt];
  }

  // ---- locals ----

  private setupLocals(params: Uint8Array, code: Code): void {
    const total = params.length + code.localCount;
    this.localCount = total;
    this.flatLocals = total <= FLAT_LOCALS_LIMIT;
    if (this.flatLocals) {
      if (total > this.localTypes.length) this.localTypes = new Uint8Array(Math.max(total, this.localTypes.length * 2));
      const lt = this.localTypes;
      lt.set(params);
      let n = params.length;
      for (const run of code.locals) {
        lt.fill(valTypeCode(run.type), n, n + run.count);
        n += run.count;
      }
    } else {
      this.runEnds = [];
      this.runTypes = [];
      let n = 0;
      for (const p of params) {
        this.runEnds.push(++n);
        this.runTypes.push(p);
      }
      for (const run of code.locals) {
        if (run.count === 0) continue;
        n += run.count;
        this.runEnds.push(n);
        this.runTypes.push(valTypeCode(run.type));
      }
    }
  }

  private localType(index: number): number {
    if (index >= this.localCount) this.fail(`unknown local ${index}`);
    if (this.flatLocals) return this.localTypes[index];
    const ends = this.runEnds;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] > index) hi = mid;
      else lo = mid + 1;
    }
    return this.runTypes[lo];
  }

  // ---- per-kind checks ----

  private checkMemory(): void {
    if (this.ctx.memoryCount === 0) this.fail('unknown memory 0');
  }

  private checkMemArg(op: number): void {
    this.checkMemory();
    if (this.r.memAlign > NATURAL_ALIGN[op]) this.fail('alignment must not be larger than natural');
  }

  private checkLane(op: number): void {
    if (this.r.lane >= LANES[op]) this.fail('invalid lane index');
  }

  private checkData(index: number): void {
    if (index >= this.ctx.dataCount) this.fail(`unknown data segment ${index}`);
  }

  private checkImmediates(op: number, imm: number): void {
    switch (imm) {
      case Imm.MemArg:
        this.checkMemArg(op);
        break;
      case Imm.MemArgLane:
        this.checkMemArg(op);
        this.checkLane(op);
        break;
      case Imm.Lane:
        this.checkLane(op);
        break;
      case Imm.Shuffle:
        for (let i = 0; i < 16; i++) if (this.r.v128[i] >= 32) this.fail('invalid lane index');
        break;
      case Imm.MemZero:
      case Imm.MemZero2:
        this.checkMemory();
        break;
      case Imm.DataMemZero:
        this.checkMemory();
        this.checkData(this.r.index);
        break;
      case Imm.Data:
        this.checkData(this.r.index);
        break;
    }
  }

  private tableElemCode(index: number): number {
    const t = this.ctx.tables[index];
    if (t === undefined) this.fail(`unknown table ${index}`);
    return valTypeCode(t.elemType);
  }

  private elemCode(index: number): number {
    const t = this.ctx.elemTypes[index];
    if (t === undefined) this.fail(`unknown elem segment ${index}`);
    return valTypeCode(t);
  }

  private funcTypeIndex(index: number): number {
    const t = this.ctx.funcs[index];
    if (t === undefined) this.fail(`unknown function ${index}`);
    return t;
  }

  // ---- the function ----

  /** Validates defined function `defIndex` (its index among the module's codes). */
  validateFunction(defIndex: number): void {
    const ctx = this.ctx;
    const m = ctx.module;
    const code = m.codes[defIndex];
    this.funcIndex = m.importedFuncCount + defIndex;
    const typeIndex = m.functions[defIndex];
    const params = ctx.typeParams[typeIndex];
    const results = ctx.typeResults[typeIndex];
    this.setupLocals(params, code);
    this.vh = 0;
    this.ch = 0;
    this.pushCtrl(Op.Block, EMPTY, results);

    const r = this.r;
    r.reset(code.bodyStart, code.bodyEnd);
    try {
      while (this.ch > 0) {
        r.next();
        const op = r.op;
        // The most frequent instruction by far: keep it out of the big switch.
        if (op === Op.LocalGet && this.flatLocals && r.index < this.localCount) {
          this.push(this.localTypes[r.index]);
          continue;
        }
        const sig = SIG[op];
        if (sig !== 0) {
          const imm = IMM[op];
          if (imm !== Imm.None) this.checkImmediates(op, imm);
          const ps = SIG_PARAMS[sig];
          for (let i = ps.length - 1; i >= 0; i--) this.pop(ps[i]);
          const rs = SIG_RESULTS[sig];
          for (let i = 0; i < rs.length; i++) this.push(rs[i]);
          continue;
        }
        this.special(op);
      }
    } catch (e) {
      if (e instanceof WasmError && e.kind === 'malformed') {
        // decodeModule has read every body already; this only happens on a hand-built Module.
        throw invalid(e.detail, e.offset, this.funcIndex);
      }
      throw e;
    }
  }

  /** Instructions whose typing depends on immediates or on the control stack. */
  private special(op: number): void {
    const r = this.r;
    const ctx = this.ctx;
    switch (op) {
      case Op.Unreachable:
        this.setUnreachable();
        return;
      case Op.Nop:
        return;
      case Op.Block:
      case Op.Loop: {
        const params = this.blockParams(r.blockType);
        const results = this.blockResults(r.blockType);
        this.popAll(params);
        this.pushCtrl(op, params, results);
        return;
      }
      case Op.If: {
        const params = this.blockParams(r.blockType);
        const results = this.blockResults(r.blockType);
        this.pop(TypeCode.I32);
        this.popAll(params);
        this.pushCtrl(op, params, results);
        return;
      }
      case Op.Else: {
        const ch = this.ch - 1;
        if (this.ctrlOp[ch] !== Op.If) this.fail('else without matching if');
        const params = this.ctrlParams[ch];
        const results = this.ctrlResults[ch];
        this.popCtrl();
        this.pushCtrl(Op.Else, params, results);
        return;
      }
      case Op.End: {
        const ch = this.ch - 1;
        const params = this.ctrlParams[ch];
        const results = this.ctrlResults[ch];
        const frameOp = this.popCtrl();
        // An `if` without `else` has an implicit empty else, which must map params to results.
        if (frameOp === Op.If && !sameTypes(params, results)) {
          this.fail(`type mismatch in if: without else the block must return its parameters`);
        }
        this.pushAll(results);
        return;
      }
      case Op.Br: {
        this.popAll(this.labelTypes(this.labelFrame(r.index)));
        this.setUnreachable();
        return;
      }
      case Op.BrIf: {
        const frame = this.labelFrame(r.index);
        this.pop(TypeCode.I32);
        const types = this.labelTypes(frame);
        this.popAll(types);
        this.pushAll(types);
        return;
      }
      case Op.BrTable:
        this.brTable();
        return;
      case Op.Return:
        this.popAll(this.ctrlResults[0]);
        this.setUnreachable();
        return;
      case Op.Call: {
        const t = this.funcTypeIndex(r.index);
        this.popAll(ctx.typeParams[t]);
        this.pushAll(ctx.typeResults[t]);
        return;
      }
      case Op.CallIndirect: {
        if (this.tableElemCode(r.index2) !== TypeCode.FuncRef) {
          this.fail(`type mismatch in call_indirect: table ${r.index2} is not a funcref table`);
        }
        if (r.index >= ctx.typeParams.length) this.fail(`unknown type ${r.index}`);
        this.pop(TypeCode.I32);
        this.popAll(ctx.typeParams[r.index]);
        this.pushAll(ctx.typeResults[r.index]);
        return;
      }
      case Op.Drop:
        this.popAny();
        return;
      case Op.Select:
        this.select();
        return;
      case Op.SelectT: {
        if (r.typeCount !== 1) this.fail('invalid result arity');
        const t = r.valType;
        this.pop(TypeCode.I32);
        this.pop(t);
        this.pop(t);
        this.push(t);
        return;
      }
      case Op.LocalGet:
        this.push(this.localType(r.index));
        return;
      case Op.LocalSet:
        this.pop(this.localType(r.index));
        return;
      case Op.LocalTee: {
        const t = this.localType(r.index);
        this.pop(t);
        this.push(t);
        return;
      }
      case Op.GlobalGet:
        if (r.index >= ctx.globals.length) this.fail(`unknown global ${r.index}`);
        this.push(ctx.globalCodes[r.index]);
        return;
      case Op.GlobalSet:
        if (r.index >= ctx.globals.length) this.fail(`unknown global ${r.index}`);
        if (!ctx.globals[r.index].mutable) this.fail('global is immutable');
        this.pop(ctx.globalCodes[r.index]);
        return;
      case Op.TableGet: {
        const t = this.tableElemCode(r.index);
        this.pop(TypeCode.I32);
        this.push(t);
        return;
      }
      case Op.TableSet: {
        const t = this.tableElemCode(r.index);
        this.pop(t);
        this.pop(TypeCode.I32);
        return;
      }
      case Op.TableSize:
        this.tableElemCode(r.index);
        this.push(TypeCode.I32);
        return;
      case Op.TableGrow: {
        const t = this.tableElemCode(r.index);
        this.pop(TypeCode.I32);
        this.pop(t);
        this.push(TypeCode.I32);
        return;
      }
      case Op.TableFill: {
        const t = this.tableElemCode(r.index);
        this.pop(TypeCode.I32);
        this.pop(t);
        this.pop(TypeCode.I32);
        return;
      }
      case Op.TableCopy: {
        const dst = this.tableElemCode(r.index);
        const src = this.tableElemCode(r.index2);
        if (dst !== src) this.fail(`type mismatch in table.copy: ${typeName(src)} table copied into ${typeName(dst)} table`);
        this.pop(TypeCode.I32);
        this.pop(TypeCode.I32);
        this.pop(TypeCode.I32);
        return;
      }
      case Op.TableInit: {
        const table = this.tableElemCode(r.index2);
        const elem = this.elemCode(r.index);
        if (table !== elem) this.fail(`type mismatch in table.init: ${typeName(elem)} segment into ${typeName(table)} table`);
        this.pop(TypeCode.I32);
        this.pop(TypeCode.I32);
        this.pop(TypeCode.I32);
        return;
      }
      case Op.ElemDrop:
        this.elemCode(r.index);
        return;
      case Op.RefNull:
        this.push(r.valType);
        return;
      case Op.RefIsNull: {
        const t = this.popAny();
        if (t !== UNKNOWN && !isRefTypeCode(t)) this.fail(`type mismatch in ref.is_null: expected a reference, got ${typeName(t)}`);
        this.push(TypeCode.I32);
        return;
      }
      case Op.RefFunc:
        this.funcTypeIndex(r.index);
        if (!ctx.declaredRefs[r.index]) this.fail(`undeclared function reference ${r.index}`);
        this.push(TypeCode.FuncRef);
        return;
      default:
        this.fail(`unexpected instruction ${opName(op)}`);
    }
  }

  private select(): void {
    this.pop(TypeCode.I32);
    const t1 = this.popAny();
    const t2 = this.popAny();
    // Untyped select only picks between numbers or vectors of the same type.
    if ((t1 !== UNKNOWN && isRefTypeCode(t1)) || (t2 !== UNKNOWN && isRefTypeCode(t2))) {
      this.fail(`type mismatch in select: operands must be numbers or vectors, got ${typeName(t2)} and ${typeName(t1)}`);
    }
    if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) {
      this.fail(`type mismatch in select: expected ${typeName(t2)}, got ${typeName(t1)}`);
    }
    this.push(t1 === UNKNOWN ? t2 : t1);
  }

  private brTable(): void {
    const r = this.r;
    this.pop(TypeCode.I32);
    const defaultFrame = this.labelFrame(r.index);
    const arity = this.labelTypes(defaultFrame).length;
    for (let i = 0; i < r.brCount; i++) {
      const types = this.labelTypes(this.labelFrame(r.brTargets[i]));
      if (types.length !== arity) this.fail('type mismatch in br_table: targets differ in arity');
      // Pop against this label, then put the operands back as they were for the next one.
      if (this.scratch.length < arity) this.scratch = new Uint8Array(arity);
      const scratch = this.scratch;
      for (let j = arity - 1; j >= 0; j--) scratch[j] = this.pop(types[j]);
      for (let j = 0; j < arity; j++) this.push(scratch[j]);
    }
    this.popAll(this.labelTypes(defaultFrame));
    this.setUnreachable();
  }
}

function sameTypes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
