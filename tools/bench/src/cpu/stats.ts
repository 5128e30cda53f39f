// Ratios and their geometric mean: the mean that treats "twice as slow" and "twice as
// fast" symmetrically, so one outlier program does not dominate the summary.

export function geometricMean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  if (values.some((v) => !(v > 0) || !Number.isFinite(v))) throw new RangeError('geometric mean needs finite positive values');
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/** a / b, or undefined when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
}
