import { Block, type BlockCall, type IrFunction, successorCalls } from './function.js';

/**
 * Splits every critical edge by routing it through a new block that only jumps on,
 * carrying the edge's arguments. Register allocation needs this: the copies an edge
 * requires can then go at the end of a predecessor with one successor or at the start of
 * a successor with one predecessor.
 *
 * Edges are counted as the allocator sees them: the entries of one terminator that go to
 * the same block with the same arguments (br_table cases, a br_if with both arms alike)
 * are one edge and share one new block. An edge is critical when its source has several
 * such edges and its target is entered by several. Two arms to the same block with
 * different arguments are different edges, so each gets a block of its own. New blocks
 * are placed right after the block they leave, and all blocks are renumbered in order.
 * Splitting twice changes nothing the second time. Returns how many blocks were added.
 */
export function splitCriticalEdges(func: IrFunction): number {
  const key = (call: BlockCall): string => `${call.block.id}:${call.args.map((a) => func.resolve(a)).join(',')}`;
  /** Distinct edges out of each block, and into each block (by source and arguments). */
  const out = new Int32Array(func.blocks.length);
  const into = new Int32Array(func.blocks.length);
  for (const b of func.blocks) {
    const seen = new Set<string>();
    for (const call of successorCalls(b.term)) {
      const k = key(call);
      if (seen.has(k)) continue;
      seen.add(k);
      out[b.id]++;
      into[call.block.id]++;
    }
  }

  const order: Block[] = [];
  let added = 0;
  for (const b of func.blocks) {
    order.push(b);
    if (out[b.id] < 2) continue;
    const shared = new Map<string, Block>();
    for (const call of successorCalls(b.term)) {
      if (into[call.block.id] < 2) continue;
      const k = key(call);
      let mid = shared.get(k);
      if (!mid) {
        mid = new Block(-1);
        mid.term = { kind: 'jump', target: { block: call.block, args: call.args } };
        shared.set(k, mid);
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
