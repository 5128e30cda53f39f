import { MOD, Numbering, RegAllocError, USE } from './numbering.js';

/**
 * Which values are live into each block. Only "global" values (used in a block that
 * does not define them first) take part in the bit sets, which keeps them small: most
 * virtual registers of a function live and die inside one block.
 */
export interface Liveness {
  /** Dense global number → vreg index. */
  readonly globals: Int32Array;
  /** Vreg index → dense global number, or -1. */
  readonly globalId: Int32Array;
  /** 32-bit words per block set. */
  readonly words: number;
  /** liveIn[b * words + w]: bit set of the globals live at the start of block b (not its parameters). */
  readonly liveIn: Uint32Array;
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

  const words = (ng + 31) >>> 5;
  const liveIn = new Uint32Array(nb * words);
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
    // queued again when the live-in set of one of its successors grows.
    const tmp = new Uint32Array(words);
    const queue = new Int32Array(nb + 1);
    const queued = new Uint8Array(nb).fill(1);
    for (let b = 0; b < nb; b++) queue[b] = nb - 1 - b;
    let head = 0;
    let tail = nb;
    let pending = nb;
    while (pending > 0) {
      const b = queue[head];
      head = head === nb ? 0 : head + 1;
      pending--;
      queued[b] = 0;
      tmp.fill(0);
      for (const succ of blocks[b].succs) {
        const base = succ.block * words;
        for (let w = 0; w < words; w++) tmp[w] |= liveIn[base + w];
      }
      for (let k = killGStart[b]; k < killGStart[b + 1]; k++) tmp[killG[k] >>> 5] &= ~(1 << (killG[k] & 31));
      for (let k = genStart[b]; k < genStart[b + 1]; k++) {
        const g = globalId[gen[k]];
        tmp[g >>> 5] |= 1 << (g & 31);
      }
      const base = b * words;
      let changed = false;
      for (let w = 0; w < words; w++) {
        if (liveIn[base + w] !== tmp[w]) {
          changed = true;
          break;
        }
      }
      if (!changed) continue;
      liveIn.set(tmp, base);
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
    const out = new Uint32Array(words);
    for (let b = 0; b < nb; b++) {
      const params = blocks[b].params;
      if (params.length === 0) continue;
      liveOutInto(blocks[b].succs, liveIn, words, out);
      for (let k = 0; k < params.length; k++) {
        const g = globalId[params[k] - first];
        const slot = paramBase[b] + k;
        if (g >= 0 && !paramRedefined[slot] && (out[g >>> 5] & (1 << (g & 31))) !== 0) paramLive[slot] = 1;
      }
    }
  }
  for (let k = 0; k < paramLive.length; k++) paramLive[k] |= paramUsedHere[k];

  const entry = [];
  for (let w = 0; w < words; w++) {
    for (let bits = liveIn[w]; bits !== 0; bits &= bits - 1) {
      entry.push(globals[(w << 5) + (31 - Math.clz32(bits & -bits))] + first);
      if (entry.length >= 8) break;
    }
  }
  if (entry.length > 0) {
    throw new RegAllocError(`${num.vcode.name}: virtual registers used before any definition: ${entry.map((r) => `v${r}`).join(', ')}`);
  }
  return { globals, globalId, words, liveIn, paramBase, paramLive };
}

/** out = union of the live-in sets of the successors. */
export function liveOutInto(succs: readonly { block: number }[], liveIn: Uint32Array, words: number, out: Uint32Array): void {
  out.fill(0);
  for (const succ of succs) {
    const base = succ.block * words;
    for (let w = 0; w < words; w++) out[w] |= liveIn[base + w];
  }
}
