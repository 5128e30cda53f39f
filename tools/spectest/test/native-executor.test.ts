import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir } from '@mewz/core';
import { NativeExecutor } from '../src/native/native-executor.js';
import { nativeTarget } from '../src/native/target.js';
import { listScripts, runSuite } from '../src/runner.js';
import { EXPECTED, writeFixture } from './script-fixture.js';

// Every target judges the fixture script alike (aarch64 under qemu-aarch64 on another host).
const TARGETS = ['x86_64', 'aarch64'].map((target) => ({ target, unavailable: nativeTarget(target).unavailable() }));
for (const { target, unavailable } of TARGETS) if (unavailable !== undefined) console.log(`skipped the native spectest mode test on ${target}: ${unavailable}`);

describe.each(TARGETS)('run mode on $target', ({ target, unavailable }) => {
  if (unavailable !== undefined) {
    it.skip(`cannot run here: ${unavailable}`, () => {});
    return;
  }
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spectest-native-'));
    await writeFixture(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds one executable for the script, runs it and judges it as the interpreter mode does', async () => {
    const keepDir = join(dir, 'kept');
    const executor = new NativeExecutor({ target, opt: 1, kernelCacheDir: defaultCacheDir(), keepDir, jobs: 0 });
    const suite = await runSuite(listScripts(dir, { only: [], exclude: [] }), executor);
    expect(suite.failures.map((f) => [f.line, f.message])).toEqual(EXPECTED.failures);
    expect(suite.scripts).toEqual(EXPECTED.scripts);
    // The kept executable and its listing: the host module, then the script's modules and actions.
    expect(readdirSync(keepDir).sort()).toEqual(['script', 'script.entries']);
    const listing = readFileSync(join(keepDir, 'script.entries'), 'utf8').split('\n');
    expect(listing[0]).toBe('0 0 instantiate the host module');
    expect(listing).toContain('5 6 invoke m0 t');
    expect(listing.some((l) => / 21 check sizes: import "c" "m" wants memory 2, got 1$/.test(l))).toBe(true);
  }, 120_000);
});
