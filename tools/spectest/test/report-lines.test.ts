import { parseReport } from '../src/native/report-lines.js';

const normal = { status: 0, signal: null, stderr: '' };

describe('the report of a native executable', () => {
  it('reads results, traps and entries that did not run', () => {
    const out = ['0 0 ok', '1 4 ok 000000000000002a 7ff8000000000000', '2 5 trap 4 12', '3 6 not-run', ''].join('\n');
    expect(parseReport(out, 4, normal)).toEqual([
      { kind: 'returned', bits: [] },
      { kind: 'returned', bits: [42n, 0x7ff8000000000000n] },
      { kind: 'trapped', code: 4, funcIndex: 12 },
      { kind: 'not-run' },
    ]);
  });

  it('puts the end of a process that died on the entry it was running, and says the rest never ran', () => {
    const out = '0 0 ok\n1 3 ok 0000';
    const died = { status: null, signal: 'SIGSEGV', stderr: '' };
    expect(parseReport(out, 3, died)).toEqual([
      { kind: 'returned', bits: [] },
      { kind: 'lost', why: 'the process ended while running this (killed by SIGSEGV)' },
      { kind: 'lost', why: 'not run: the process ended at entry 1 (killed by SIGSEGV)' },
    ]);
  });

  it('quotes stderr and timeouts', () => {
    const end = { status: 134, signal: null, stderr: 'trap: unreachable in m0.f3\n' };
    expect(parseReport('', 1, end)).toEqual([{ kind: 'lost', why: 'the process ended while running this (exit status 134: trap: unreachable in m0.f3)' }]);
    const timedOut = { status: null, signal: 'SIGTERM', stderr: '', error: 'timed out after 120 s' };
    expect(parseReport('', 1, timedOut)[0]).toEqual({ kind: 'lost', why: 'the process ended while running this (timed out after 120 s)' });
  });

  it('rejects lines out of order or of another shape', () => {
    expect(() => parseReport('1 0 ok\n', 2, normal)).toThrow('expected entry 0');
    expect(() => parseReport('0 0 fine\n', 1, normal)).toThrow('unexpected report line');
    expect(() => parseReport('0 0 ok\n1 0 ok\n', 1, normal)).toThrow('of 1');
  });
});
