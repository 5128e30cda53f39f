import { MOD, Numbering, RegAllocError, USE } from './numbering.js';

const EMPTY: readonly number[] = Object.freeze([]);

/**
 * Which values are live into each block. Only "global" values (used in a block that
 * does not define them first) take part in the sets: most virtual registers of a
 * function live and die inside one block.
 */
export interface Liveness {
  /** Dense global number → vreg index. */
  readonly globals: Int32Array;
  /** Vreg index → dense global number, or -1. */
  readonly globalId: Int32Array;
  /** liveIn[b]: the globals live at the start of block b (not its parameters). */
  readonly liveIn: readonly (readonly number[])[];
  /** paramLive[paramBase[b] + k]: whether the value of parameter k of block b is used at all. */
  readonly paramBase: Int32Array;
  readonly paramLive: Uint8Array;
}

/** Iterative backward dataflow over blocks: in = gen ∪ (⋃ succ.in − kill). */
export function computeLiveness<I>(num: Numbering<I>): Liveness {
  const blocks = num.vcode.blocks;
  const nb = num.blockCount;
  const nv = num.vregCount;
  const first = num.firstVreg;
  const { opStart, opReg, opKind } = num;

  const paramBase = new Int32Array(nb + 1);
  for (let b = 0; b < nb; b++) paramBase[b + 1] = paramBase[b] + blocks[b].params.length;
  const paramUsedHere = new Uint8Array(paramBase[nb]);
  const paramRedefined = new Uint8Array(paramBase[nb]);

  // Forward scan per block: upward-exposed uses (gen) and definitions (kill).
  const defStamp = new Int32Array(nv).fill(-1);
  const genStamp = new Int32Array(nv).fill(-1);
  // paramOf[v] = paramBase slot of v while v still holds the value of a parameter of the current block.
  const paramOf = new Int32Array(nv).fill(-1);
  const paramStamp = new Int32Array(nv).fill(-1);
  const isGlobal = new Uint8Array(nv);
  const gen: number[] = [];
  const genStart = new Int32Array(nb + 1);
  const kill: number[] = [];
  const killStart = new Int32Array(nb + 1);

  const useOf = (v: number, b: number): void => {
    if (defStamp[v] !== b) {
      isGlobal[v] = 1;
      if (genStamp[v] !== b) {
        genStamp[v] = b;
        gen.push(v);
      }
    } else if (paramStamp[v] === b) {
      paramUsedHere[paramOf[v]] = 1;
    }
  };

  for (let b = 0; b < nb; b++) {
    genStart[b] = gen.length;
    killStart[b] = kill.length;
    const params = blocks[b].params;
    for (let k = 0; k < params.length; k++) {
      const v = params[k] - first;
      if (defStamp[v] !== b) kill.push(v);
      defStamp[v] = b;
      paramStamp[v] = b;
      paramOf[v] = paramBase[b] + k;
    }
    const end = num.header[b + 1];
    for (let index = num.header[b] + 1; index < end; index++) {
      const o1 = opStart[index + 1];
      for (let o = opStart[index]; o < o1; o++) {
        const kind = opKind[o];
        if ((kind === USE || kind === MOD) && opReg[o] >= first) useOf(opReg[o] - first, b);
      }
      for (let o = opStart[index]; o < o1; o++) {
        if (opKind[o] === USE || opReg[o] < first) continue;
        const v = opReg[o] - first;
        if (defStamp[v] !== b) kill.push(v);
        defStamp[v] = b;
        if (paramStamp[v] === b) paramRedefined[paramOf[v]] = 1;
        paramStamp[v] = -1;
      }
    }
    for (const succ of blocks[b].succs) for (const a of succ.args) useOf(a - first, b);
  }
  genStart[nb] = gen.length;
  killStart[nb] = kill.length;

  const globalId = new Int32Array(nv).fill(-1);
  let ng = 0;
  for (let v = 0; v < nv; v++) if (isGlobal[v]) globalId[v] = ng++;
  const globals = new Int32Array(ng);
  for (let v = 0; v < nv; v++) if (isGlobal[v]) globals[globalId[v]] = v;

  const liveIn: (readonly number[])[] = new Array<readonly number[]>(nb).fill(EMPTY);
  const paramLive = new Uint8Array(paramBase[nb]);
  if (ng > 0) {
    // Only globals are killed that matter; keep those kills.
    const killG: number[] = [];
    const killGStart = new Int32Array(nb + 1);
    for (let b = 0; b < nb; b++) {
      killGStart[b] = killG.length;
      for (let k = killStart[b]; k < killStart[b + 1]; k++) if (globalId[kill[k]] >= 0) killG.push(globalId[kill[k]]);
    }
    killGStart[nb] = killG.length;
    // A worklist of blocks, first in reverse layout order (roughly post-order); a block is
    // queued again when the live-in set of one of its successors grows. Sets are arrays
    // (in no particular order): their size is what is live, which stays small when the
    // function is big.
    const seen = new Int32Array(ng).fill(-1);
    const killed = new Int32Array(ng).fill(-1);
    const tmp: number[] = [];
    const queue = new Int32Array(nb + 1);
    const queued = new Uint8Array(nb).fill(1);
    for (let b = 0; b < nb; b++) queue[b] = nb - 1 - b;
    let head = 0;
    let tail = nb;
    let pending = nb;
    for (let visit = 0; pending > 0; visit++) {
      const b = queue[head];
      head = head === nb ? 0 : head + 1;
      pending--;
      queued[b] = 0;
      tmp.length = 0;
      for (let k = killGStart[b]; k < killGStart[b + 1]; k++) killed[killG[k]] = visit;
      for (const succ of blocks[b].succs) {
        for (const g of liveIn[succ.block]) {
          if (seen[g] === visit || killed[g] === visit) continue;
          seen[g] = visit;
          tmp.push(g);
        }
      }
      for (let k = genStart[b]; k < genStart[b + 1]; k++) {
        const g = globalId[gen[k]];
        if (seen[g] === visit) continue;
        seen[g] = visit;
        tmp.push(g);
      }
      const old = liveIn[b];
      // Sets only grow, so an unchanged size means an unchanged set.
      if (tmp.length === old.length) continue;
      liveIn[b] = tmp.slice();
      const edges = num.inEdges[b];
      for (let e = 0; e < edges.length; e += 2) {
        const p = edges[e];
        if (queued[p]) continue;
        queued[p] = 1;
        queue[tail] = p;
        tail = tail === nb ? 0 : tail + 1;
        pending++;
      }
    }
    for (let b = 0; b < nb; b++) {
      const params = blocks[b].params;
      if (params.length === 0) continue;
      for (const succ of blocks[b].succs) for (const g of liveIn[succ.block]) seen[g] = -2 - b;
      for (let k = 0; k < params.length; k++) {
        const g = globalId[params[k] - first];
        const slot = paramBase[b] + k;
        if (g >= 0 && !paramRedefined[slot] && seen[g] === -2 - b) paramLive[slot] = 1;
      }
    }
  }
  for (let k = 0; k < paramLive.length; k++) paramLive[k] |= paramUsedHere[k];

  if (liveIn[0].length > 0) {
    const names = liveIn[0].slice(0, 8).map((g) => `v${globals[g] + first}`);
    throw new RegAllocError(`${num.vcode.name}: virtual registers used before any definition: ${names.join(', ')}`);
  }
  return { globals, globalId, liveIn, paramBase, paramLive };
}
