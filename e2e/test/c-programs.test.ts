// The project's C test programs: compiled to wasm32-wasi with clang-14 and built with mewz,
// and natively with gcc; both must print the same bytes and exit with the same status.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { available, command, E2E_DIR, limiter, mewzBuild, type Outcome, run, tempDir } from './helpers';

const C_DIR = path.join(E2E_DIR, 'c');
const PROGRAMS = readdirSync(C_DIR)
  .filter((f) => f.endsWith('.c'))
  .map((f) => f.slice(0, -2))
  .sort();

const ARGS = ['one', 'two words', ''];
const ENV = { MEWZ_A: '1', MEWZ_EMPTY: '', MEWZ_SPACES: 'a b  c' };
const STDIN = 'the quick brown fox\njumps over  the lazy dog\n\nlast line without newline';

interface Built {
  clang: Outcome;
  gcc: Outcome;
  build: Outcome;
  native: string;
  image: string;
}

describe('C programs: mewz (clang-14 wasm32-wasi) against native gcc', () => {
  const { dir, cleanup } = tempDir('mewz-e2e-c-');
  afterAll(cleanup);
  const built = new Map<string, Promise<Built>>();

  /** clang + gcc, then mewz build, for one program. */
  async function prepare(name: string): Promise<Built> {
    const source = path.join(C_DIR, `${name}.c`);
    const wasm = path.join(dir, `${name}.wasm`);
    const native = path.join(dir, `${name}.native`);
    const image = path.join(dir, `${name}.mewz`);
    const [clang, gcc] = await Promise.all([
      command('clang-14', ['--target=wasm32-wasi', '-O2', source, '-o', wasm, '-lm']),
      command('gcc', ['-O2', source, '-o', native, '-lm']),
    ]);
    const build = clang.status === 0 ? await mewzBuild(wasm, image) : clang;
    return { clang, gcc, build, native, image };
  }

  beforeAll(() => {
    const missing = ['clang-14', 'gcc'].filter((t) => !available(t));
    if (missing.length > 0) {
      throw new Error(`${missing.join(', ')} not found: apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 gcc`);
    }
    // Every program is prepared up front, a few at a time; each test waits for its own.
    const limit = limiter(Math.max(2, Math.min(4, os.availableParallelism())));
    for (const name of PROGRAMS) {
      const pending = limit(() => prepare(name));
      pending.catch(() => {}); // reported by the program's own test
      built.set(name, pending);
    }
  });

  it('has at least ten programs', () => {
    expect(PROGRAMS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(PROGRAMS)('%s', async (name) => {
    const { clang, gcc, build, native, image } = await built.get(name)!;
    expect({ clang: clang.status, stderr: clang.stderr }).toEqual({ clang: 0, stderr: '' });
    expect({ gcc: gcc.status, stderr: gcc.stderr }).toEqual({ gcc: 0, stderr: '' });
    expect({ build: build.status, stderr: build.stderr }).toEqual({ build: 0, stderr: '' });
    const expected = run(native, ARGS, { env: ENV, input: STDIN });
    const actual = run(image, ARGS, { env: ENV, input: STDIN });
    expect(expected.signal).toBeNull();
    expect(actual).toEqual(expected);
  }, 600_000);
});
