/** Sizes in the config: a byte count, or a number with a binary unit ("64MiB", "1.5GiB"). */

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  k: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
};

/** Decimal units are refused: "64MB" means 64 000 000 to some and 64 MiB to others. */
const AMBIGUOUS: Readonly<Record<string, string>> = { kb: 'KiB', mb: 'MiB', gb: 'GiB' };

export type SizeResult = { bytes: number } | { error: string };

export function parseSize(value: number | string): SizeResult {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? { bytes: value } : { error: `must be a whole number of bytes, got ${value}` };
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(value);
  if (!match) {
    return { error: `"${value}" is not a size; write a number of bytes or a number with a unit, like "64MiB"` };
  }
  const [, number, unit] = match;
  const lower = unit.toLowerCase();
  if (lower in AMBIGUOUS) {
    return { error: `"${value}": the unit "${unit}" is ambiguous; did you mean "${number}${AMBIGUOUS[lower]}"?` };
  }
  const scale = unit === '' ? 1 : UNITS[lower];
  if (scale === undefined) {
    return { error: `"${value}": unknown unit "${unit}"; use B, KiB, MiB or GiB` };
  }
  const bytes = Number(number) * scale;
  if (!Number.isSafeInteger(bytes)) {
    return { error: `"${value}" is not a whole number of bytes` };
  }
  return { bytes };
}

/** The shortest exact spelling of a size: "64MiB", "1536KiB", "100". */
export function formatSize(bytes: number): string {
  for (const [unit, scale] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= scale && bytes % scale === 0) return `${bytes / scale}${unit}`;
  }
  return String(bytes);
}
