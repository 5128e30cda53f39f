// The smallest guest RAM at which an image still runs correctly, by bisection: each probe
// is a whole boot, so the search asks log2(range) of them instead of walking every size.

export interface BisectResult {
  /** The smallest value that passed, or undefined when even `hi` failed. */
  smallest: number | undefined;
  /** Every probe in the order made: value and whether it passed. */
  probes: { value: number; ok: boolean }[];
}

/**
 * Smallest integer v in [lo, hi] with ok(v), assuming ok is monotonic (fails below some
 * size, passes from there up). `hi` is probed first, so a failure there ends the search.
 */
export async function smallestPassing(lo: number, hi: number, ok: (value: number) => Promise<boolean>): Promise<BisectResult> {
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 1 || hi < lo) throw new RangeError(`bad bisection range [${lo}, ${hi}]`);
  const probes: BisectResult['probes'] = [];
  const probe = async (value: number): Promise<boolean> => {
    const passed = await ok(value);
    probes.push({ value, ok: passed });
    return passed;
  };
  if (!(await probe(hi))) return { smallest: undefined, probes };
  // Invariant: hi passes; everything below lo is known (or assumed) to fail.
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = low + Math.floor((high - low) / 2);
    if (await probe(mid)) high = mid;
    else low = mid + 1;
  }
  return { smallest: high, probes };
}
