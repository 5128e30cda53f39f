/**
 * What a native spec image prints (runtime/index.ts: one line per command-table entry)
 * read back into one result per entry.
 */

export type EntryResult =
  | { kind: 'returned'; bits: bigint[] }
  | { kind: 'trapped'; code: number; funcIndex: number }
  /** The entry it depends on did not return. */
  | { kind: 'not-run' }
  /** No line: the process died before reporting it, or never got there. */
  | { kind: 'lost'; why: string };

/** How the process ended. */
export interface ProcessEnd {
  status: number | null;
  signal: string | null;
  stderr: string;
  /** Why it could not be run or was stopped (a timeout). */
  error?: string;
}

const LINE = /^(\d+) (\d+) (?:(ok)((?: [0-9a-f]{16})*)|trap (\d+) (\d+)|(not-run))$/;

export function describeEnd(end: ProcessEnd): string {
  const how = end.error ?? (end.signal !== null ? `killed by ${end.signal}` : `exit status ${end.status}`);
  const stderr = end.stderr.trim();
  return stderr === '' ? how : `${how}: ${stderr.split('\n').slice(0, 3).join(' | ')}`;
}

/**
 * One result per entry. Lines must come in entry order; the first entry without a line
 * is where the process died, the ones after it never ran.
 */
export function parseReport(stdout: string, entries: number, end: ProcessEnd): EntryResult[] {
  const results: EntryResult[] = [];
  const lines = stdout.split('\n');
  // A line without its newline was cut off by the process ending.
  lines.pop();
  for (const text of lines) {
    const m = LINE.exec(text);
    if (m === null || Number(m[1]) !== results.length || results.length >= entries) {
      throw new Error(`unexpected report line ${JSON.stringify(text)} (expected entry ${results.length} of ${entries})`);
    }
    if (m[3] !== undefined) {
      const words = m[4].trim();
      results.push({ kind: 'returned', bits: words === '' ? [] : words.split(' ').map((w) => BigInt(`0x${w}`)) });
    } else if (m[5] !== undefined) {
      results.push({ kind: 'trapped', code: Number(m[5]), funcIndex: Number(m[6]) });
    } else {
      results.push({ kind: 'not-run' });
    }
  }
  const died = results.length;
  const how = describeEnd(end);
  for (let i = died; i < entries; i++) {
    results.push({ kind: 'lost', why: i === died ? `the process ended while running this (${how})` : `not run: the process ended at entry ${died} (${how})` });
  }
  return results;
}
