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
  /** Variables read in a block before it was sealed, in the order their parameters were added. */
  private readonly incomplete = new Map<Block, Variable[]>();

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
    for (const variable of this.incomplete.get(block) ?? []) this.addIncoming(block, variable);
    this.incomplete.delete(block);
  }

  /** Seals every block and returns the function. */
  finish(): IrFunction {
    for (const block of this.func.blocks) this.seal(block);
    return this.func;
  }

  private read(variable: Variable, block: Block): Value {
    const local = this.defs[variable].get(block);
    if (local !== undefined) return local;
    let value: Value;
    const preds = this.preds.get(block) ?? [];
    if (!this.sealed.has(block)) {
      value = this.addParam(block, variable);
      let list = this.incomplete.get(block);
      if (!list) this.incomplete.set(block, (list = []));
      list.push(variable);
    } else if (preds.length === 1) {
      value = this.read(variable, preds[0].from);
    } else {
      // Defining the parameter before reading the predecessors breaks cycles through loops.
      value = this.addParam(block, variable);
      this.defs[variable].set(block, value);
      this.addIncoming(block, variable);
    }
    this.defs[variable].set(block, value);
    return value;
  }

  private addParam(block: Block, variable: Variable): Value {
    const value = this.func.newValue(this.varTypes[variable]);
    block.params.push(value);
    return value;
  }

  private addIncoming(block: Block, variable: Variable): void {
    for (const { from, call } of this.preds.get(block) ?? []) call.args.push(this.read(variable, from));
  }
}
