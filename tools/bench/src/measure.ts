/** Timing of one phase: every run kept, so reports can show spread as well as the median. */
export interface Timing {
  label: string;
  /** Milliseconds, in run order. */
  runsMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface MeasureOptions {
  runs: number;
  /** Untimed runs first, so the JIT has compiled the hot paths before we time them. */
  warmup: number;
}

/** Times `fn` `runs` times after `warmup` untimed calls. The result of each call is kept alive until the next. */
export function measure<T>(label: string, fn: () => T, options: MeasureOptions, now: () => number = () => performance.now()): Timing {
  if (options.runs < 1) throw new RangeError('runs must be at least 1');
  let sink: T | undefined;
  for (let i = 0; i < options.warmup; i++) sink = fn();
  const runsMs: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = now();
    sink = fn();
    runsMs.push(now() - start);
  }
  void sink;
  return { label, runsMs, medianMs: median(runsMs), minMs: Math.min(...runsMs), maxMs: Math.max(...runsMs) };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Megabytes (10^6 bytes) per second. */
export function throughputMBps(bytes: number, ms: number): number {
  return ms > 0 ? bytes / 1e6 / (ms / 1000) : Infinity;
}
