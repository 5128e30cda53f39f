import type { RegClass } from '../machine/regs.js';

/** A position after every real one. */
export const MAX_POS = 0x3fffffff;
/** Use flag: the value must be in a register at this position. */
export const NEEDS_REG = 1;

/**
 * The live interval of one virtual register, or one piece of it after splitting: sorted,
 * disjoint half-open ranges, the positions where it is used, and where it lives (a
 * register, or the vreg's spill slot). All pieces of a vreg share one `pieces` list.
 */
export class LiveInterval {
  /** Flat [from, to) pairs in ascending order. */
  ranges: number[] = [];
  /** Uses, ascending, each packed as position * 2 + NEEDS_REG flag. */
  uses: number[] = [];
  /**
   * Allocation hints as triples (use position, target, target position): a target below
   * PREG_LIMIT is a physical register, otherwise PREG_LIMIT + the index of a vreg whose
   * location at the target position would avoid a copy. Most intervals have none.
   */
  hints: number[] | undefined;
  /** Assigned physical register, or -1. */
  reg = -1;
  /** This piece lives in its vreg's spill slot. */
  spilled = false;
  /** Tie-breakers for the allocation order. */
  seq = 0;
  prio = 0;
  private piecesList: LiveInterval[] | undefined;
  private cursor = 0;

  constructor(
    /** Dense index of the vreg (temporaries of the allocator come after the VCode's). */
    readonly vreg: number,
    readonly cls: RegClass,
    pieces?: LiveInterval[],
  ) {
    this.piecesList = pieces;
  }

  /** The vreg's pieces in position order (the list is made when first needed). */
  get pieces(): LiveInterval[] {
    return (this.piecesList ??= [this]);
  }

  /** Whether the vreg was split into several pieces. */
  get isSplit(): boolean {
    return this.piecesList !== undefined && this.piecesList.length > 1;
  }

  /** First and last position (cached from `ranges`: see `updateBounds`). */
  start = 0;
  end = 0;

  /** Refreshes `start` and `end` after `ranges` changed. */
  updateBounds(): void {
    this.start = this.ranges[0];
    this.end = this.ranges[this.ranges.length - 1];
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** Whether `pos` is inside a range; for the allocation scan, where `pos` never decreases. */
  coversForward(pos: number): boolean {
    const r = this.ranges;
    let c = this.cursor;
    while (c < r.length && r[c + 1] <= pos) c += 2;
    this.cursor = c;
    return c < r.length && r[c] <= pos;
  }

  covers(pos: number): boolean {
    const i = this.rangeAfter(pos);
    return i < this.ranges.length && this.ranges[i] <= pos;
  }

  /** Index (even) of the first range that ends after `pos`. */
  rangeAfter(pos: number): number {
    const r = this.ranges;
    let lo = 0;
    let hi = r.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r[2 * mid + 1] <= pos) lo = mid + 1;
      else hi = mid;
    }
    return 2 * lo;
  }

  /** First position in [from, to) that this interval covers, or MAX_POS. */
  firstCoveredIn(from: number, to: number): number {
    const i = this.rangeAfter(from);
    if (i >= this.ranges.length) return MAX_POS;
    const a = this.ranges[i];
    if (a >= to) return MAX_POS;
    return a > from ? a : from;
  }

  /** First position at or after `from` that both intervals cover, or MAX_POS. */
  firstIntersection(other: LiveInterval, from: number): number {
    const a = this.ranges;
    const b = other.ranges;
    let i = this.rangeAfter(from);
    let j = other.rangeAfter(from);
    while (i < a.length && j < b.length) {
      const lo = Math.max(a[i], b[j], from);
      if (lo < a[i + 1] && lo < b[j + 1]) return lo;
      if (a[i + 1] <= b[j + 1]) i += 2;
      else j += 2;
    }
    return MAX_POS;
  }

  addUse(pos: number, flags: number): void {
    this.uses.push(pos * 2 + flags);
  }

  addHint(usePos: number, target: number, targetPos: number): void {
    (this.hints ??= []).push(usePos, target, targetPos);
  }

  /** Index of the first use at or after `pos`. */
  private useIndexAt(pos: number): number {
    const u = this.uses;
    const key = pos * 2;
    let lo = 0;
    let hi = u.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First use at or after `pos` with all flags of `mask`, or MAX_POS. */
  nextUse(pos: number, mask: number): number {
    const u = this.uses;
    for (let k = this.useIndexAt(pos); k < u.length; k++) if ((u[k] & mask) === mask) return u[k] >> 1;
    return MAX_POS;
  }

  /** Last use before `pos` that needs a register, or -1. */
  lastRegUseBefore(pos: number): number {
    const u = this.uses;
    for (let k = this.useIndexAt(pos) - 1; k >= 0; k--) if (u[k] & NEEDS_REG) return u[k] >> 1;
    return -1;
  }

  /**
   * Splits off the part from `pos` on (start < pos < end) as a new piece, which goes
   * right after this one in `pieces`. Uses at `pos` go to the new piece.
   */
  split(pos: number): LiveInterval {
    const r = this.ranges;
    const i = this.rangeAfter(pos);
    const child = new LiveInterval(this.vreg, this.cls, this.pieces);
    if (r[i] < pos) {
      child.ranges = r.slice(i);
      child.ranges[0] = pos;
      this.ranges = r.slice(0, i + 2);
      this.ranges[i + 1] = pos;
    } else {
      child.ranges = r.slice(i);
      this.ranges = r.slice(0, i);
    }
    const k = this.useIndexAt(pos);
    child.uses = this.uses.slice(k);
    this.uses.length = k;
    const h = this.hints;
    if (h !== undefined) {
      let hk = 0;
      while (hk < h.length && h[hk] < pos) hk += 3;
      if (hk < h.length) {
        child.hints = h.slice(hk);
        h.length = hk;
      }
    }
    this.updateBounds();
    child.updateBounds();
    if (this.cursor > this.ranges.length - 2) this.cursor = Math.max(0, this.ranges.length - 2);
    this.pieces.splice(this.pieces.indexOf(this) + 1, 0, child);
    return child;
  }

  /** The piece of this vreg that covers `pos`, if any. */
  pieceAt(pos: number): LiveInterval | undefined {
    if (this.piecesList === undefined) return this.covers(pos) ? this : undefined;
    const p = this.piecesList;
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid].start <= pos) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return undefined;
    const piece = p[lo - 1];
    return piece.covers(pos) ? piece : undefined;
  }
}
