/**
 * The official spec suite compiled for aarch64 through the product path: tools/spectest's
 * native runner with `--target=aarch64`, i.e. the linux platform's aarch64 stubs and
 * runtime, run under qemu-aarch64 (directly on an aarch64 Linux host). The whole suite is
 * `npm run spectest -- --mode=run --target=aarch64 --exclude=simd_`; here a few scripts
 * that cover the backend's arithmetic, conversions, traps and calls run by default, every
 * script with MEWZ_SPEC_AARCH64=1 (SPEC_ONLY=i32,f64 picks scripts, SPEC_OPT=0 runs
 * unoptimised IR).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canRunAarch64, cannotRunReason } from './native.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NativeScriptRunner } = require('../../../tools/spectest/src/native/run-script');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readScript, resolveSpecDir, tally } = require('../../../tools/spectest/src/index');

const DEFAULT_SCRIPTS = ['i32', 'i64', 'f32', 'f64', 'conversions', 'traps', 'call_indirect', 'memory_grow', 'br_table'];
const all = process.env.MEWZ_SPEC_AARCH64 === '1';
const only = (process.env.SPEC_ONLY ?? '').split(',').filter(Boolean);
const opt = process.env.SPEC_OPT === '0' ? 0 : 1;

let workDir: string | undefined;
afterAll(() => {
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

if (!canRunAarch64) console.log(`skipped the aarch64 spec suite: ${cannotRunReason}`);

(canRunAarch64 ? test : test.skip)(`the spec suite on aarch64 (${all ? 'every script' : only.length > 0 ? only.join(', ') : DEFAULT_SCRIPTS.join(', ')}): every assertion passes`, async () => {
  workDir = mkdtempSync(join(tmpdir(), 'mewz-a64-spec-'));
  const specDir = resolveSpecDir(undefined, join(__dirname, '../../../tools/spectest'), process.cwd());
  expect(existsSync(specDir)).toBe(true);
  const wanted = only.length > 0 ? only : all ? undefined : DEFAULT_SCRIPTS;
  const files = readdirSync(specDir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('simd_'))
    .filter((f) => wanted === undefined || wanted.includes(f.slice(0, -'.json'.length)))
    .sort();
  expect(files.length).toBe(wanted?.length ?? files.length);
  const runner = new NativeScriptRunner({ target: 'aarch64', opt, kernelCacheDir: join(workDir, 'kernels'), timeout: 120_000 });
  const failed: string[] = [];
  let passed = 0;
  for (const f of files) {
    const script = readScript(join(specDir, f));
    const { result, failures } = tally(script, await runner.run(script));
    passed += result.passed;
    for (const x of failures) failed.push(`${f}: ${JSON.stringify(x)}`);
  }
  console.log(`spectest aarch64 (opt ${opt}, ${files.length} scripts): ${passed} passed, ${failed.length} failed`);
  expect(failed).toEqual([]);
  expect(passed).toBeGreaterThan(0);
}, all ? 7_200_000 : 600_000);
