import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lowerModule, verifyFunction } from '@mewz/compiler';
import { loadModule, type Module } from '@mewz/wasm';

/**
 * Lowers every valid module of the spec suite and verifies every function: a broad check
 * that the lowering handles all of Wasm 2.0 (SIMD excepted) and keeps the SSA invariants.
 */
const specDir = join(__dirname, '../../../../shared/spec/wasm-2.0/json');

describe('lowering the spec suite modules', () => {
  const files = existsSync(specDir) ? readdirSync(specDir).filter((f) => f.endsWith('.wasm')) : [];
  const scripts = [...new Set(files.map((f) => f.replace(/\.\d+\.wasm$/, '')))].sort();

  it('finds the spec suite', () => {
    expect(files.length).toBeGreaterThan(1000);
  });

  it.each(scripts)('%s', (script) => {
    const problems: string[] = [];
    let lowered = 0;
    for (const file of files.filter((f) => f.replace(/\.\d+\.wasm$/, '') === script)) {
      let module: Module;
      try {
        module = loadModule(readFileSync(join(specDir, file)));
      } catch {
        continue; // assert_malformed / assert_invalid modules
      }
      try {
        const out = lowerModule(module, { prefix: 'm' });
        for (const f of out.functions) for (const p of verifyFunction(f)) problems.push(`${file} ${f.name}: ${p}`);
        lowered++;
      } catch (e) {
        const msg = (e as Error).message;
        if (msg.startsWith('SIMD is not supported yet')) continue;
        problems.push(`${file}: ${(e as Error).stack}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(lowered).toBeGreaterThanOrEqual(0);
  });
});
