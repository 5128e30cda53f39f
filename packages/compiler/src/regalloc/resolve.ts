import type { Edit, Location } from '../machine/allocation.js';
import type { MachineIsa } from '../machine/isa.js';
import { PREG_LIMIT, type Reg, type RegClass } from '../machine/regs.js';
import type { Intervals } from './intervals.js';
import type { LiveInterval } from './live-interval.js';
import type { Liveness } from './liveness.js';
import { DEF, MOD, Numbering, RegAllocError, USE } from './numbering.js';
import { sequentializeMoves, TEMP } from './parallel-moves.js';

const NO_EDITS: Edit[] = Object.freeze([]) as unknown as Edit[];

export interface Resolution {
  regs: Reg[][][];
  before: Edit[][][];
  blockStart: Edit[][];
  blockEnd: Edit[][];
  /** Class of each spill slot (spilled vregs, then emergency slots). */
  spillClasses: RegClass[];
  /** Physical registers that end up written: assigned, or used as temporaries in copies. */
  usedRegs: Uint8Array;
}

/**
 * Turns allocated intervals into the allocation's edits:
 * - a copy wherever a vreg's consecutive pieces meet inside a block (splits, spills, reloads);
 * - copies into fixed-use registers and temporaries at the move point of their
 *   instruction, and out of fixed-def registers right after it;
 * - on every CFG edge, copies for values whose location differs between the end of the
 *   predecessor and the start of the successor, and for block arguments → parameters,
 *   at the start of a successor with one incoming edge or else at the end of a
 *   predecessor with one outgoing edge (critical edges are split before us).
 * Every group of copies at one point is a parallel move. Cycles and slot-to-slot copies
 * need a temporary register: the ISA's scratch register if it has one, else a register
 * free at that point, else one borrowed around the copy through an emergency spill slot
 * (and a cycle's saved value goes to another emergency slot).
 *
 * Locations are numbers here: registers below PREG_LIMIT, spill slot s as PREG_LIMIT + s.
 */
export function resolve<I, A>(num: Numbering<I>, live: Liveness, intervals: Intervals, isa: MachineIsa<I, A>): Resolution {
  return new Resolver(num, live, intervals, isa).run();
}

class Resolver<I, A> {
  private readonly roots: (LiveInterval | undefined)[];
  private readonly slotOf: Int32Array;
  /** Per vreg: where it is stored to its slot once, after its definition; or 0. */
  private readonly storeAt: Int32Array;
  private readonly spillClasses: RegClass[] = [];
  private readonly usedRegs = new Uint8Array(PREG_LIMIT);
  private readonly regLocs: Location[] = [];
  private readonly slotLocs: Location[] = [];
  private readonly emergency: Record<RegClass, number[]> = { int: [], float: [] };
  /** Per register, lazily: sorted disjoint ranges where it holds something. */
  private readonly occupancy: (number[] | undefined)[] = [];
  private piecesByReg: LiveInterval[][] | undefined;

  constructor(
    private readonly num: Numbering<I>,
    private readonly live: Liveness,
    private readonly intervals: Intervals,
    private readonly isa: MachineIsa<I, A>,
  ) {
    this.roots = intervals.roots;
    this.slotOf = new Int32Array(this.roots.length).fill(-1);
    this.storeAt = new Int32Array(this.roots.length);
  }

  run(): Resolution {
    const num = this.num;
    const blocks = num.vcode.blocks;
    this.findStoresAtDef();
    // Spilled vregs: [first position the slot holds the value, last one] each.
    const spans: number[] = [];
    for (const root of this.roots) {
      if (root === undefined) continue;
      let from = -1;
      let to = -1;
      for (const piece of root.isSplit ? root.pieces : [root]) {
        if (piece.spilled) {
          if (from < 0) from = piece.start;
          to = piece.end;
        } else if (piece.reg >= 0) {
          this.usedRegs[piece.reg] = 1;
        } else {
          throw new Error(`internal: ${num.describe(piece.start)}: a piece of v${piece.vreg + num.firstVreg} has no location`);
        }
      }
      // A value stored at its definition keeps its slot for all of its life (even where
      // it is in a register: loops come back to its spilled parts without a store).
      if (from >= 0) {
        if (this.storeAt[root.vreg] > 0) spans.push(root.start, root.isSplit ? root.pieces[root.pieces.length - 1].end : root.end, root.vreg);
        else spans.push(from, to, root.vreg);
      }
    }
    this.assignSlots(spans);

    const regs = this.operandRegs();
    const before: Edit[][][] = blocks.map((block) => new Array<Edit[]>(block.insts.length).fill(NO_EDITS));
    const blockStart: Edit[][] = blocks.map(() => NO_EDITS);
    const blockEnd: Edit[][] = blocks.map(() => NO_EDITS);

    this.inBlockMoves(before);
    this.edgeMoves(regs, blockStart, blockEnd);
    return { regs, before, blockStart, blockEnd, spillClasses: this.spillClasses, usedRegs: this.usedRegs };
  }

  /**
   * Spill stores at the definition: a vreg defined once (not a block parameter) that is
   * spilled more than once, or spilled inside a deeper loop than its definition, is
   * stored to its slot right after the defining instruction, and moves into its slot
   * elsewhere are dropped: an SSA value in its slot stays valid.
   */
  private findStoresAtDef(): void {
    const num = this.num;
    const { opStart, opReg, opKind } = num;
    const first = num.firstVreg;
    const defs = new Int32Array(this.roots.length);
    const defIndex = new Int32Array(this.roots.length).fill(-1);
    for (let index = 0; index < num.indexCount; index++) {
      for (let o = opStart[index]; o < opStart[index + 1]; o++) {
        if (opKind[o] === USE || opReg[o] < first) continue;
        defs[opReg[o] - first]++;
        defIndex[opReg[o] - first] = index;
      }
    }
    for (const block of num.vcode.blocks) for (const p of block.params) defs[p - first] += 2;
    for (const root of this.roots) {
      if (root === undefined || !root.isSplit || defs[root.vreg] !== 1) continue;
      const index = defIndex[root.vreg];
      const b = num.blockOfIndex[index];
      if (index + 1 >= num.header[b + 1] || (root.start >> 2) !== index || root.spilled) continue;
      let spills = 0;
      let deeper = false;
      for (const piece of root.pieces) {
        if (!piece.spilled) continue;
        spills++;
        if (num.loopDepth[num.blockOfIndex[piece.start >> 2]] > num.loopDepth[b]) deeper = true;
      }
      const pos = (index + 1) * 4;
      if ((spills > 1 || deeper) && root.pieceAt(pos - 1) !== undefined) this.storeAt[root.vreg] = pos;
    }
  }

  /**
   * One slot per spilled vreg, shared by all its pieces; vregs whose spilled parts do
   * not overlap share slots (greedy interval colouring over the spans from the first
   * spilled position to the last one, per class, since slot sizes differ). A slot holds
   * its vreg's value only where a piece is spilled: stores happen at the start of such
   * pieces, reloads at their end or on edges leaving them.
   */
  private assignSlots(spans: number[]): void {
    const order = Array.from({ length: spans.length / 3 }, (_, k) => 3 * k).sort((x, y) => spans[x] - spans[y] || spans[x + 2] - spans[y + 2]);
    for (const cls of ['int', 'float'] as const) {
      // Slots in use, as a min-heap of [busy until, slot].
      const busy: [number, number][] = [];
      const free: number[] = [];
      for (const k of order) {
        const vreg = spans[k + 2];
        if ((this.roots[vreg] as LiveInterval).cls !== cls) continue;
        while (busy.length > 0 && busy[0][0] <= spans[k]) free.push(heapPop(busy)[1]);
        const slot = free.length > 0 ? (free.pop() as number) : this.newSlot(cls);
        this.slotOf[vreg] = slot;
        heapPush(busy, [spans[k + 1], slot]);
      }
    }
  }

  private newSlot(cls: RegClass): number {
    this.spillClasses.push(cls);
    return this.spillClasses.length - 1;
  }

  private locOf(piece: LiveInterval): number {
    return piece.spilled ? PREG_LIMIT + this.slotOf[piece.vreg] : piece.reg;
  }

  /** Location of vreg index v at `pos`, which it must cover. */
  private locAt(v: number, pos: number): number {
    const root = this.roots[v];
    if (root !== undefined && !root.isSplit) return this.locOf(root);
    const piece = root?.pieceAt(pos);
    if (piece === undefined) throw new Error(`internal: ${this.num.describe(pos)}: v${v + this.num.firstVreg} is not live at ${pos}`);
    return this.locOf(piece);
  }

  private operandRegs(): Reg[][][] {
    const num = this.num;
    const { opStart, opReg, opKind, opFixed } = num;
    const first = num.firstVreg;
    return num.vcode.blocks.map((block, b) => {
      const out: Reg[][] = new Array(block.insts.length);
      for (let i = 0; i < block.insts.length; i++) {
        const index = num.indexOf(b, i);
        const regs: Reg[] = [];
        for (let o = opStart[index]; o < opStart[index + 1]; o++) {
          const reg = opReg[o];
          if (reg < PREG_LIMIT) regs.push(reg);
          else if (opFixed[o] >= 0) regs.push(opFixed[o]);
          else if (this.intervals.opTemp.has(o)) regs.push((this.roots[this.intervals.opTemp.get(o) as number] as LiveInterval).reg);
          else {
            const pos = index * 4 + (opKind[o] === DEF ? 2 : 1);
            const root = this.roots[reg - first];
            const piece = root !== undefined && !root.isSplit ? root : root?.pieceAt(pos);
            if (piece === undefined || piece.spilled || piece.reg < 0) {
              throw new Error(`internal: ${num.describe(pos)}: operand v${reg} has no register`);
            }
            regs.push(piece.reg);
          }
        }
        out[i] = regs;
      }
      return out;
    });
  }

  private inBlockMoves(before: Edit[][][]): void {
    const num = this.num;
    const { opStart, opReg, opKind, opFixed } = num;
    const first = num.firstVreg;
    // Copies are bucketed by position: a linked list through `mNext` from `head[pos]`.
    const head = new Int32Array(num.indexCount * 4).fill(-1);
    const mNext: number[] = [];
    const mDst: number[] = [];
    const mSrc: number[] = [];
    const mCls: RegClass[] = [];
    const add = (pos: number, cls: RegClass, dst: number, src: number): void => {
      if (dst === src) return;
      mNext.push(head[pos]);
      head[pos] = mDst.length;
      mDst.push(dst);
      mSrc.push(src);
      mCls.push(cls);
    };

    for (const root of this.roots) {
      if (root === undefined || !root.isSplit) continue;
      const pieces = root.pieces;
      for (let k = 1; k < pieces.length; k++) {
        const prev = pieces[k - 1];
        const cur = pieces[k];
        if (prev.end !== cur.start || num.isHeader(cur.start >> 2)) continue;
        if ((cur.start & 3) !== 0) throw new Error(`internal: split inside an instruction at ${num.describe(cur.start)}`);
        // A value stored once after its definition is already in its slot.
        if (cur.spilled && this.storeAt[cur.vreg] > 0) continue;
        add(cur.start, cur.cls, this.locOf(cur), this.locOf(prev));
      }
    }
    for (let v = 0; v < this.storeAt.length; v++) {
      const pos = this.storeAt[v];
      if (pos > 0) {
        const root = this.roots[v] as LiveInterval;
        add(pos, root.cls, PREG_LIMIT + this.slotOf[v], this.locAt(v, pos - 1));
      }
    }

    for (let index = 0; index < num.indexCount; index++) {
      const B = index * 4;
      for (let o = opStart[index]; o < opStart[index + 1]; o++) {
        const reg = opReg[o];
        if (reg < first) continue;
        const v = reg - first;
        const kind = opKind[o];
        const p = opFixed[o];
        const temp = this.intervals.opTemp.get(o) ?? -1;
        const cls = num.vcode.vregClasses[v];
        if ((kind === USE || kind === MOD) && p >= 0) add(B, cls, p, this.locAt(v, B - 1));
        if (temp >= 0) add(B, cls, (this.roots[temp] as LiveInterval).reg, this.locAt(v, B - 1));
        if (kind !== USE && p >= 0) {
          const piece = this.roots[v]?.pieceAt(B + 3);
          if (piece !== undefined) add(B + 3, cls, this.locOf(piece), p);
        }
      }
    }

    for (let pos = 0; pos < head.length; pos++) {
      if (head[pos] < 0) continue;
      // pos is 4i (before instruction i) or 4i+3 (after it, so before instruction i+1).
      const index = (pos >> 2) + ((pos & 3) === 3 ? 1 : 0);
      const b = num.blockOfIndex[pos >> 2];
      if (index >= num.header[b + 1] || num.isHeader(index)) {
        throw new RegAllocError(`${num.describe(pos)}: a fixed def on the last instruction of a block is not supported`);
      }
      const i = index - num.header[b] - 1;
      const list = before[b][i] === NO_EDITS ? [] : before[b][i];
      for (const cls of ['int', 'float'] as const) {
        const dsts: number[] = [];
        const srcs: number[] = [];
        for (let m = head[pos]; m >= 0; m = mNext[m]) {
          if (mCls[m] !== cls) continue;
          dsts.push(mDst[m]);
          srcs.push(mSrc[m]);
        }
        if (dsts.length > 0) this.emitParallel(list, cls, dsts, srcs, [pos - 1, pos + 1]);
      }
      if (list.length > 0) before[b][i] = list;
    }
  }

  private edgeMoves(regs: Reg[][][], blockStart: Edit[][], blockEnd: Edit[][]): void {
    const num = this.num;
    const blocks = num.vcode.blocks;
    const first = num.firstVreg;
    const { globals, liveIn, paramBase, paramLive } = this.live;
    const single = this.singleSource();
    for (let b = 0; b < num.blockCount; b++) {
      const succs = blocks[b].succs;
      const endPos = num.header[b + 1] * 4;
      for (let k = 0; k < succs.length; k++) {
        const succ = succs[k];
        const s = succ.block;
        // Edges from one block with the same arguments need the same copies, made once.
        if (single[s] && num.inEdges[s][1] !== k) continue;
        const startPos = num.header[s] * 4;
        const moves: Record<RegClass, { dsts: number[]; srcs: number[] }> = { int: { dsts: [], srcs: [] }, float: { dsts: [], srcs: [] } };
        let any = false;
        const add = (v: number, dst: number, src: number): void => {
          if (dst === src) return;
          const m = moves[num.vcode.vregClasses[v]];
          m.dsts.push(dst);
          m.srcs.push(src);
          any = true;
        };
        for (const g of liveIn[s]) {
          const v = globals[g];
          // Only values split into several pieces can be in different places at the two ends.
          if (!(this.roots[v] as LiveInterval).isSplit) continue;
          const dst = this.locAt(v, startPos);
          if (this.storeAt[v] > 0 && dst >= PREG_LIMIT) continue;
          add(v, dst, this.locAt(v, endPos - 1));
        }
        const params = blocks[s].params;
        for (let j = 0; j < params.length; j++) {
          if (!paramLive[paramBase[s] + j]) continue;
          const p = params[j] - first;
          add(p, this.locAt(p, startPos), this.locAt(succ.args[j] - first, endPos - 1));
        }
        if (!any) continue;

        let list: Edit[];
        let window: number[];
        const atStart = single[s] === 1;
        if (atStart) {
          list = blockStart[s] = [];
          window = [endPos - 1, endPos, startPos, startPos + 1];
        } else if (succs.length === 1) {
          list = blockEnd[b] = [];
          window = [endPos - 4, endPos, startPos, startPos + 1];
        } else {
          throw new RegAllocError(`${num.vcode.name}: critical edge from block ${b} to block ${s} needs copies; split it`);
        }
        for (const cls of ['int', 'float'] as const) {
          if (moves[cls].dsts.length > 0) this.emitParallel(list, cls, moves[cls].dsts, moves[cls].srcs, window);
        }
        if (!atStart) this.checkTerminator(b, regs, list);
      }
    }
  }

  /** single[s] = 1 if all edges into s come from one block and pass the same arguments. */
  private singleSource(): Uint8Array {
    const num = this.num;
    const blocks = num.vcode.blocks;
    const single = new Uint8Array(num.blockCount);
    for (let s = 0; s < num.blockCount; s++) {
      const edges = num.inEdges[s];
      if (edges.length === 0) continue;
      const first = blocks[edges[0]].succs[edges[1]].args;
      let ok = true;
      for (let e = 2; e < edges.length && ok; e += 2) {
        const args = blocks[edges[e]].succs[edges[e + 1]].args;
        ok = edges[e] === edges[0] && args.every((a, j) => a === first[j]);
      }
      single[s] = ok ? 1 : 0;
    }
    return single;
  }

  /** Copies at the end of a block run before its branch, so they must not overwrite what it reads. */
  private checkTerminator(b: number, regs: Reg[][][], edits: readonly Edit[]): void {
    const num = this.num;
    const last = num.vcode.blocks[b].insts.length - 1;
    const index = num.indexOf(b, last);
    const read = new Set<number>();
    for (let o = num.opStart[index], k = 0; o < num.opStart[index + 1]; o++, k++) {
      if (num.opKind[o] === USE || num.opKind[o] === MOD) read.add(regs[b][last][k]);
      if (num.opKind[o] !== USE) {
        throw new RegAllocError(`${num.describe(index * 4)}: the branch defines a register, but the copies into block ${num.vcode.blocks[b].succs[0].block} must go before it`);
      }
    }
    for (const e of edits) {
      if ('reg' in e.dst && read.has(e.dst.reg)) {
        throw new RegAllocError(`${num.describe(index * 4)}: the copies into block ${num.vcode.blocks[b].succs[0].block} overwrite ${this.isa.regs.name(e.dst.reg)}, which the branch reads`);
      }
    }
  }

  /** Appends the parallel copy dsts ← srcs as sequential edits, using temporaries free in `window`. */
  private emitParallel(out: Edit[], cls: RegClass, dsts: number[], srcs: number[], window: readonly number[]): void {
    const seq = sequentializeMoves(dsts, srcs);
    // The cycle breaker is chosen first, so that the register for slot-to-slot copies differs from it.
    const temp = seq.includes(TEMP) ? (this.freeReg(cls, window, -1) ?? PREG_LIMIT + this.emergencySlot(cls, 0)) : -1;
    let copyReg = -2;
    for (let k = 0; k < seq.length; k += 2) {
      let dst = seq[k];
      let src = seq[k + 1];
      if (dst === TEMP) dst = temp;
      if (src === TEMP) src = temp;
      if (dst >= PREG_LIMIT && src >= PREG_LIMIT) {
        if (copyReg === -2) copyReg = this.freeReg(cls, window, temp) ?? -1;
        if (copyReg >= 0) {
          out.push(this.edit(cls, copyReg, src), this.edit(cls, dst, copyReg));
        } else {
          const borrowed = this.isa.regs.allocatable[cls][0];
          const save = PREG_LIMIT + this.emergencySlot(cls, 1);
          out.push(this.edit(cls, save, borrowed), this.edit(cls, borrowed, src), this.edit(cls, dst, borrowed), this.edit(cls, borrowed, save));
        }
        continue;
      }
      out.push(this.edit(cls, dst, src));
    }
  }

  private edit(cls: RegClass, dst: number, src: number): Edit {
    return { cls, dst: this.location(dst), src: this.location(src) };
  }

  private location(loc: number): Location {
    if (loc < PREG_LIMIT) return (this.regLocs[loc] ??= { reg: loc });
    const slot = loc - PREG_LIMIT;
    return (this.slotLocs[slot] ??= { slot });
  }

  private emergencySlot(cls: RegClass, which: number): number {
    return (this.emergency[cls][which] ??= this.newSlot(cls));
  }

  /** A register of the class that holds nothing in any of the [from, to) pairs of `window`. */
  private freeReg(cls: RegClass, window: readonly number[], except: number): number | undefined {
    const scratch = this.isa.regs.scratch?.[cls];
    if (scratch !== undefined && scratch !== except) {
      this.usedRegs[scratch] = 1;
      return scratch;
    }
    for (const r of this.isa.regs.allocatable[cls]) {
      if (r === except) continue;
      const ranges = this.occupied(r);
      let free = true;
      for (let w = 0; w < window.length && free; w += 2) free = isFreeIn(ranges, window[w], window[w + 1]);
      if (free) {
        this.usedRegs[r] = 1;
        return r;
      }
    }
    return undefined;
  }

  private occupied(reg: Reg): number[] {
    const known = this.occupancy[reg];
    if (known !== undefined) return known;
    if (this.piecesByReg === undefined) {
      const byReg: LiveInterval[][] = (this.piecesByReg = []);
      for (const root of this.roots) {
        if (root === undefined) continue;
        if (!root.isSplit) {
          if (!root.spilled) (byReg[root.reg] ??= []).push(root);
        } else {
          for (const piece of root.pieces) if (!piece.spilled) (byReg[piece.reg] ??= []).push(piece);
        }
      }
    }
    const flat: number[] = [];
    for (const piece of this.piecesByReg[reg] ?? []) for (const x of piece.ranges) flat.push(x);
    const f = this.intervals.fixed[reg];
    if (f !== undefined) for (let k = 0; k < f.from.length; k++) flat.push(f.from[k], f.to[k]);
    this.num.clobberSets.forEach((set, k) => {
      if (set.mask[reg]) for (const site of this.intervals.clobberSites[k]) flat.push(site, site + 1);
    });
    return (this.occupancy[reg] = mergeRanges(flat));
  }
}

function mergeRanges(flat: number[]): number[] {
  const order: number[] = [];
  for (let k = 0; k < flat.length; k += 2) order.push(k);
  order.sort((x, y) => flat[x] - flat[y]);
  const out: number[] = [];
  for (const k of order) {
    const n = out.length;
    if (n > 0 && flat[k] <= out[n - 1]) out[n - 1] = Math.max(out[n - 1], flat[k + 1]);
    else out.push(flat[k], flat[k + 1]);
  }
  return out;
}

function isFreeIn(ranges: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = ranges.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[2 * mid + 1] <= from) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo >= ranges.length || ranges[2 * lo] >= to;
}

function heapPush(heap: [number, number][], item: [number, number]): void {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent][0] <= item[0]) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = item;
}

function heapPop(heap: [number, number][]): [number, number] {
  const top = heap[0];
  const last = heap.pop() as [number, number];
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && heap[child + 1][0] < heap[child][0]) child++;
      if (heap[child][0] >= last[0]) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
  }
  return top;
}
