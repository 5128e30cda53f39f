// Generates function bodies that are valid by construction: every expression generator
// pushes exactly one value of the type asked for, every statement generator leaves the
// stack as it found it. The mix (arithmetic, locals, loads/stores, nested control flow,
// direct and indirect calls) is meant to look like compiled C, not like a fuzzer's output.
import { ByteWriter } from './byte-writer.js';
import { BINARY, COMPARE, CONVERT, FC, LOAD, OP, STORE, UNARY, VALTYPE_BYTE, VALTYPES, type MemOp, type ValType } from './opcodes.js';
import type { Rng } from './rng.js';

export interface FuncSig {
  params: readonly ValType[];
  /** Zero or one result: what a C compiler produces. */
  results: readonly ValType[];
}

/** What a body may refer to; the module builder grows `callees` as functions are made. */
export interface BodyContext {
  types: readonly FuncSig[];
  globals: readonly { type: ValType; mutable: boolean }[];
  /** Functions that may be called so far, by result type ('void' for no result). */
  callees: ReadonlyMap<ValType | 'void', readonly { index: number; typeIndex: number }[]>;
  /** Type indices by result type, for call_indirect. */
  typesByResult: ReadonlyMap<ValType | 'void', readonly number[]>;
  /** Size of table 0, so call_indirect uses in-range constant indices. */
  tableSize: number;
}

/** Nesting limits: deep enough to exercise the validator's control stack, shallow enough to stay realistic. */
const MAX_EXPR_DEPTH = 4;
const MAX_STMT_DEPTH = 3;

type Label = 'void' | 'value';

/** Per-function state: the locals and the labels in scope. */
interface Frame {
  results: readonly ValType[];
  locals: ValType[];
  localsByType: Record<ValType, number[]>;
  labels: Label[];
}

export class BodyGenerator {
  constructor(
    private readonly rng: Rng,
    private readonly ctx: BodyContext,
  ) {}

  /** Writes one function body (locals + code + end), without its size prefix. */
  generate(sig: FuncSig, out: ByteWriter): void {
    const frame = this.declareLocals(sig, out);
    const big = this.rng.chance(0.04);
    this.statements(frame, out, 0, big ? this.rng.int(40, 200) : this.rng.int(2, 14));
    if (sig.results.length === 1) this.expr(frame, out, sig.results[0], 0);
    out.byte(OP.end);
  }

  private declareLocals(sig: FuncSig, out: ByteWriter): Frame {
    const frame: Frame = { results: sig.results, locals: [...sig.params], localsByType: { i32: [], i64: [], f32: [], f64: [] }, labels: [] };
    const groups: [number, ValType][] = [];
    for (const t of VALTYPES) {
      // At least two i32 locals: loop counters and addresses need them.
      const n = t === 'i32' ? this.rng.int(2, 6) : this.rng.int(0, 3);
      if (n > 0) groups.push([n, t]);
    }
    out.u32(groups.length);
    for (const [n, t] of groups) {
      out.u32(n).byte(VALTYPE_BYTE[t]);
      for (let i = 0; i < n; i++) frame.locals.push(t);
    }
    frame.locals.forEach((t, index) => frame.localsByType[t].push(index));
    // The implicit function block is a branch target only when it takes no values.
    frame.labels.push(sig.results.length === 0 ? 'void' : 'value');
    return frame;
  }

  // ---- statements: stack-neutral ------------------------------------------------------

  private statement(f: Frame, out: ByteWriter, depth: number): void {
    const nested = depth < MAX_STMT_DEPTH;
    const kind = this.rng.weighted<string>([
      [30, 'set'],
      [12, 'store'],
      [3, 'global'],
      [8, 'call'],
      [nested ? 8 : 0, 'if'],
      [nested ? 5 : 0, 'loop'],
      [nested ? 5 : 0, 'block'],
      [nested ? 2 : 0, 'switch'],
      [3, 'br_if'],
      [2, 'return'],
      [1, 'bulk'],
    ]);
    switch (kind) {
      case 'set': {
        const t = this.rng.pick(VALTYPES.filter((vt) => f.localsByType[vt].length > 0));
        this.expr(f, out, t, 0);
        out.byte(OP.localSet).u32(this.rng.pick(f.localsByType[t]));
        return;
      }
      case 'store': {
        const t = this.rng.pick(VALTYPES);
        const op = this.rng.pick(STORE[t]);
        this.address(f, out);
        this.expr(f, out, t, 1);
        this.memarg(out, op);
        return;
      }
      case 'global': {
        const mutable = this.ctx.globals.map((g, i) => [g, i] as const).filter(([g]) => g.mutable);
        const [g, index] = this.rng.pick(mutable);
        this.expr(f, out, g.type, 1);
        out.byte(OP.globalSet).u32(index);
        return;
      }
      case 'call': {
        const result = this.rng.pick<ValType | 'void'>(['void', 'void', ...VALTYPES]);
        const callees = this.ctx.callees.get(result) ?? [];
        if (callees.length === 0) return this.statement(f, out, depth);
        const callee = this.rng.pick(callees);
        this.args(f, out, this.ctx.types[callee.typeIndex], 1);
        out.byte(OP.call).u32(callee.index);
        if (result !== 'void') out.byte(OP.drop);
        return;
      }
      case 'if': {
        this.condition(f, out);
        out.byte(OP.if).byte(OP.emptyBlockType);
        f.labels.push('void');
        this.statements(f, out, depth + 1, this.rng.int(1, 6));
        if (this.rng.chance(0.5)) {
          out.byte(OP.else);
          this.statements(f, out, depth + 1, this.rng.int(1, 5));
        }
        f.labels.pop();
        out.byte(OP.end);
        return;
      }
      case 'loop': {
        // for (c = 0; c < n; c++) { ... }
        const counter = this.rng.pick(f.localsByType.i32);
        out.byte(OP.i32Const).s32(0).byte(OP.localSet).u32(counter);
        out.byte(OP.loop).byte(OP.emptyBlockType);
        f.labels.push('void');
        this.statements(f, out, depth + 1, this.rng.int(1, 8));
        out.byte(OP.localGet).u32(counter).byte(OP.i32Const).s32(1).byte(OP.i32Add).byte(OP.localTee).u32(counter);
        out.byte(OP.i32Const).s32(this.rng.int(2, 1000)).byte(OP.i32LtU).byte(OP.brIf).u32(0);
        f.labels.pop();
        out.byte(OP.end);
        return;
      }
      case 'block': {
        out.byte(OP.block).byte(OP.emptyBlockType);
        f.labels.push('void');
        const n = this.rng.int(1, 6);
        for (let i = 0; i < n; i++) {
          this.statement(f, out, depth + 1);
          // An early exit, as `if (x) break;` compiles to.
          if (this.rng.chance(0.3)) {
            this.condition(f, out);
            out.byte(OP.brIf).u32(0);
          }
        }
        f.labels.pop();
        out.byte(OP.end);
        return;
      }
      case 'switch': {
        // switch (x) { case 0: ...; break; case 1: ...; break; ... default: }, the way
        // compilers lower it: one block per case around a br_table, inside an exit block.
        const cases = this.rng.int(2, 6);
        out.byte(OP.block).byte(OP.emptyBlockType);
        f.labels.push('void');
        for (let i = 0; i < cases; i++) {
          out.byte(OP.block).byte(OP.emptyBlockType);
          f.labels.push('void');
        }
        this.condition(f, out);
        out.byte(OP.brTable).u32(cases);
        for (let i = 0; i < cases; i++) out.u32(i);
        out.u32(cases);
        for (let c = 0; c < cases; c++) {
          out.byte(OP.end);
          f.labels.pop();
          this.statements(f, out, depth + 1, this.rng.int(1, 3));
          // break: out of the exit block, past the remaining case blocks (the last case falls through).
          if (c < cases - 1) out.byte(OP.br).u32(cases - 1 - c);
        }
        out.byte(OP.end);
        f.labels.pop();
        return;
      }
      case 'return': {
        // if (cond) return value;
        this.condition(f, out);
        out.byte(OP.if).byte(OP.emptyBlockType);
        f.labels.push('void');
        if (f.results.length === 1) this.expr(f, out, f.results[0], 1);
        out.byte(OP.return);
        f.labels.pop();
        out.byte(OP.end);
        return;
      }
      case 'br_if': {
        const targets: number[] = [];
        f.labels.forEach((label, i) => label === 'void' && targets.push(f.labels.length - 1 - i));
        if (targets.length === 0) return this.statement(f, out, depth);
        this.condition(f, out);
        out.byte(OP.brIf).u32(this.rng.pick(targets));
        return;
      }
      case 'bulk': {
        // memset/memcpy, as clang emits with bulk memory enabled.
        const fill = this.rng.chance(0.5);
        this.address(f, out);
        if (fill) this.expr(f, out, 'i32', 2);
        else this.address(f, out);
        out.byte(OP.i32Const).s32(this.rng.int(1, 256));
        out.byte(OP.prefixFC).u32(fill ? FC.memoryFill : FC.memoryCopy);
        if (fill) out.byte(0);
        else out.byte(0).byte(0);
        return;
      }
    }
  }

  private statements(f: Frame, out: ByteWriter, depth: number, n: number): void {
    for (let i = 0; i < n; i++) this.statement(f, out, depth);
  }

  // ---- expressions: push exactly one value of type t ----------------------------------

  private expr(f: Frame, out: ByteWriter, t: ValType, depth: number): void {
    if (depth >= MAX_EXPR_DEPTH) return this.leaf(f, out, t);
    const inner = depth + 1;
    const callees = this.ctx.callees.get(t) ?? [];
    const kind = this.rng.weighted<string>([
      [30, 'binary'],
      [5, 'unary'],
      [t === 'i32' ? 8 : 0, 'compare'],
      [6, 'convert'],
      [10, 'load'],
      [22, 'leaf'],
      [callees.length > 0 ? 4 : 0, 'call'],
      [1, 'call_indirect'],
      [3, 'select'],
      [3, 'if'],
      [2, 'block'],
      [3, 'tee'],
      [t === 'i32' ? 1 : 0, 'memory'],
    ]);
    switch (kind) {
      case 'binary':
        this.expr(f, out, t, inner);
        this.expr(f, out, t, inner);
        out.byte(this.rng.pick(BINARY[t]));
        return;
      case 'unary':
        this.expr(f, out, t, inner);
        out.byte(this.rng.pick(UNARY[t]));
        return;
      case 'compare': {
        const operand = this.rng.pick(VALTYPES);
        this.expr(f, out, operand, inner);
        if (operand === 'i32' && this.rng.chance(0.2)) {
          out.byte(OP.i32Eqz);
          return;
        }
        this.expr(f, out, operand, inner);
        out.byte(this.rng.pick(COMPARE[operand]));
        return;
      }
      case 'convert': {
        const [op, from] = this.rng.pick(CONVERT[t]);
        this.expr(f, out, from, inner);
        if (op >= 0x100) out.byte(OP.prefixFC).u32(op - 0x100);
        else out.byte(op);
        return;
      }
      case 'load': {
        const op = this.rng.pick(LOAD[t]);
        this.address(f, out);
        this.memarg(out, op);
        return;
      }
      case 'leaf':
        return this.leaf(f, out, t);
      case 'call': {
        const callee = this.rng.pick(callees);
        this.args(f, out, this.ctx.types[callee.typeIndex], inner);
        out.byte(OP.call).u32(callee.index);
        return;
      }
      case 'call_indirect': {
        const types = this.ctx.typesByResult.get(t) ?? [];
        if (types.length === 0 || this.ctx.tableSize === 0) return this.leaf(f, out, t);
        const typeIndex = this.rng.pick(types);
        this.args(f, out, this.ctx.types[typeIndex], inner);
        out.byte(OP.i32Const).s32(this.rng.int(0, this.ctx.tableSize - 1));
        out.byte(OP.callIndirect).u32(typeIndex).byte(0);
        return;
      }
      case 'select':
        this.expr(f, out, t, inner);
        this.expr(f, out, t, inner);
        this.condition(f, out);
        out.byte(OP.select);
        return;
      case 'if':
        this.condition(f, out);
        out.byte(OP.if).byte(VALTYPE_BYTE[t]);
        f.labels.push('value');
        this.expr(f, out, t, inner);
        out.byte(OP.else);
        this.expr(f, out, t, inner);
        f.labels.pop();
        out.byte(OP.end);
        return;
      case 'block': {
        out.byte(OP.block).byte(VALTYPE_BYTE[t]);
        f.labels.push('value');
        this.statements(f, out, MAX_STMT_DEPTH - 1, this.rng.int(1, 3));
        this.expr(f, out, t, inner);
        f.labels.pop();
        out.byte(OP.end);
        return;
      }
      case 'tee': {
        const locals = f.localsByType[t];
        if (locals.length === 0) return this.leaf(f, out, t);
        this.expr(f, out, t, inner);
        out.byte(OP.localTee).u32(this.rng.pick(locals));
        return;
      }
      case 'memory':
        if (this.rng.chance(0.8)) {
          out.byte(OP.memorySize).byte(0);
        } else {
          out.byte(OP.i32Const).s32(1).byte(OP.memoryGrow).byte(0);
        }
        return;
    }
  }

  private leaf(f: Frame, out: ByteWriter, t: ValType): void {
    const locals = f.localsByType[t];
    const globals = this.ctx.globals.map((g, i) => [g.type, i] as const).filter(([gt]) => gt === t);
    const kind = this.rng.weighted<string>([
      [locals.length > 0 ? 6 : 0, 'local'],
      [3, 'const'],
      [globals.length > 0 ? 1 : 0, 'global'],
    ]);
    if (kind === 'local') {
      out.byte(OP.localGet).u32(this.rng.pick(locals));
    } else if (kind === 'global') {
      out.byte(OP.globalGet).u32(this.rng.pick(globals)[1]);
    } else {
      this.constant(out, t);
    }
  }

  private constant(out: ByteWriter, t: ValType): void {
    switch (t) {
      case 'i32':
        out.byte(OP.i32Const).s32(this.rng.chance(0.7) ? this.rng.int(-16, 255) : this.rng.int(-0x80000000, 0x7fffffff));
        return;
      case 'i64':
        out.byte(OP.i64Const).s64(this.rng.chance(0.7) ? BigInt(this.rng.int(-16, 255)) : (BigInt(this.rng.int(0, 0xffffffff)) << 32n) | BigInt(this.rng.int(0, 0xffffffff)));
        return;
      case 'f32':
        out.byte(OP.f32Const).f32(this.rng.int(-1000, 1000) / 8);
        return;
      case 'f64':
        out.byte(OP.f64Const).f64(this.rng.int(-100000, 100000) / 64);
        return;
    }
  }

  /** An i32 address: a base local plus a small offset, or a bare local, like C pointer code. */
  private address(f: Frame, out: ByteWriter): void {
    out.byte(OP.localGet).u32(this.rng.pick(f.localsByType.i32));
    if (this.rng.chance(0.4)) {
      out.byte(OP.i32Const).s32(this.rng.int(0, 4095) & ~3).byte(OP.i32Add);
    }
  }

  private memarg(out: ByteWriter, op: MemOp): void {
    // Mostly naturally aligned, sometimes under-aligned (valid, and compilers emit it).
    const align = this.rng.chance(0.85) ? op.align : this.rng.int(0, op.align);
    out.byte(op.op).u32(align).u32(this.rng.chance(0.5) ? 0 : this.rng.int(0, 64) * 4);
  }

  private condition(f: Frame, out: ByteWriter): void {
    this.expr(f, out, 'i32', MAX_EXPR_DEPTH - 2);
  }

  private args(f: Frame, out: ByteWriter, sig: FuncSig, depth: number): void {
    for (const p of sig.params) this.expr(f, out, p, Math.max(depth, MAX_EXPR_DEPTH - 1));
  }
}
