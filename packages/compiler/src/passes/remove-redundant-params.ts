import { computeCfg } from '../analysis/cfg.js';
import type { BlockCall, IrFunction, Value } from '../ir/function.js';
import { dropParams, incomingCalls } from './incoming.js';

/**
 * Copy propagation of SSA form. A block parameter whose incoming arguments are all one
 * value `v` (or the parameter itself, around a loop) is that value: it is aliased to `v`
 * and removed with its arguments. The on-the-fly SSA builder leaves one such parameter
 * per variable live across a loop header or join that the loop or join does not change.
 *
 * Blocks are visited in reverse postorder, so a parameter is usually settled before the
 * blocks it flows to are; what only a back edge reveals (a loop header's argument that
 * was a redundant parameter inside the loop) is found by another round, and rounds repeat
 * until one removes nothing. The entry block's parameters are the function's and stay.
 * A `bitcast` to its own type is a plain copy and goes too.
 *
 * `v` dominates the block: every path into it first enters through an edge that passes
 * `v` (edges passing the parameter itself come from blocks the block dominates), so the
 * alias keeps every use dominated by its definition. Returns the number of removed
 * parameters and copies.
 */
export function removeRedundantParams(func: IrFunction): number {
  let removed = removeCopies(func);
  const incoming = incomingCalls(func);
  // Unreachable blocks are not visited: they could pass anything, even values of their own.
  const order = computeCfg(func).rpo.filter((b) => b !== func.entry);
  for (let changed = true; changed; ) {
    changed = false;
    for (const block of order) {
      const calls = incoming[block.id];
      let drop: Set<number> | undefined;
      // A removal can make an earlier parameter of the same block redundant (arguments
      // that pass one parameter to another around a loop): rescan until it settles.
      for (let again = true; again; ) {
        again = false;
        for (let i = 0; i < block.params.length; i++) {
          if (drop?.has(i)) continue;
          const p = block.params[i];
          const v = sameArgument(func, p, i, calls);
          if (v === undefined) continue;
          func.setAlias(p, v);
          (drop ??= new Set()).add(i);
          again = true;
        }
      }
      if (!drop) continue;
      const dropped = drop;
      dropParams(block, calls, (i) => dropped.has(i));
      removed += dropped.size;
      changed = true;
    }
  }
  return removed;
}

/** The one value parameter `p` (position i) receives besides itself, if there is one. */
function sameArgument(func: IrFunction, p: Value, i: number, calls: readonly BlockCall[]): Value | undefined {
  let same: Value | undefined;
  for (const call of calls) {
    const a = func.resolve(call.args[i]);
    if (a === p || a === same) continue;
    if (same !== undefined) return undefined;
    same = a;
  }
  return same;
}

/** Aliases every `bitcast` whose operand already has the result type to its operand. */
function removeCopies(func: IrFunction): number {
  let removed = 0;
  for (const block of func.blocks) {
    const insts = block.insts;
    let j = 0;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i];
      if (inst.op === 'bitcast' && func.typeOf(inst.results[0]) === func.typeOf(func.resolve(inst.args[0]))) {
        func.setAlias(inst.results[0], inst.args[0]);
        continue;
      }
      if (j !== i) insts[j] = inst;
      j++;
    }
    removed += insts.length - j;
    insts.length = j;
  }
  return removed;
}
