import type { ExecResult } from '../src/cpu/exec.js';
import { roundOrder, timeInRounds } from '../src/cpu/timer.js';

/** A fake process runner: each command's runs take the times listed for it, in order. */
function fakeRunner(plan: Record<string, Array<{ ms: number; cpuMs?: number; stdout?: string }>>) {
  const calls: string[] = [];
  const run = (argv: readonly string[]): ExecResult => {
    const name = argv[0];
    calls.push(name);
    const next = plan[name].shift();
    if (!next) throw new Error(`${name} ran too often`);
    return { argv, status: 0, signal: null, stdout: next.stdout ?? 'ok\n', stderr: '', ms: next.ms, cpuMs: next.cpuMs };
  };
  return { run, calls };
}

describe('timeInRounds', () => {
  test('round order rotates so that no command is always first', () => {
    expect(roundOrder(3, 0)).toEqual([0, 1, 2]);
    expect(roundOrder(3, 1)).toEqual([1, 2, 0]);
    expect(roundOrder(3, 5)).toEqual([2, 0, 1]);
  });

  test('interleaves commands, leaves warm-up rounds out, medians wall and CPU time', () => {
    const { run, calls } = fakeRunner({
      a: [{ ms: 99, cpuMs: 99 }, { ms: 10, cpuMs: 8 }, { ms: 30, cpuMs: 9 }, { ms: 20, cpuMs: 7 }],
      b: [{ ms: 99 }, { ms: 5 }, { ms: 6 }, { ms: 7 }],
    });
    const result = timeInRounds(
      [
        { id: 'a', command: ['a'] },
        { id: 'b', command: ['b'] },
      ],
      { runs: 3, warmup: 1, timeoutMs: 1000 },
      () => undefined,
      run,
    );
    expect(calls).toEqual(['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
    expect(result.get('a')).toEqual({ kind: 'timed', runsMs: [10, 30, 20], medianMs: 20, minMs: 10, maxMs: 30, cpuMedianMs: 8 });
    // b's runs report no CPU time, so it has no CPU median.
    expect(result.get('b')).toMatchObject({ kind: 'timed', runsMs: [5, 6, 7], medianMs: 6, cpuMedianMs: undefined });
  });

  test('a run that the check rejects drops its command from the later rounds', () => {
    const { run, calls } = fakeRunner({
      good: [{ ms: 1 }, { ms: 2 }, { ms: 3 }],
      flaky: [{ ms: 1 }, { ms: 1, stdout: 'garbage\n' }],
    });
    const result = timeInRounds(
      [
        { id: 'good', command: ['good'] },
        { id: 'flaky', command: ['flaky'] },
      ],
      { runs: 3, warmup: 0, timeoutMs: 1000 },
      (_id, r) => (r.stdout === 'ok\n' ? undefined : `stdout was ${JSON.stringify(r.stdout)}`),
      run,
    );
    expect(calls.filter((c) => c === 'flaky')).toHaveLength(2);
    expect(result.get('flaky')).toEqual({ kind: 'failed', reason: 'stdout was "garbage\\n"', round: 1 });
    expect(result.get('good')).toMatchObject({ kind: 'timed', runsMs: [1, 2, 3] });
  });
});
