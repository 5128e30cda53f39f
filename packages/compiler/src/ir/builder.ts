import { type Block, type BlockCall, type Inst, IrFunction, type Terminator, type Value } from './function.js';
import type { Op } from './ops.js';
import type { IrType, TrapCode } from './types.js';

/** A mutable source-level variable (a Wasm local) that the builder turns into SSA values. */
export type Variable = number;

export interface InstOptions {
  imm?: number;
  flags?: number;
  bits?: bigint;
  sym?: string;
}

/**
 * Builds an IrFunction block by block and constructs SSA form on the fly from variable
 * definitions and uses (Braun et al., "Simple and Efficient Construction of Static Single
 * Assignment Form", 2013), with block parameters in place of φ-functions.
 *
 * A block must be sealed once all of its predecessors are known; uses of a variable in an
 * unsealed block get a provisional parameter whose incoming values are filled in on
 * sealing. Redundant parameters this leaves behind are removed by the
 * `removeRedundantParams` pass.
 */
export class FunctionBuilder {
  readonly func: IrFunction;
  private cur: Block;
  private readonly varTypes: IrType[] = [];
  /** defs[variable] maps a block to the variable's value at the end of that block. */
  private readonly defs: Map<Block, Value>[] = [];
  private readonly preds = new Map<Block, { from: Block; call: BlockCall }[]>();
  private readonly sealed = new Set<Block>();
  /** Variables read in a block before it was sealed, with the index of their parameters. */
  private readonly incomplete = new Map<Block, { variable: Variable; index: number }[]>();
  /** Parameters whose incoming values are still to be read (see `read`). */
  private readonly pending: { block: Block; variable: Variable; index: number }[] = [];
  private draining = false;

  constructor(name: string, params: readonly IrType[], results: readonly IrType[]) {
    this.func = new IrFunction(name, params, results);
    this.cur = this.func.newBlock();
    for (const t of params) this.cur.params.push(this.func.newValue(t));
    this.sealed.add(this.cur);
  }

  get current(): Block {
    return this.cur;
  }

  /** Whether the current block already ends (code after it is unreachable). */
  get terminated(): boolean {
    return this.cur.term !== undefined;
  }

  newBlock(paramTypes: readonly IrType[] = []): Block {
    const block = this.func.newBlock();
    for (const t of paramTypes) block.params.push(this.func.newValue(t));
    this.preds.set(block, []);
    return block;
  }

  switchTo(block: Block): void {
    this.cur = block;
  }

  // ---- instructions ----

  /** Appends an instruction with the given result types; returns its results. */
  insts(op: Op, resultTypes: readonly IrType[], args: Value[], opts: InstOptions = {}): Value[] {
    if (this.cur.term) throw new Error(`block${this.cur.id} is already terminated`);
    const results = resultTypes.map((t) => this.func.newValue(t));
    const inst: Inst = {
      op,
      args,
      results,
      imm: opts.imm ?? 0,
      flags: opts.flags ?? 0,
      bits: opts.bits ?? 0n,
      sym: opts.sym ?? '',
    };
    this.cur.insts.push(inst);
    return results;
  }

  /** Appends an instruction with one result. */
  inst(op: Op, type: IrType, args: Value[], opts?: InstOptions): Value {
    return this.insts(op, [type], args, opts)[0];
  }

  /** Appends an instruction without results. */
  effect(op: Op, args: Value[], opts?: InstOptions): void {
    this.insts(op, [], args, opts);
  }

  const(type: IrType, bits: bigint): Value {
    return this.inst('const', type, [], { bits });
  }

  // ---- terminators ----

  jump(block: Block, args: Value[] = []): void {
    this.terminate({ kind: 'jump', target: this.edge(block, args) });
  }

  brIf(cond: Value, thenBlock: Block, thenArgs: Value[], elseBlock: Block, elseArgs: Value[]): void {
    this.terminate({ kind: 'br_if', cond, then: this.edge(thenBlock, thenArgs), else: this.edge(elseBlock, elseArgs) });
  }

  brTable(index: Value, targets: { block: Block; args: Value[] }[], dflt: { block: Block; args: Value[] }): void {
    this.terminate({
      kind: 'br_table',
      index,
      targets: targets.map((t) => this.edge(t.block, t.args)),
      default: this.edge(dflt.block, dflt.args),
    });
  }

  ret(values: Value[]): void {
    this.terminate({ kind: 'return', values });
  }

  trap(code: TrapCode): void {
    this.terminate({ kind: 'trap', code });
  }

  private terminate(term: Terminator): void {
    if (this.cur.term) throw new Error(`block${this.cur.id} is already terminated`);
    this.cur.term = term;
  }

  private edge(block: Block, args: Value[]): BlockCall {
    if (this.sealed.has(block) && block !== this.func.entry) {
      throw new Error(`branch to sealed block${block.id}`);
    }
    const call: BlockCall = { block, args: [...args] };
    const list = this.preds.get(block);
    if (!list) throw new Error(`branch to block${block.id}, which cannot have predecessors`);
    list.push({ from: this.cur, call });
    return call;
  }

  // ---- SSA variables ----

  declareVar(type: IrType): Variable {
    this.varTypes.push(type);
    this.defs.push(new Map());
    return this.varTypes.length - 1;
  }

  defVar(variable: Variable, value: Value): void {
    this.defs[variable].set(this.cur, value);
  }

  useVar(variable: Variable): Value {
    return this.read(variable, this.cur);
  }

  /** Declares that every predecessor of `block` is known. */
  seal(block: Block): void {
    if (this.sealed.has(block)) return;
    this.sealed.add(block);
    for (const param of this.incomplete.get(block) ?? []) this.pending.push({ block, ...param });
    this.incomplete.delete(block);
    this.drain();
  }

  /** Seals every block and returns the function. */
  finish(): IrFunction {
    for (const block of this.func.blocks) this.seal(block);
    return this.func;
  }

  /**
   * The value of a variable at the end of a block. Iterative rather than recursive (large
   * functions have chains of thousands of blocks): single-predecessor chains are walked in
   * a loop, and the incoming values of a new parameter are filled in from a work list.
   * A parameter is defined before its incoming values are read, which breaks cycles.
   */
  private read(variable: Variable, block: Block): Value {
    const value = this.readNoDrain(variable, block);
    this.drain();
    return value;
  }

  private readNoDrain(variable: Variable, block: Block): Value {
    const defs = this.defs[variable];
    const known = defs.get(block);
    if (known !== undefined) return known;
    const chain: Block[] = [];
    let value: Value | undefined;
    for (let b = block; value === undefined; ) {
      value = defs.get(b);
      if (value !== undefined) break;
      const preds = this.preds.get(b) ?? [];
      if (!this.sealed.has(b)) {
        value = this.addParam(b, variable);
        let list = this.incomplete.get(b);
        if (!list) this.incomplete.set(b, (list = []));
        list.push({ variable, index: b.params.length - 1 });
      } else if (preds.length === 1) {
        chain.push(b);
        b = preds[0].from;
        continue;
      } else {
        value = this.addParam(b, variable);
        this.pending.push({ block: b, variable, index: b.params.length - 1 });
      }
      defs.set(b, value);
    }
    for (const b of chain) defs.set(b, value);
    return value;
  }

  /** Fills in the incoming values of parameters whose predecessors are all known. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    for (let task = this.pending.pop(); task; task = this.pending.pop()) {
      for (const { from, call } of this.preds.get(task.block) ?? []) call.args[task.index] = this.readNoDrain(task.variable, from);
    }
    this.draining = false;
  }

  private addParam(block: Block, variable: Variable): Value {
    const value = this.func.newValue(this.varTypes[variable]);
    block.params.push(value);
    return value;
  }
}
