import type { Code, ValType } from '@mewz/wasm';
import type { Variable } from '../ir/builder.js';
import type { Value } from '../ir/function.js';
import type { IrType } from '../ir/types.js';
import type { LowerContext } from './context.js';
import { irType } from './module-info.js';

/**
 * Wasm locals as builder Variables, so that they become SSA values (never memory).
 * Variables are declared on first use: a function may declare many locals and touch few.
 * Declared locals start as zero, defined in the entry block.
 */
export class Locals {
  private readonly vars: Map<number, Variable> = new Map();
  /** Index of the first local of each declared run after the parameters, and its type. */
  private readonly runStarts: number[] = [];
  private readonly runTypes: ValType[] = [];

  constructor(
    private readonly ctx: LowerContext,
    private readonly params: readonly ValType[],
    code: Code,
  ) {
    let at = params.length;
    for (const run of code.locals) {
      if (run.count === 0) continue;
      this.runStarts.push(at);
      this.runTypes.push(run.type);
      at += run.count;
    }
    // Parameters are defined now: their values are the entry block's parameters.
    params.forEach((_, i) => this.define(i, ctx.b.current.params[1 + i]));
  }

  get(index: number): Value {
    return this.ctx.b.useVar(this.variable(index));
  }

  set(index: number, value: Value): void {
    this.ctx.b.defVar(this.variable(index), value);
  }

  private variable(index: number): Variable {
    const known = this.vars.get(index);
    if (known !== undefined) return known;
    return this.define(index, this.ctx.zero(this.type(index)));
  }

  /** Declares the variable of a local with its value at the start of the function. */
  private define(index: number, initial: Value): Variable {
    const b = this.ctx.b;
    const variable = b.declareVar(this.type(index));
    const here = b.current;
    b.switchTo(b.func.entry);
    b.defVar(variable, initial);
    b.switchTo(here);
    this.vars.set(index, variable);
    return variable;
  }

  private type(index: number): IrType {
    if (index < this.params.length) return irType(this.params[index]);
    // Binary search for the last run starting at or before `index`.
    let lo = 0;
    let hi = this.runStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return irType(this.runTypes[lo]);
  }
}
