// Every variant must compute what the native build computes: same stdout (the programs
// print their checksums there) and same exit status. A difference is a correctness
// failure, reported loudly and not timed.

export interface ProcessOutput {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: string | null;
  error?: string;
}

/** Undefined when `actual` matches `reference`; otherwise why not, in one line. */
export function compareOutput(reference: ProcessOutput, actual: ProcessOutput): string | undefined {
  if (actual.error || actual.signal || actual.status !== reference.status) {
    const end = actual.error ?? (actual.signal ? `killed by ${actual.signal}` : `exit status ${String(actual.status)}`);
    const said = firstNonEmpty(actual.stderr);
    return `${end} (expected exit status ${String(reference.status)})${said ? `: ${said}` : ''}`;
  }
  if (actual.stdout === reference.stdout) return undefined;
  const want = reference.stdout.split('\n');
  const got = actual.stdout.split('\n');
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] !== got[i]) return `stdout differs at line ${i + 1}: expected ${show(want[i])}, got ${show(got[i])}`;
  }
  return 'stdout differs'; // unreachable: equal line lists mean equal text
}

function show(line: string | undefined): string {
  if (line === undefined) return 'end of output';
  const cut = line.length > 120 ? `${line.slice(0, 120)}…` : line;
  return JSON.stringify(cut);
}

function firstNonEmpty(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
