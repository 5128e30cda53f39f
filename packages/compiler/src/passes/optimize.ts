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
   * At most how many times to run the passes (default 2). Another round runs only when
   * the last one changed the control flow: a branch folded to a jump leaves joins with
   * fewer predecessors, whose parameters may then be copies or constants. A round that
   * only rewrote instructions leaves the next nothing to find (on the spec suite, the
   * bench generator's modules and a 1.7 MB C program alike).
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
 * the control flow (up to `rounds`), then the aliases the passes left are written into
 * the operands.
 */
export function optimize(func: IrFunction, options: OptimizeOptions = {}): void {
  const rounds = options.rounds ?? 2;
  for (let round = 0; round < rounds; round++) {
    const before = edgeCount(func);
    for (const pass of PASSES) {
      pass.run(func);
      if (options.verify) check(func, pass.name);
    }
    if (edgeCount(func) === before) break;
  }
  func.compactAliases();
  if (options.verify) check(func, 'compactAliases');
}

/** Optimises every function of a lowered module in place (what a compile does between lowering and a backend). */
export function optimizeModule(lowered: LoweredModule, options: OptimizeOptions = {}): void {
  for (const f of lowered.functions) optimize(f, options);
}

/**
 * The number of control-flow edges. Every change the passes make to the control flow
 * removes edges (a folded branch, a trap that ends a block, a merge, unreachable blocks).
 */
function edgeCount(func: IrFunction): number {
  let n = 0;
  for (const block of func.blocks) {
    const term = block.term;
    if (term?.kind === 'jump') n += 1;
    else if (term?.kind === 'br_if') n += 2;
    else if (term?.kind === 'br_table') n += term.targets.length + 1;
  }
  return n;
}

function check(func: IrFunction, after: string): void {
  const problems = verifyFunction(func);
  if (problems.length > 0) throw new Error(`${func.name} is malformed after ${after}:\n  ${problems.join('\n  ')}`);
}
