import type { IrFunction } from '../ir/function.js';
import type { LoweredModule } from '../lower/lower-module.js';
import { verifyFunction } from '../ir/verify.js';
import { constFold } from './const-fold.js';
import { dce } from './dce.js';
import { gvn } from './gvn.js';
import { mergeBlocks } from './merge-blocks.js';
import { removeRedundantParams } from './remove-redundant-params.js';

export interface OptimizeOptions {
  /** Check the SSA invariants after every pass and throw naming the pass that broke them. */
  verify?: boolean;
  /**
   * How many times to run the passes. A second round picks up what the first uncovers
   * (a branch folded to a jump leaves a join with one predecessor, whose parameters are
   * then copies of constants); a third rarely finds anything.
   */
  rounds?: number;
}

/** A pass: rewrites the function, returns how much it changed (0: nothing). */
export type Pass = (func: IrFunction) => number;

export const PASSES: readonly { name: string; run: Pass }[] = [
  { name: 'remove-redundant-params', run: removeRedundantParams },
  { name: 'const-fold', run: constFold },
  { name: 'gvn', run: gvn },
  { name: 'dce', run: dce },
  { name: 'merge-blocks', run: mergeBlocks },
];

/**
 * The optimisation pipeline: copy propagation of block parameters, constant folding, GVN,
 * dead-code removal and merging of straight-line blocks, repeated while a round changes
 * something (up to `rounds`), then the aliases the passes left are written into the
 * operands.
 */
export function optimize(func: IrFunction, options: OptimizeOptions = {}): void {
  const rounds = options.rounds ?? 2;
  for (let round = 0; round < rounds; round++) {
    let changed = 0;
    for (const pass of PASSES) {
      changed += pass.run(func);
      if (options.verify) check(func, pass.name);
    }
    if (changed === 0) break;
  }
  func.compactAliases();
  if (options.verify) check(func, 'compactAliases');
}

/** Optimises every function of a lowered module in place (what a compile does between lowering and a backend). */
export function optimizeModule(lowered: LoweredModule, options: OptimizeOptions = {}): void {
  for (const f of lowered.functions) optimize(f, options);
}

function check(func: IrFunction, after: string): void {
  const problems = verifyFunction(func);
  if (problems.length > 0) throw new Error(`${func.name} is malformed after ${after}:\n  ${problems.join('\n  ')}`);
}
