import { type BlockCall, type IrFunction, successorCalls } from '../ir/function.js';

/**
 * The calls that branch to each block, by block id: one entry per edge, and each call
 * object once even if a terminator lists the same object twice (so that a pass removing
 * an argument removes it once).
 */
export function incomingCalls(func: IrFunction): BlockCall[][] {
  const incoming: BlockCall[][] = func.blocks.map(() => []);
  const seen = new Set<BlockCall>();
  for (const block of func.blocks) {
    for (const call of successorCalls(block.term)) {
      if (seen.has(call)) continue;
      seen.add(call);
      incoming[call.block.id].push(call);
    }
  }
  return incoming;
}

/** Removes the parameters of `block` at the positions `drop` marks, and their arguments. */
export function dropParams(block: { params: number[] }, calls: readonly BlockCall[], drop: (index: number) => boolean): void {
  const keep = (_: unknown, i: number): boolean => !drop(i);
  // New arrays: an argument list may be shared between calls in hand-built IR.
  for (const call of calls) call.args = call.args.filter(keep);
  const kept = block.params.filter(keep);
  block.params.length = 0;
  block.params.push(...kept);
}
