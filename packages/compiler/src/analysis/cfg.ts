import { type Block, type IrFunction, successorCalls } from '../ir/function.js';

/** Control-flow facts of a function, computed once and invalidated by any CFG change. */
export interface Cfg {
  /** Blocks reachable from the entry in reverse postorder. */
  rpo: Block[];
  /** Position of each reachable block in `rpo` (by block id); -1 if unreachable. */
  rpoIndex: Int32Array;
  /** Predecessors by block id, one entry per edge (a block may appear twice). */
  preds: Block[][];
  succs: Block[][];
}

export function computeCfg(func: IrFunction): Cfg {
  const n = func.blocks.length;
  const succs = func.blocks.map((b) => successorCalls(b.term).map((c) => c.block));
  const preds: Block[][] = func.blocks.map(() => []);
  for (const b of func.blocks) for (const s of succs[b.id]) preds[s.id].push(b);

  // Iterative DFS for postorder: deep Wasm nesting must not overflow the JS stack.
  const post: Block[] = [];
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const stack: { block: Block; next: number }[] = [{ block: func.entry, next: 0 }];
  state[func.entry.id] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const out = succs[top.block.id];
    if (top.next < out.length) {
      const s = out[top.next++];
      if (state[s.id] === 0) {
        state[s.id] = 1;
        stack.push({ block: s, next: 0 });
      }
    } else {
      state[top.block.id] = 2;
      post.push(top.block);
      stack.pop();
    }
  }
  const rpo = post.reverse();
  const rpoIndex = new Int32Array(n).fill(-1);
  rpo.forEach((b, i) => (rpoIndex[b.id] = i));
  return { rpo, rpoIndex, preds, succs };
}
