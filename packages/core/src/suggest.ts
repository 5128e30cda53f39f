/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two strings. */
export function editDistance(a: string, b: string): number {
  // Optimal string alignment: a swapped pair of letters ("stakc") counts as one typo.
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * Every candidate close enough to `word` to be a plausible typo, closest first (ties in
 * the candidates' order): a few edits (scaled with length), a different letter case, or a
 * prefix (`x86` for `x86_64`).
 */
export function closeMatches(word: string, candidates: Iterable<string>): string[] {
  const lower = word.toLowerCase();
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const other = candidate.toLowerCase();
    let score = editDistance(lower, other);
    const limit = Math.max(1, Math.min(3, Math.floor(Math.max(lower.length, other.length) / 3)));
    const prefix = Math.min(lower.length, other.length) >= 3 && (other.startsWith(lower) || lower.startsWith(other));
    if (score > limit && !prefix) continue;
    if (prefix) score = Math.min(score, 0.5);
    scored.push({ candidate, score });
  }
  // Array.prototype.sort is stable: equal scores keep the candidates' order.
  return scored.sort((a, b) => a.score - b.score).map((s) => s.candidate);
}

/** The candidate closest to `word`, if it is close enough to be a plausible typo (see closeMatches). */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  return closeMatches(word, candidates)[0];
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : `; did you mean "${match}"?`;
}
