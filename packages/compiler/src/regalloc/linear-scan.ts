import { PREG_LIMIT, type Reg, type RegClass } from '../machine/regs.js';
import type { Intervals } from './intervals.js';
import { LiveInterval, MAX_POS, NEEDS_REG } from './live-interval.js';
import { Numbering, RegAllocError, USE } from './numbering.js';
import { chooseSplitPos } from './split.js';

/** How many hints of an interval are tried. */
const MAX_HINTS = 4;

/**
 * Linear scan over the intervals of one register class in order of their start
 * (Wimmer & Mössenböck 2005): each interval takes a register free for all of it (its
 * hints first, then the ISA's order of preference), or one free for a part of it (the
 * rest is split off and queued), or else the register whose occupants are used furthest
 * away, which are split and spilled up to their next use; if every other occupant is
 * needed sooner, the interval itself is spilled up to its first use. Fixed ranges of
 * physical registers block like intervals that cannot be moved.
 */
export function linearScan<I>(num: Numbering<I>, intervals: Intervals, cls: RegClass, regs: readonly Reg[]): void {
  new Scan(num, intervals, regs).run(cls);
}

class Scan<I> {
  private readonly heap = new IntervalHeap();
  private readonly active: LiveInterval[] = [];
  private readonly inactive: LiveInterval[] = [];
  private readonly inClass = new Uint8Array(PREG_LIMIT);
  private readonly freeUntil = new Int32Array(PREG_LIMIT);
  private readonly nextUse = new Int32Array(PREG_LIMIT);
  private readonly blockPos = new Int32Array(PREG_LIMIT);
  private readonly fixedCursor = new Int32Array(PREG_LIMIT);
  /** The active interval of each register. */
  private readonly activeAt: (LiveInterval | undefined)[] = new Array(PREG_LIMIT);
  /** Step at which freeUntil[r] was computed (it is computed per register on demand). */
  private readonly known = new Int32Array(PREG_LIMIT).fill(-1);
  private step = 0;
  private clobberStamp: Int32Array;
  private clobberHit: Int32Array;
  /** Clobber sets that take registers of this class. */
  private readonly classSets: number[] = [];
  private readonly clobberCursor: Int32Array;

  constructor(
    private readonly num: Numbering<I>,
    private readonly intervals: Intervals,
    private readonly regs: readonly Reg[],
  ) {
    for (const r of regs) this.inClass[r] = 1;
    num.clobberSets.forEach((set, k) => {
      if (regs.some((r) => set.mask[r])) this.classSets.push(k);
    });
    this.clobberCursor = new Int32Array(num.clobberSets.length);
    this.clobberStamp = new Int32Array(num.clobberSets.length).fill(-1);
    this.clobberHit = new Int32Array(num.clobberSets.length);
  }

  run(cls: RegClass): void {
    const order = this.sortedRoots(cls);
    if (order.length > 0 && this.regs.length === 0) {
      throw new RegAllocError(`${this.num.vcode.name}: the ISA has no allocatable ${cls} registers`);
    }
    let work = 0;
    for (const iv of order) work += iv.uses.length + 2;
    // Every step retires an interval or splits one before a use or blocked position, so
    // this is a generous bound; it turns an allocator bug into an error, not a hang.
    const limit = 8 * work + 100_000;
    // Unhandled intervals: the initial ones in `order`, the pieces split off in the heap.
    const heap = this.heap;
    let next = 0;
    for (let steps = 0; next < order.length || heap.size > 0; steps++) {
      if (steps > limit) throw new Error(`internal: register allocation of ${this.num.vcode.name} does not terminate`);
      const cur = heap.size > 0 && (next >= order.length || before(heap.peek(), order[next])) ? heap.pop() : order[next++];
      this.step = steps;
      this.advance(cur.start);
      if (!this.tryFreeReg(cur)) this.allocateBlockedReg(cur);
      if (cur.reg >= 0) {
        this.active.push(cur);
        this.activeAt[cur.reg] = cur;
      }
    }
  }

  /** The intervals of a class by start (a counting sort), then by first register use. */
  private sortedRoots(cls: RegClass): LiveInterval[] {
    const roots = this.intervals.roots;
    const counts = new Int32Array(this.num.indexCount * 4 + 1);
    let n = 0;
    for (const iv of roots) {
      if (iv === undefined || iv.cls !== cls) continue;
      counts[iv.start + 1]++;
      n++;
    }
    for (let p = 1; p < counts.length; p++) counts[p] += counts[p - 1];
    const order = new Array<LiveInterval>(n);
    for (const iv of roots) {
      if (iv === undefined || iv.cls !== cls) continue;
      iv.prio = iv.nextUse(iv.start, NEEDS_REG);
      iv.seq = counts[iv.start];
      order[counts[iv.start]++] = iv;
    }
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && order[j].start === order[i].start) j++;
      if (j - i > 1) {
        const run = order.slice(i, j).sort((a, b) => a.prio - b.prio || a.seq - b.seq);
        for (let k = i; k < j; k++) order[k] = run[k - i];
      }
      i = j;
    }
    return order;
  }

  /** Moves intervals between active, inactive and handled for position `pos`. */
  private advance(pos: number): void {
    const { active, inactive } = this;
    for (let i = 0; i < inactive.length; ) {
      const it = inactive[i];
      if (it.end <= pos || it.coversForward(pos)) {
        inactive[i] = inactive[inactive.length - 1];
        inactive.pop();
        if (it.end > pos) {
          active.push(it);
          this.activeAt[it.reg] = it;
        }
      } else i++;
    }
    for (let i = 0; i < active.length; ) {
      const it = active[i];
      if (it.end <= pos || !it.coversForward(pos)) {
        active[i] = active[active.length - 1];
        active.pop();
        if (this.activeAt[it.reg] === it) this.activeAt[it.reg] = undefined;
        if (it.end > pos) inactive.push(it);
      } else i++;
    }
  }

  /** Until where `r` is free for `cur`: 0 if taken at its start (computed once per step). */
  private freeUntilOf(r: Reg, cur: LiveInterval): number {
    if (this.known[r] === this.step) return this.freeUntil[r];
    this.known[r] = this.step;
    let limit = 0;
    if (this.activeAt[r] === undefined) {
      const P = cur.start;
      limit = MAX_POS;
      for (const it of this.inactive) {
        if (it.reg !== r) continue;
        const x = it.firstIntersection(cur, P);
        if (x < limit) limit = x;
      }
      for (const k of this.classSets) {
        if (!this.num.clobberSets[k].mask[r]) continue;
        if (this.clobberStamp[k] !== this.step) {
          this.clobberStamp[k] = this.step;
          this.clobberHit[k] = this.findClobber(k, cur);
        }
        if (this.clobberHit[k] < limit) limit = this.clobberHit[k];
      }
      if (limit > P) limit = this.fixedIntersection(r, cur, limit);
    }
    this.freeUntil[r] = limit;
    return limit;
  }

  private tryFreeReg(cur: LiveInterval): boolean {
    const { regs, freeUntil } = this;
    const P = cur.start;
    const end = cur.end;
    const h = cur.hints;
    for (let k = 0; h !== undefined && k < h.length && k < 3 * MAX_HINTS; k += 3) {
      const r = this.resolveHint(h[k + 1], h[k + 2]);
      if (r >= 0 && this.inClass[r] && this.freeUntilOf(r, cur) >= end) {
        cur.reg = r;
        return true;
      }
    }
    // A def may take the register of a use of its instruction that dies there.
    if ((P & 3) === 2) {
      const r = this.dyingUseReg(cur);
      if (r >= 0) {
        cur.reg = r;
        return true;
      }
    }
    for (const r of regs) {
      if (this.freeUntilOf(r, cur) >= end) {
        cur.reg = r;
        return true;
      }
    }

    // Free for a part only: worth it if that part covers the first use needing a register.
    let best = -1;
    let bestFree = P;
    for (const r of regs) {
      if (freeUntil[r] > bestFree) {
        best = r;
        bestFree = freeUntil[r];
      }
    }
    if (best < 0) return false;
    const firstUse = cur.nextUse(P, NEEDS_REG);
    const s = chooseSplitPos(this.num, firstUse < MAX_POS ? firstUse : P, bestFree);
    if (s < 0) return false;
    cur.reg = best;
    this.heap.push(cur.split(s));
    return true;
  }

  private allocateBlockedReg(cur: LiveInterval): void {
    const { regs, nextUse, blockPos } = this;
    const P = cur.start;
    for (const r of regs) {
      nextUse[r] = MAX_POS;
      blockPos[r] = MAX_POS;
    }
    for (const it of this.active) {
      nextUse[it.reg] = this.canEvict(it, P) ? it.nextUse(P, NEEDS_REG) : -1;
    }
    for (const it of this.inactive) {
      const r = it.reg;
      if (nextUse[r] < 0 || it.firstIntersection(cur, P) === MAX_POS) continue;
      const u = it.nextUse(P, NEEDS_REG);
      if (u < nextUse[r]) nextUse[r] = u;
    }
    this.applyClobbers(cur, blockPos);
    for (const r of regs) {
      const x = Math.min(this.fixedIntersection(r, cur, MAX_POS), blockPos[r]);
      if (x < blockPos[r]) blockPos[r] = x;
      if (x < nextUse[r]) nextUse[r] = x;
    }

    const firstUse = cur.nextUse(P, NEEDS_REG);
    let best = -1;
    let bestUse = -1;
    for (const r of regs) {
      const u = nextUse[r];
      if (u <= bestUse) continue;
      if (blockPos[r] < cur.end) {
        // The part of `cur` that keeps the register must reach past its first use.
        const s = blockPos[r] & ~3;
        if (s <= P || (firstUse < MAX_POS && s <= firstUse)) continue;
      }
      best = r;
      bestUse = u;
    }

    if (firstUse === MAX_POS || best < 0 || firstUse > bestUse) {
      // Everybody else needs a register sooner: spill `cur` until just before its first use.
      cur.spilled = true;
      if (firstUse === MAX_POS) return;
      const s = chooseSplitPos(this.num, P, firstUse);
      if (s < 0) {
        throw new RegAllocError(`${this.num.describe(firstUse)}: more ${cur.cls} values need a register than the ISA has (v${cur.vreg + this.num.firstVreg})`);
      }
      this.heap.push(cur.split(s));
      return;
    }

    cur.reg = best;
    if (blockPos[best] < cur.end) this.heap.push(cur.split(chooseSplitPos(this.num, firstUse, blockPos[best])));
    const { active, inactive } = this;
    for (let i = 0; i < active.length; i++) {
      if (active[i].reg !== best) continue;
      const it = active[i];
      active[i] = active[active.length - 1];
      active.pop();
      this.activeAt[best] = undefined;
      this.evictActive(it, P);
      break;
    }
    for (let i = 0; i < inactive.length; ) {
      const it = inactive[i];
      if (it.reg === best && it.firstIntersection(cur, P) < MAX_POS) {
        inactive[i] = inactive[inactive.length - 1];
        inactive.pop();
        this.evictInactive(it, P);
      } else i++;
    }
  }

  /**
   * Whether an interval that holds its register at P can give it up there: it must be
   * able to move out at a move point after its last use before P (or go to its spill slot
   * as a whole, if nothing before P needs the register), and its next use must leave room
   * for a reload at or after P.
   */
  private canEvict(it: LiveInterval, P: number): boolean {
    const u = it.nextUse(P, NEEDS_REG);
    const reload = u & ~3;
    if (it.lastRegUseBefore(P) < it.start) return u === MAX_POS || (reload >= P && reload > it.start);
    if ((P & ~3) <= it.lastRegUseBefore(P)) return false;
    return u === MAX_POS || reload >= P;
  }

  private evictActive(it: LiveInterval, P: number): void {
    const lastUse = it.lastRegUseBefore(P);
    if (lastUse < it.start) {
      it.reg = -1;
      this.spillUntilNextUse(it, P);
      return;
    }
    const s = chooseSplitPos(this.num, lastUse, P);
    if (s < 0) throw new Error(`internal: ${this.num.describe(P)}: cannot evict v${it.vreg + this.num.firstVreg}`);
    this.spillUntilNextUse(it.split(s), P);
  }

  /** An interval in a hole at P gives up its register from its next range on. */
  private evictInactive(it: LiveInterval, P: number): void {
    this.heap.push(it.split(it.ranges[it.rangeAfter(P)]));
  }

  /** Puts `piece` (starting at or before P) in its spill slot until before its next use, which is queued again. */
  private spillUntilNextUse(piece: LiveInterval, P: number): void {
    const u = piece.nextUse(piece.start, NEEDS_REG);
    if (u === MAX_POS) {
      piece.spilled = true;
      return;
    }
    if ((u & ~3) <= piece.start) {
      this.heap.push(piece);
      return;
    }
    const s = chooseSplitPos(this.num, Math.max(piece.start, P - 1), u);
    piece.spilled = true;
    this.heap.push(piece.split(s));
  }

  /** Lowers limit[r] to the first instruction clobbering r while `cur` is live. */
  private applyClobbers(cur: LiveInterval, limit: Int32Array): void {
    for (const k of this.classSets) {
      const hit = this.findClobber(k, cur);
      if (hit === MAX_POS) continue;
      const mask = this.num.clobberSets[k].mask;
      for (const r of this.regs) if (mask[r] && hit < limit[r]) limit[r] = hit;
    }
  }

  /** The first site of clobber set k where `cur` is live, or MAX_POS. */
  private findClobber(k: number, cur: LiveInterval): number {
    const P = cur.start;
    const sites = this.intervals.clobberSites[k];
    let c = this.clobberCursor[k];
    while (c < sites.length && sites[c] < P) c++;
    this.clobberCursor[k] = c;
    if (c >= sites.length || sites[c] >= cur.end) return MAX_POS;
    // Look for a site in each range of cur in turn.
    const r = cur.ranges;
    for (let i = 0; i < r.length; i += 2) {
      let lo = c;
      let hi = sites.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sites[mid] < r[i]) lo = mid + 1;
        else hi = mid;
      }
      if (lo >= sites.length) break;
      if (sites[lo] < r[i + 1]) return sites[lo];
    }
    return MAX_POS;
  }

  /** First position where a fixed range of `reg` not owned by cur's vreg meets cur, if before `limit`. */
  private fixedIntersection(reg: Reg, cur: LiveInterval, limit: number): number {
    const f = this.intervals.fixed[reg];
    if (f === undefined) return limit;
    const P = cur.start;
    const end = cur.end;
    let c = this.fixedCursor[reg];
    while (c < f.from.length && f.to[c] <= P) c++;
    this.fixedCursor[reg] = c;
    let best = limit;
    for (let k = c; k < f.from.length; k++) {
      const a = f.from[k];
      if (a >= best || a >= end) break;
      if (f.to[k] <= P || f.owner[k] === cur.vreg) continue;
      const x = cur.firstCoveredIn(a, f.to[k]);
      if (x < best) best = x;
    }
    return best;
  }

  /** The register of the first use operand whose value dies at cur's defining instruction, if free for all of cur. */
  private dyingUseReg(cur: LiveInterval): number {
    const num = this.num;
    const index = cur.start >> 2;
    const first = num.firstVreg;
    for (let o = num.opStart[index]; o < num.opStart[index + 1]; o++) {
      if (num.opKind[o] !== USE || num.opFixed[o] >= 0 || num.opReg[o] < first) continue;
      const piece = this.intervals.roots[num.opReg[o] - first]?.pieceAt(cur.start - 1);
      if (piece === undefined || piece.end !== cur.start || piece.spilled || !this.inClass[piece.reg]) continue;
      if (this.freeUntilOf(piece.reg, cur) >= cur.end) return piece.reg;
    }
    return -1;
  }

  /** The register a hint target stands for, or -1. */
  private resolveHint(target: number, pos: number): number {
    if (target < PREG_LIMIT) return target;
    const piece = this.intervals.roots[target - PREG_LIMIT]?.pieceAt(pos);
    return piece === undefined || piece.spilled ? -1 : piece.reg;
  }
}

/**
 * Binary min-heap of intervals by start position; among equal starts the one that needs
 * a register first goes first, then the one queued first.
 */
class IntervalHeap {
  private readonly items: LiveInterval[] = [];
  private seq = 0x40000000;

  get size(): number {
    return this.items.length;
  }

  peek(): LiveInterval {
    return this.items[0];
  }

  push(iv: LiveInterval): void {
    iv.seq = this.seq++;
    iv.prio = iv.nextUse(iv.start, NEEDS_REG);
    const items = this.items;
    let i = items.length;
    items.push(iv);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(iv, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = iv;
  }

  pop(): LiveInterval {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as LiveInterval;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= items.length) break;
        if (child + 1 < items.length && before(items[child + 1], items[child])) child++;
        if (!before(items[child], last)) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

function before(a: LiveInterval, b: LiveInterval): boolean {
  return a.start !== b.start ? a.start < b.start : a.prio !== b.prio ? a.prio < b.prio : a.seq < b.seq;
}
