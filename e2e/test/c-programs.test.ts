// The project's C test programs: compiled to wasm32-wasi with clang-14 and built with mewz
// for each ISA of the linux platform, and natively with gcc; every build must print the
// same bytes and exit with the same status as gcc's. A foreign ISA's executables run under
// qemu-user (aarch64 on an x86_64 host).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { available, cannotRun, command, E2E_DIR, limiter, LINUX_TARGETS, linuxRunner, type LinuxTarget, mewzBuild, type Outcome, run, tempDir } from './helpers';

const C_DIR = path.join(E2E_DIR, 'c');
const PROGRAMS = readdirSync(C_DIR)
  .filter((f) => f.endsWith('.c'))
  .map((f) => f.slice(0, -2))
  .sort();

const ARGS = ['one', 'two words', ''];
const ENV = { MEWZ_A: '1', MEWZ_EMPTY: '', MEWZ_SPACES: 'a b  c' };
const STDIN = 'the quick brown fox\njumps over  the lazy dog\n\nlast line without newline';

interface Compiled {
  clang: Outcome;
  gcc: Outcome;
  wasm: string;
  native: string;
}

const { dir, cleanup } = tempDir('mewz-e2e-c-');
afterAll(cleanup);
// Builds are CPU-bound and the machine has 2 cores: one limiter for every compile.
const limit = limiter(Math.max(2, Math.min(4, os.availableParallelism())));
const compiled = new Map<string, Promise<Compiled>>();
/** clang (wasm32-wasi) and gcc for one program, once for every target. */
function compile(name: string): Promise<Compiled> {
  let pending = compiled.get(name);
  if (pending === undefined) {
    const source = path.join(C_DIR, `${name}.c`);
    const wasm = path.join(dir, `${name}.wasm`);
    const native = path.join(dir, `${name}.native`);
    pending = limit(async () => {
      const [clang, gcc] = await Promise.all([
        command('clang-14', ['--target=wasm32-wasi', '-O2', source, '-o', wasm, '-lm']),
        command('gcc', ['-O2', source, '-o', native, '-lm']),
      ]);
      return { clang, gcc, wasm, native };
    });
    compiled.set(name, pending);
  }
  return pending;
}

beforeAll(() => {
  const missing = ['clang-14', 'gcc'].filter((t) => !available(t));
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} not found: apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 gcc`);
  }
});

it('has at least ten programs', () => {
  expect(PROGRAMS.length).toBeGreaterThanOrEqual(10);
});

const TARGETS = LINUX_TARGETS.map((target) => ({ target, runner: linuxRunner(target) }));
for (const { target, runner } of TARGETS) if (runner === undefined) console.log(`skipped the C programs on ${target}: ${cannotRun(target)}`);

describe.each(TARGETS)('C programs on linux-$target: mewz (clang-14 wasm32-wasi) against native gcc', ({ target, runner }: { target: LinuxTarget; runner: { prefix: string[] } | undefined }) => {
  const built = new Map<string, Promise<Outcome & { image: string }>>();

  beforeAll(() => {
    if (runner === undefined) return;
    // Every program is prepared up front, a few at a time; each test waits for its own.
    for (const name of PROGRAMS) {
      const image = path.join(dir, `${name}.${target}.mewz`);
      const pending = compile(name).then(async ({ clang, wasm }) => ({ ...(clang.status === 0 ? await limit(() => mewzBuild(wasm, image, [], target)) : clang), image }));
      pending.catch(() => {}); // reported by the program's own test
      built.set(name, pending);
    }
  });

  (runner === undefined ? it.skip : it).each(PROGRAMS)('%s', async (name) => {
    const { clang, gcc, native } = await compile(name);
    const build = await built.get(name)!;
    expect({ clang: clang.status, stderr: clang.stderr }).toEqual({ clang: 0, stderr: '' });
    expect({ gcc: gcc.status, stderr: gcc.stderr }).toEqual({ gcc: 0, stderr: '' });
    expect({ build: build.status, stderr: build.stderr }).toEqual({ build: 0, stderr: '' });
    const expected = run(native, ARGS, { env: ENV, input: STDIN });
    const actual = run(build.image, ARGS, { env: ENV, input: STDIN, prefix: runner!.prefix });
    expect(expected.signal).toBeNull();
    expect(actual).toEqual(expected);
  }, 600_000);
});
