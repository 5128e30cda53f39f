// The project's C test programs (e2e/c) in the unikernel: built with clang-14 for
// wasm32-wasi and `mewz build --target <target>`, booted with `mewz run`, and compared with
// the same program built natively by gcc: same stdout, stderr and exit status for the same
// arguments, environment and stdin.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { available, command, E2E_DIR, limiter, type Outcome, run, tempDir } from '../helpers';
import { skipReason, TARGETS } from './targets';
import { buildImage, compileC, runApp, textOf } from './unikernel';

// Each test builds images (tens of seconds on a loaded machine) and boots QEMU under TCG.
jest.setTimeout(300_000);

const C_DIR = path.join(E2E_DIR, 'c');
const PROGRAMS = readdirSync(C_DIR)
  .filter((f) => f.endsWith('.c'))
  .map((f) => f.slice(0, -2))
  .sort();

// The same inputs as the linux platform's differential test (c-programs.test.ts).
const ARGS = ['one', 'two words', ''];
const ENV: [string, string][] = [
  ['MEWZ_A', '1'],
  ['MEWZ_EMPTY', ''],
  ['MEWZ_SPACES', 'a b  c'],
];
const STDIN = 'the quick brown fox\njumps over  the lazy dog\n\nlast line without newline';

interface Result {
  steps: { step: string; out: Outcome }[];
  native?: Outcome;
  unikernel?: Outcome;
}

describe.each(TARGETS)('%s unikernel: C programs against native gcc', (target) => {
  const missing = ['clang-14', 'gcc'].filter((t) => !available(t));
  const skip = skipReason(target) ?? (missing.length > 0 ? `${missing.join(', ')} not installed (apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 gcc)` : undefined);
  if (skip) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }
  const { dir, cleanup } = tempDir(`mewz-e2e-c-${target}-`);
  afterAll(cleanup);
  const results = new Map<string, Promise<Result>>();

  /** Compile both ways, build the image, run both; the first failing step ends it. */
  async function prepare(name: string): Promise<Result> {
    const source = path.join(C_DIR, `${name}.c`);
    const wasm = path.join(dir, `${name}.wasm`);
    const native = path.join(dir, `${name}.native`);
    const image = path.join(dir, `${name}.img`);
    const steps: Result['steps'] = [];
    const [clang, gcc] = await Promise.all([compileC(source, wasm), command('gcc', ['-O2', source, '-o', native, '-lm'])]);
    steps.push({ step: 'clang-14', out: clang }, { step: 'gcc', out: gcc });
    if (clang.status !== 0 || gcc.status !== 0) return { steps };
    const build = await buildImage(wasm, image, target);
    steps.push({ step: 'mewz build', out: build });
    if (build.status !== 0) return { steps };
    const nativeRun = run(native, ARGS, { env: Object.fromEntries(ENV), input: STDIN });
    const unikernel = await runApp(image, target, { args: ARGS, env: ENV, input: STDIN });
    return { steps, native: nativeRun, unikernel };
  }

  beforeAll(() => {
    // Every program is prepared up front, two at a time (compiles and boots are CPU-bound).
    const limit = limiter(2);
    for (const name of PROGRAMS) {
      const pending = limit(() => prepare(name));
      pending.catch(() => {}); // reported by the program's own test
      results.set(name, pending);
    }
  });

  it('has at least ten programs', () => {
    expect(PROGRAMS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(PROGRAMS)('%s', async (name) => {
    const { steps, native, unikernel } = await results.get(name)!;
    for (const { step, out } of steps) expect({ step, status: out.status, stderr: out.stderr }).toEqual({ step, status: 0, stderr: '' });
    expect(native!.signal).toBeNull();
    expect(textOf(unikernel!)).toEqual(textOf(native!));
  }, 900_000);
});
