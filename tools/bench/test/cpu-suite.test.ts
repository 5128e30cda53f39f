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

describe('cpu-aarch64 suite', () => {
  const io = (out: string[], err: string[]) => ({ out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd: __dirname, now: () => new Date(), debug: false });

  test('is registered, with no Node variant to ask for', async () => {
    expect(SUITES.map((s) => s.name)).toContain('cpu-aarch64');
    const out: string[] = [];
    const err: string[] = [];
    expect(await runBench(['cpu-aarch64', '--variants', 'node', '--no-record'], io(out, err))).toBe(2);
    expect(err[0]).toContain('no Node variant on aarch64');
  });

  test('skips, exit 0 with the reason, when the cross compiler or qemu-aarch64 is missing', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent'; // neither tool can be found
    try {
      const status = await runBench(['cpu-aarch64', '--no-record'], io(out, err));
      expect({ status, err }).toEqual({ status: 0, err: [] });
    } finally {
      process.env.PATH = savedPath;
    }
    expect(out.join('\n')).toMatch(/bench cpu-aarch64: skipped: aarch64: not found: aarch64-linux-gnu-gcc .*qemu-aarch64/);
  });
});
