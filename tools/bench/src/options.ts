// Option values arrive as strings from the command line; suites convert them here so
// that a bad value is a one-line usage error rather than a NaN deep inside a run.

export function positiveNumber(value: unknown, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got '${String(value)}'`);
  return n;
}

export function positiveInteger(value: unknown, name: string): number {
  const n = nonNegativeInteger(value, name);
  if (n === 0) throw new UsageError(`--${name} must be at least 1`);
  return n;
}

export function nonNegativeInteger(value: unknown, name: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got '${String(value)}'`);
  return n;
}

/** A bad option value: reported as a usage error, without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
