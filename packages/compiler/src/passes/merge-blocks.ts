import type { IrFunction } from '../ir/function.js';
import { incomingCalls } from './incoming.js';

/**
 * Merges a block into its predecessor when that is the only way into it and the
 * predecessor jumps to it unconditionally: the predecessor takes over its instructions and
 * terminator, and its parameters become the arguments of the jump. The lowering leaves
 * such pairs after every `br_if` (the fall-through block), at the end of constructs no
 * branch targets, and constant folding leaves more when it turns a branch into a jump.
 * Fewer blocks mean fewer jumps for the backend, and no value changes. Returns the number
 * of blocks merged away.
 */
export function mergeBlocks(func: IrFunction): number {
  const incoming = incomingCalls(func);
  let merged = 0;
  for (const block of func.blocks) {
    for (let term = block.term; term?.kind === 'jump'; term = block.term) {
      const next = term.target.block;
      if (next === block || next === func.entry || incoming[next.id].length !== 1) break;
      next.params.forEach((p, i) => func.setAlias(p, term.target.args[i]));
      for (const inst of next.insts) block.insts.push(inst);
      block.term = next.term;
      // Left without a way in, and emptied so that nothing is found in it twice.
      next.insts = [];
      next.term = undefined;
      merged++;
    }
  }
  if (merged > 0) func.removeUnreachableBlocks();
  return merged;
}
