import type { Numbering } from './numbering.js';

/** How many block starts a split-position search looks back at, to stay linear. */
const LOOKBACK_BLOCKS = 64;

/**
 * Chooses where a value moves to another location, within (lo, hi]: a move point of an
 * instruction or a block start (multiples of 4). Prefers the lowest loop depth, so that
 * spill stores and reloads land outside loops: a split at a loop header's start costs
 * copies on the edges into it, which for the entry edge are outside the loop. Among equal
 * depths the latest position wins. Returns -1 if (lo, hi] holds no such position.
 */
export function chooseSplitPos<I>(num: Numbering<I>, lo: number, hi: number): number {
  let best = hi & ~3;
  if (best <= lo) return -1;
  const lastBlock = num.blockOfIndex[best >> 2];
  let bestDepth = num.loopDepth[lastBlock];
  for (let b = lastBlock, steps = 0; bestDepth > 0 && b >= 0 && steps < LOOKBACK_BLOCKS; b--, steps++) {
    const start = num.header[b] * 4;
    if (start <= lo) break;
    const depth = num.loopDepth[b] - num.loopHeader[b];
    if (depth < bestDepth) {
      best = start;
      bestDepth = depth;
    }
  }
  return best;
}
