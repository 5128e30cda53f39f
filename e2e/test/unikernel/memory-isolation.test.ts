// Memory isolation: an app that grows its memory to the maximum and writes every byte of it
// cannot disturb the kernel (its WASI calls, clocks and exit still work), and every store
// outside its memory traps instead of landing somewhere.
import path from 'node:path';
import { limiter, tempDir } from '../helpers';
import { skipReason, TARGETS } from './targets';
import { APPS_DIR, buildImage, expectBuilt, runApp, textOf, TRAP_STATUS } from './unikernel';

// Each test builds images (tens of seconds on a loaded machine) and boots QEMU under TCG.
jest.setTimeout(300_000);

/** The default maximum (config memory.max, 64 MiB) in 64 KiB pages: the app declares none. */
const MAX_PAGES = 1024;

const OUT_OF_BOUNDS: [what: string, arg: string, fn: string][] = [
  ['the first byte past the end', 'a', 'poke_end'],
  ['a word straddling the end', 'b', 'poke_straddle'],
  ['address 0xffffffff', 'c', 'poke_top'],
  ['an offset immediate past 4 GiB', 'd', 'poke_offset'],
  ['beyond the guard after the end', 'e', 'poke_guard'],
];

describe.each(TARGETS)('%s unikernel: memory isolation', (target) => {
  const skip = skipReason(target);
  if (skip) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }
  const { dir, cleanup } = tempDir(`mewz-e2e-memory-${target}-`);
  afterAll(cleanup);
  const image = path.join(dir, 'fill-memory.img');
  const runs = new Map<string, ReturnType<typeof runApp>>();

  beforeAll(async () => {
    expectBuilt('mewz build fill-memory.wat', await buildImage(path.join(APPS_DIR, 'fill-memory.wat'), image, target));
    // Independent boots, two at a time; each test waits for its own.
    const limit = limiter(2);
    for (const arg of ['', ...OUT_OF_BOUNDS.map(([, a]) => a)]) {
      const pending = limit(() => runApp(image, target, { args: arg ? [arg] : [] }));
      pending.catch(() => {}); // reported by the case's own test
      runs.set(arg, pending);
    }
  }, 300_000);

  it('writing every byte of the largest memory leaves the kernel working', async () => {
    const r = await runs.get('')!;
    expect(textOf(r)).toEqual({
      status: 7,
      stdout: `pages ${MAX_PAGES}\nmismatches 0\nclocks ok 1\nrandom ok 1\nintact after calls 1\n`,
      stderr: '',
    });
  }, 300_000);

  it('when guest RAM runs out before the maximum, memory.grow fails with -1 and the kernel still works', async () => {
    // 16 MiB of guest RAM cannot hold a 64 MiB memory: growing must stop short, not panic.
    const r = await runApp(image, target, { memory: '16MiB' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 7, stderr: '' });
    const pages = Number(/^pages (\d+)\n/.exec(r.stdout)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThan(MAX_PAGES);
    expect(r.stdout).toBe(`pages ${pages}\nmismatches 0\nclocks ok 1\nrandom ok 1\nintact after calls 1\n`);
  });

  it.each(OUT_OF_BOUNDS)('a store at %s traps', async (_what, arg, fn) => {
    const r = await runs.get(arg)!;
    expect(textOf(r)).toEqual({ status: TRAP_STATUS, stdout: `pages ${MAX_PAGES}\n`, stderr: `trap: out of bounds memory access in ${fn}\n` });
  }, 300_000);
});
