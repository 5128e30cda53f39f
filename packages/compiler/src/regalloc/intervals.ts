import type { MachineIsa } from '../machine/isa.js';
import { PREG_LIMIT } from '../machine/regs.js';
import { LiveInterval, NEEDS_REG } from './live-interval.js';
import type { Liveness } from './liveness.js';
import { DEF, EARLY_DEF, MOD, Numbering, RegAllocError, USE } from './numbering.js';

/** Ranges where a physical register is taken: fixed operands, clobbers, explicit uses. */
export interface FixedRanges {
  /** Ascending by `from`; ranges may overlap. */
  from: number[];
  to: number[];
  /** Dense vreg index whose fixed operand this is (that vreg may stay in the register), or -1. */
  owner: number[];
}

export interface Intervals {
  /** First piece of every vreg that is live somewhere, by dense index; temporaries come after the VCode's vregs. */
  roots: (LiveInterval | undefined)[];
  /** Per operand: dense index of the temporary that carries it (absent: none). */
  opTemp: Map<number, number>;
  /** Per physical register, if it has any. */
  fixed: (FixedRanges | undefined)[];
  /**
   * Per clobber set of the numbering, the positions (4i+2) of the instructions that
   * clobber it, ascending: kept apart from `fixed` because calls take many registers.
   */
  clobberSites: number[][];
  /** Physical registers that instructions write themselves (fixed operands, clobbers, explicit defs). */
  written: Uint8Array;
}

/**
 * Builds live intervals in one backward pass over blocks and instructions (positions as
 * in numbering.ts):
 * - a use ends the range just after its use position (4i+2), a def starts it at 4i+2,
 *   an early def at 4i+1, so a def can reuse a dying use's register and an early def can't;
 * - a fixed use is a copy into its register at the move point 4i, so the value itself
 *   only has to be somewhere (in any register or slot) at 4i-1, and the register is taken
 *   over [4i, 4i+2) on behalf of that value; a fixed def is a copy out at 4i+3;
 * - a use by an instruction that clobbers registers of the value's class, by a value
 *   that lives on, goes through a temporary copied at 4i: the value itself can then stay
 *   in a clobbered register or slot, and no register must survive the instruction;
 * - block parameters begin at the block start; successor arguments are used at the end.
 */
export function buildIntervals<I, A>(num: Numbering<I>, live: Liveness, isa: MachineIsa<I, A>): Intervals {
  const vcode = num.vcode;
  const blocks = vcode.blocks;
  const first = num.firstVreg;
  const { header, opStart, opReg, opKind, opFixed, allocatable } = num;
  const { globals, liveIn, paramBase, paramLive } = live;
  const roots: (LiveInterval | undefined)[] = new Array(num.vregCount);
  const opTemp = new Map<number, number>();
  const fixed: (FixedRanges | undefined)[] = new Array(PREG_LIMIT);
  const written = new Uint8Array(PREG_LIMIT);
  const clobberSites: number[][] = num.clobberSets.map((set) => {
    for (const r of set.regs) written[r] = 1;
    return [];
  });

  const get = (v: number): LiveInterval => (roots[v] ??= new LiveInterval(v, vcode.vregClasses[v]));

  // Fixed ranges of one instruction are staged and pushed in descending `from` order, so
  // that reversing each list at the end sorts it.
  const stage: number[] = [];
  const stageRange = (preg: number, from: number, to: number, owner: number): void => {
    if (allocatable[preg]) stage.push(from, to, owner, preg);
  };
  const flushStage = (): void => {
    // Insertion sort of the few staged quads by descending `from`.
    for (let i = 4; i < stage.length; i += 4) {
      for (let j = i; j > 0 && stage[j] > stage[j - 4]; j -= 4) {
        for (let k = 0; k < 4; k++) {
          const t = stage[j + k];
          stage[j + k] = stage[j - 4 + k];
          stage[j - 4 + k] = t;
        }
      }
    }
    for (let k = 0; k < stage.length; k += 4) {
      const preg = stage[k + 3];
      const f = (fixed[preg] ??= { from: [], to: [], owner: [] });
      f.from.push(stage[k]);
      f.to.push(stage[k + 1]);
      f.owner.push(stage[k + 2]);
    }
    stage.length = 0;
  };

  const checkFixed = (preg: number, v: number, where: number): void => {
    if (isa.regs.classOf(preg) !== vcode.vregClasses[v]) {
      throw new RegAllocError(`${num.describe(where)}: v${v + first} (${vcode.vregClasses[v]}) is fixed to ${isa.regs.name(preg)} of another class`);
    }
  };

  const pending = new Int32Array(PREG_LIMIT).fill(-1);
  const pendingList: number[] = [];

  for (let b = num.blockCount - 1; b >= 0; b--) {
    const block = blocks[b];
    const bs = header[b] * 4;
    const be = header[b + 1] * 4;

    // Live out: the union of the successors' live-in sets (a value live into several
    // successors gets one range; addRange merges the repeats).
    for (const succ of block.succs) for (const g of liveIn[succ.block]) addRange(get(globals[g]), bs, be);
    for (const succ of block.succs) {
      const s = succ.block;
      for (let j = 0; j < succ.args.length; j++) {
        const iv = get(succ.args[j] - first);
        addRange(iv, bs, be);
        iv.addUse(be - 1, 0);
        if (paramLive[paramBase[s] + j]) iv.addHint(be - 1, PREG_LIMIT + blocks[s].params[j] - first, header[s] * 4);
      }
    }

    for (let index = header[b + 1] - 1; index > header[b]; index--) {
      const B = index * 4;
      const o0 = opStart[index];
      const o1 = opStart[index + 1];
      const clobberSet = num.clobberSet[index];
      const clobbers = clobberSet >= 0 ? num.clobberSets[clobberSet] : undefined;
      if (clobbers !== undefined) clobberSites[clobberSet].push(B + 2);
      const move = o1 - o0 === 2 ? isa.moveOf(num.inst(index)) : undefined;

      // Fixed defs: the value is copied out of the register at B+3.
      for (let o = o0; o < o1; o++) {
        const kind = opKind[o];
        const p = opFixed[o];
        if (kind === USE || p < 0 || opReg[o] < first) continue;
        const v = opReg[o] - first;
        checkFixed(p, v, B);
        written[p] = 1;
        const iv = get(v);
        if (isLive(iv, B + 3)) {
          iv.ranges[iv.ranges.length - 2] = B + 3;
          iv.addUse(B + 3, 0);
          iv.addHint(B + 3, p, 0);
        }
        stageRange(p, kind === DEF ? B + 2 : kind === EARLY_DEF ? B + 1 : B, B + 3, v);
      }
      // Defs (and the def half of mods) at B+2.
      for (let o = o0; o < o1; o++) {
        const kind = opKind[o];
        if ((kind !== DEF && kind !== MOD) || opFixed[o] >= 0 || opReg[o] < first) continue;
        const iv = get(opReg[o] - first);
        defineAt(iv, B + 2, B + 3);
        iv.addUse(B + 2, NEEDS_REG);
        if (move !== undefined && kind === DEF && opReg[o] === move[0] && move[1] >= first) {
          iv.addHint(B + 2, PREG_LIMIT + move[1] - first, B + 1);
        }
      }
      // Early defs at B+1, overlapping the uses.
      for (let o = o0; o < o1; o++) {
        if (opKind[o] !== EARLY_DEF || opFixed[o] >= 0 || opReg[o] < first) continue;
        const iv = get(opReg[o] - first);
        defineAt(iv, B + 1, B + 3);
        iv.addUse(B + 1, NEEDS_REG);
      }
      // Uses (and the use half of mods) at B+1.
      for (let o = o0; o < o1; o++) {
        const kind = opKind[o];
        if ((kind !== USE && kind !== MOD) || opFixed[o] >= 0 || opReg[o] < first) continue;
        const v = opReg[o] - first;
        const iv = get(v);
        const clobbered = clobbers !== undefined && (iv.cls === 'int' ? clobbers.int : clobbers.float);
        if (kind === USE && clobbered && isLive(iv, B + 2)) {
          const t = new LiveInterval(roots.length, iv.cls);
          t.ranges.push(B, B + 2);
          t.addUse(B + 1, NEEDS_REG);
          opTemp.set(o, roots.length);
          roots.push(t);
          addRange(iv, bs, B);
          iv.addUse(B - 1, 0);
          continue;
        }
        addRange(iv, bs, B + 2);
        iv.addUse(B + 1, NEEDS_REG);
        if (move !== undefined && kind === USE && opReg[o] === move[1] && move[0] >= first) {
          iv.addHint(B + 1, PREG_LIMIT + move[0] - first, B + 2);
        }
      }
      // Fixed uses: copied into the register at the move point B.
      for (let o = o0; o < o1; o++) {
        const kind = opKind[o];
        const p = opFixed[o];
        if ((kind !== USE && kind !== MOD) || p < 0 || opReg[o] < first) continue;
        const v = opReg[o] - first;
        if (kind === USE) checkFixed(p, v, B);
        written[p] = 1;
        const iv = get(v);
        addRange(iv, bs, B);
        iv.addUse(B - 1, 0);
        iv.addHint(B - 1, p, 0);
        if (kind === USE) stageRange(p, B, B + 2, v);
      }
      // Physical registers named directly: live from their def to their last use in the block.
      for (let o = o0; o < o1; o++) {
        const kind = opKind[o];
        const p = opReg[o];
        if (kind === USE || p >= PREG_LIMIT) continue;
        if (opFixed[o] >= 0 && opFixed[o] !== p) throw new RegAllocError(`${num.describe(B)}: ${isa.regs.name(p)} fixed to another register`);
        written[p] = 1;
        if (!allocatable[p]) continue;
        const from = kind === EARLY_DEF ? B + 1 : B + 2;
        const end = pending[p];
        pending[p] = -1;
        stageRange(p, from, end >= 0 ? end : B + 3, -1);
      }
      for (let o = o0; o < o1; o++) {
        const kind = opKind[o];
        const p = opReg[o];
        if ((kind !== USE && kind !== MOD) || p >= PREG_LIMIT || !allocatable[p]) continue;
        if (pending[p] < 0) {
          pending[p] = B + 2;
          pendingList.push(p);
        }
      }
      flushStage();
    }

    const params = block.params;
    for (let k = 0; k < params.length; k++) {
      if (!paramLive[paramBase[b] + k]) continue;
      const iv = get(params[k] - first);
      if (!isLive(iv, bs)) throw new Error(`internal: parameter v${params[k]} of block ${b} is not live at its start`);
      iv.addUse(bs, 0);
      const edges = num.inEdges[b];
      for (let e = 0; e < edges.length; e += 2) {
        const pred = edges[e];
        iv.addHint(bs, PREG_LIMIT + blocks[pred].succs[edges[e + 1]].args[k] - first, header[pred + 1] * 4 - 1);
      }
    }
    for (const p of pendingList) {
      if (pending[p] >= 0) throw new RegAllocError(`${num.describe(bs)}: ${isa.regs.name(p)} is read before it is written in the block`);
    }
    pendingList.length = 0;
  }

  for (let v = 0; v < roots.length; v++) {
    const iv = roots[v];
    if (iv === undefined) continue;
    if (iv.ranges.length === 0) {
      roots[v] = undefined;
      continue;
    }
    finish(iv);
  }
  for (const f of fixed) {
    if (f === undefined) continue;
    f.from.reverse();
    f.to.reverse();
    f.owner.reverse();
  }
  for (const sites of clobberSites) sites.reverse();
  return { roots, opTemp, fixed, clobberSites, written };
}

// During the backward pass ranges, uses and hints are kept latest-first, so that the
// earliest range is the last pair and grows at the end of the array.

function isLive(iv: LiveInterval, pos: number): boolean {
  const r = iv.ranges;
  const n = r.length;
  return n > 0 && r[n - 2] <= pos && pos < r[n - 1];
}

function addRange(iv: LiveInterval, from: number, to: number): void {
  const r = iv.ranges;
  const n = r.length;
  if (n === 0 || to < r[n - 2]) {
    r.push(from, to);
    return;
  }
  if (from < r[n - 2]) r[n - 2] = from;
  if (to > r[n - 1]) r[n - 1] = to;
}

/** A def at `pos`: the value is live from there on, or, if nothing reads it, for a moment. */
function defineAt(iv: LiveInterval, pos: number, deadEnd: number): void {
  if (isLive(iv, pos)) iv.ranges[iv.ranges.length - 2] = pos;
  else addRange(iv, pos, deadEnd);
}

function finish(iv: LiveInterval): void {
  const r = iv.ranges;
  for (let i = 0, j = r.length - 2; i < j; i += 2, j -= 2) {
    const a = r[i];
    const b = r[i + 1];
    r[i] = r[j];
    r[i + 1] = r[j + 1];
    r[j] = a;
    r[j + 1] = b;
  }
  iv.updateBounds();
  iv.uses.reverse();
  const h = iv.hints;
  if (h === undefined) return;
  for (let i = 0, j = h.length - 3; i < j; i += 3, j -= 3) {
    for (let k = 0; k < 3; k++) {
      const t = h[i + k];
      h[i + k] = h[j + k];
      h[j + k] = t;
    }
  }
}
