import type { Block, IrFunction } from '../ir/function.js';
import type { Cfg } from './cfg.js';

/**
 * The dominator tree, by the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple,
 * Fast Dominance Algorithm"): fast on the reducible CFGs Wasm produces.
 */
export class DominatorTree {
  /** Immediate dominator by block id (the entry's is itself; -1 for unreachable blocks). */
  readonly idom: Int32Array;
  /** Children in the dominator tree, by block id. */
  readonly children: Block[][];
  private readonly pre: Int32Array;
  private readonly post: Int32Array;

  constructor(func: IrFunction, cfg: Cfg) {
    const n = func.blocks.length;
    const idom = new Int32Array(n).fill(-1);
    const entry = func.entry.id;
    idom[entry] = entry;
    const intersect = (a: number, b: number): number => {
      while (a !== b) {
        while (cfg.rpoIndex[a] > cfg.rpoIndex[b]) a = idom[a];
        while (cfg.rpoIndex[b] > cfg.rpoIndex[a]) b = idom[b];
      }
      return a;
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const b of cfg.rpo) {
        if (b.id === entry) continue;
        let d = -1;
        for (const p of cfg.preds[b.id]) {
          if (idom[p.id] === -1) continue;
          d = d === -1 ? p.id : intersect(p.id, d);
        }
        if (d !== idom[b.id]) {
          idom[b.id] = d;
          changed = true;
        }
      }
    }
    this.idom = idom;
    this.children = func.blocks.map(() => []);
    for (const b of cfg.rpo) if (b.id !== entry) this.children[idom[b.id]].push(b);

    // Pre/post numbers of a tree walk make `dominates` O(1).
    this.pre = new Int32Array(n).fill(-1);
    this.post = new Int32Array(n).fill(-1);
    let clock = 0;
    const stack: { block: Block; next: number }[] = [{ block: func.entry, next: 0 }];
    this.pre[entry] = clock++;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const kids = this.children[top.block.id];
      if (top.next < kids.length) {
        const c = kids[top.next++];
        this.pre[c.id] = clock++;
        stack.push({ block: c, next: 0 });
      } else {
        this.post[top.block.id] = clock++;
        stack.pop();
      }
    }
  }

  /** Whether a dominates b (every block dominates itself). */
  dominates(a: Block, b: Block): boolean {
    return this.pre[a.id] >= 0 && this.pre[b.id] >= 0 && this.pre[a.id] <= this.pre[b.id] && this.post[b.id] <= this.post[a.id];
  }
}
