import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir } from '@mewz/core';
import { NativeExecutor } from '../src/native/native-executor.js';
import { nativeTarget } from '../src/native/target.js';
import { listScripts, runSuite } from '../src/runner.js';
import { EXPECTED, writeFixture } from './script-fixture.js';

const unavailable = nativeTarget('x86_64').unavailable();
if (unavailable !== undefined) console.log(`skipped the native spectest mode test: ${unavailable}`);

(unavailable === undefined ? describe : describe.skip)('run mode on x86_64', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spectest-native-'));
    await writeFixture(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds one executable for the script, runs it and judges it as the interpreter mode does', async () => {
    const keepDir = join(dir, 'kept');
    const executor = new NativeExecutor({ target: 'x86_64', opt: 1, kernelCacheDir: defaultCacheDir(), keepDir, jobs: 0 });
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
