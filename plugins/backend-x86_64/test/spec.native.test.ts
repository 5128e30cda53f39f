/**
 * The official spec suite's scripts run natively (the modules without imports and their
 * assertions; see spec-native.ts). x86_64 Linux only; the suite is looked up at
 * ../shared/spec/wasm-2.0/json from the repository root.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readScript } from '@mewz/spectest';
import { onX86Linux } from './native.js';
import { failures, runScript } from './spec-native.js';

const SPEC_DIR = resolve(__dirname, '../../../../shared/spec/wasm-2.0/json');
const available = onX86Linux && existsSync(SPEC_DIR);
if (!available) console.log(`skipped native spec tests: ${onX86Linux ? `no suite at ${SPEC_DIR}` : 'not an x86_64 Linux host'}`);

const only = process.env.SPEC_ONLY?.split(',');
const scripts = available
  ? readdirSync(SPEC_DIR)
      .filter((f) => f.endsWith('.json') && !f.startsWith('simd_'))
      .map((f) => f.slice(0, -5))
      .filter((n) => !only || only.includes(n))
      .sort()
  : [];

for (const optimize of [false, true]) {
  (available ? describe : describe.skip)(`spec scripts, natively${optimize ? ', optimised IR' : ''}`, () => {
    it.each(scripts)('%s', (name) => {
      const run = runScript(readScript(join(SPEC_DIR, `${name}.json`)), { optimize });
      expect(failures(run)).toEqual([]);
    }, 120_000);
  });
}
