/** The location a cycle is broken through; the caller decides what it is. */
export const TEMP = -1;

/**
 * Orders a parallel copy — every source is read before any destination is written —
 * into sequential copies. Locations are numbers; destinations must be distinct.
 * Copies whose destination nobody else still reads go first; what remains are cycles,
 * each broken by saving one location to TEMP. Returns flat [dst, src, dst, src, ...].
 */
export function sequentializeMoves(dsts: readonly number[], srcs: readonly number[]): number[] {
  const n = dsts.length;
  if (n === 1) return dsts[0] === srcs[0] ? [] : [dsts[0], srcs[0]];
  if (n === 2 && dsts[0] !== dsts[1]) {
    // Two copies: in order, in reverse order, or a swap.
    if (dsts[0] !== srcs[1]) return compact([dsts[0], srcs[0], dsts[1], srcs[1]]);
    if (dsts[1] !== srcs[0]) return compact([dsts[1], srcs[1], dsts[0], srcs[0]]);
  }
  const out: number[] = [];
  const src = srcs.slice();
  const pending = new Uint8Array(n);
  const readers = new Map<number, number>();
  const byDst = new Map<number, number>();
  let remaining = 0;
  for (let i = 0; i < n; i++) {
    if (dsts[i] === src[i]) continue;
    const other = byDst.get(dsts[i]);
    if (other !== undefined) {
      if (src[other] === src[i]) continue;
      throw new Error(`internal: parallel move writes location ${dsts[i]} twice`);
    }
    byDst.set(dsts[i], i);
    pending[i] = 1;
    remaining++;
    readers.set(src[i], (readers.get(src[i]) ?? 0) + 1);
  }
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (pending[i] && !readers.get(dsts[i])) ready.push(i);

  while (remaining > 0) {
    while (ready.length > 0) {
      const i = ready.pop() as number;
      out.push(dsts[i], src[i]);
      pending[i] = 0;
      remaining--;
      const left = (readers.get(src[i]) as number) - 1;
      readers.set(src[i], left);
      if (left === 0) {
        const j = byDst.get(src[i]);
        if (j !== undefined && pending[j]) ready.push(j);
      }
    }
    if (remaining === 0) break;
    // Only cycles are left: every pending destination is the source of exactly one pending copy.
    let i = 0;
    while (!pending[i]) i++;
    const d = dsts[i];
    out.push(TEMP, d);
    for (let j = 0; j < n; j++) {
      if (pending[j] && src[j] === d) {
        src[j] = TEMP;
        readers.set(TEMP, (readers.get(TEMP) ?? 0) + 1);
      }
    }
    readers.set(d, 0);
    ready.push(i);
  }
  return out;
}

/** Drops copies of a location to itself from a flat [dst, src, …] list. */
function compact(seq: number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < seq.length; k += 2) if (seq[k] !== seq[k + 1]) out.push(seq[k], seq[k + 1]);
  return out;
}
