import { runBench } from '../src/run.js';
import { SUITES } from '../src/suites/index.js';

// The suite itself compiles and runs programs for minutes; only its option handling is
// tested here, which fails before anything is built.
describe('cpu suite options', () => {
  const io = (err: string[]) => ({ out: () => undefined, err: (l: string) => err.push(l), cwd: __dirname, now: () => new Date(), debug: false });

  test('is registered', () => {
    expect(SUITES.map((s) => s.name)).toContain('cpu');
  });

  test('bad values are usage errors', async () => {
    const err: string[] = [];
    expect(await runBench(['cpu', '--runs', '0', '--no-record'], io(err))).toBe(2);
    expect(err[0]).toContain('--runs must be at least 1');
    err.length = 0;
    expect(await runBench(['cpu', '--variants', 'v8', '--no-record'], io(err))).toBe(2);
    expect(err[0]).toContain('unknown variant(s) v8');
    err.length = 0;
    expect(await runBench(['cpu', '--programs', 'doom', '--no-record'], io(err))).toBe(2);
    expect(err[0]).toContain('unknown program(s) doom');
  });
});
