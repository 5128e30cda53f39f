import { Block, type BlockCall, type IrFunction, successorCalls } from './function.js';

/**
 * Splits every critical edge — from a block with several successors to a block with
 * several predecessors — by routing it through a new block that only jumps on, carrying
 * the edge's arguments. Register allocation needs this: the copies an edge requires can
 * then go at the end of a predecessor with one successor or at the start of a successor
 * with one predecessor.
 *
 * Edges of one terminator with the same target and the same arguments (br_table entries,
 * a br_if with both arms alike) share one new block. New blocks are placed right after
 * the block they leave, and all blocks are renumbered in order. Returns how many blocks
 * were added.
 */
export function splitCriticalEdges(func: IrFunction): number {
  const predEdges = new Int32Array(func.blocks.length);
  for (const b of func.blocks) for (const call of successorCalls(b.term)) predEdges[call.block.id]++;

  const order: Block[] = [];
  let added = 0;
  for (const b of func.blocks) {
    order.push(b);
    const calls = successorCalls(b.term);
    if (calls.length < 2) continue;
    const shared = new Map<string, Block>();
    for (const call of calls) {
      if (predEdges[call.block.id] < 2) continue;
      const key = `${call.block.id}:${call.args.map((a) => func.resolve(a)).join(',')}`;
      let mid = shared.get(key);
      if (!mid) {
        mid = new Block(-1);
        mid.term = { kind: 'jump', target: { block: call.block, args: call.args } };
        shared.set(key, mid);
        order.push(mid);
        added++;
      }
      redirect(call, mid);
    }
  }
  if (added === 0) return 0;
  func.blocks.length = 0;
  order.forEach((b, i) => {
    (b as { id: number }).id = i;
    func.blocks.push(b);
  });
  return added;
}

function redirect(call: BlockCall, to: Block): void {
  call.block = to;
  call.args = [];
}
