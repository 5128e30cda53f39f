import type { Op } from './ops.js';
import type { IrType, TrapCode } from './types.js';

/** An SSA value: an index into `IrFunction.valueTypes`. */
export type Value = number;

export interface Inst {
  op: Op;
  /** Operands. */
  args: Value[];
  /** Values this instruction defines (none, one, or several for calls). */
  results: Value[];
  /** Small immediate: condition, offset, sign-extension width, trap code, … (see OPS). */
  imm: number;
  /** Memory access flags (MemFlags) of load/store; 0 otherwise. */
  flags: number;
  /** Raw bits of a constant. */
  bits: bigint;
  /** Callee or intrinsic name, or the symbol of symbol_addr. */
  sym: string;
}

/** A jump to a block, passing values to its parameters (the SSA φ-functions). */
export interface BlockCall {
  block: Block;
  args: Value[];
}

export type Terminator =
  | { kind: 'jump'; target: BlockCall }
  | { kind: 'br_if'; cond: Value; then: BlockCall; else: BlockCall }
  | { kind: 'br_table'; index: Value; targets: BlockCall[]; default: BlockCall }
  | { kind: 'return'; values: Value[] }
  | { kind: 'trap'; code: TrapCode };

export class Block {
  readonly params: Value[] = [];
  insts: Inst[] = [];
  term: Terminator | undefined;
  constructor(readonly id: number) {}
}

/** The successors of a block, in terminator order (duplicates kept). */
export function successorCalls(term: Terminator | undefined): BlockCall[] {
  if (!term) return [];
  switch (term.kind) {
    case 'jump':
      return [term.target];
    case 'br_if':
      return [term.then, term.else];
    case 'br_table':
      return [...term.targets, term.default];
    case 'return':
    case 'trap':
      return [];
  }
}

/** Operands of a terminator, excluding block arguments. */
export function terminatorOperands(term: Terminator): Value[] {
  switch (term.kind) {
    case 'br_if':
      return [term.cond];
    case 'br_table':
      return [term.index];
    case 'return':
      return term.values;
    default:
      return [];
  }
}

/**
 * One function in SSA form. Values are numbered per function; `alias` lets passes replace
 * every use of a value by another without rewriting all instructions at once
 * (`resolve` follows the chain, `compactAliases` rewrites operands and clears it).
 */
export class IrFunction {
  readonly blocks: Block[] = [];
  readonly valueTypes: IrType[] = [];
  private readonly alias: (Value | undefined)[] = [];

  constructor(
    /** Symbol name of the function. */
    readonly name: string,
    readonly params: readonly IrType[],
    readonly results: readonly IrType[],
  ) {}

  get entry(): Block {
    return this.blocks[0];
  }

  newBlock(): Block {
    const block = new Block(this.blocks.length);
    this.blocks.push(block);
    return block;
  }

  newValue(type: IrType): Value {
    this.valueTypes.push(type);
    return this.valueTypes.length - 1;
  }

  typeOf(v: Value): IrType {
    return this.valueTypes[v];
  }

  /** Makes every use of `from` a use of `to`. */
  setAlias(from: Value, to: Value): void {
    if (this.resolve(to) === from) throw new Error(`alias cycle: v${from} → v${to}`);
    this.alias[from] = to;
  }

  resolve(v: Value): Value {
    let r = v;
    for (let next = this.alias[r]; next !== undefined; next = this.alias[r]) r = next;
    return r;
  }

  /** Rewrites every operand through the alias table, then forgets the aliases. */
  compactAliases(): void {
    if (this.alias.length === 0) return;
    const fix = (vs: Value[]): void => {
      for (let i = 0; i < vs.length; i++) vs[i] = this.resolve(vs[i]);
    };
    for (const block of this.blocks) {
      for (const inst of block.insts) fix(inst.args);
      const term = block.term;
      if (!term) continue;
      if (term.kind === 'br_if') term.cond = this.resolve(term.cond);
      else if (term.kind === 'br_table') term.index = this.resolve(term.index);
      else if (term.kind === 'return') fix(term.values);
      for (const call of successorCalls(term)) fix(call.args);
    }
    this.alias.length = 0;
  }

  /** Drops blocks not reachable from the entry and renumbers the rest in order. */
  removeUnreachableBlocks(): void {
    const seen = new Set<Block>([this.entry]);
    const work = [this.entry];
    while (work.length > 0) {
      const b = work.pop()!;
      for (const call of successorCalls(b.term)) {
        if (!seen.has(call.block)) {
          seen.add(call.block);
          work.push(call.block);
        }
      }
    }
    const kept = this.blocks.filter((b) => seen.has(b));
    this.blocks.length = 0;
    kept.forEach((b, i) => {
      (b as { id: number }).id = i;
      this.blocks.push(b);
    });
  }
}
