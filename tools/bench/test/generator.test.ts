import { decodeModule, validateModule } from '@mewz/wasm';
import { generateSyntheticModule } from '../src/gen/module.js';
import { v8wasm } from './v8.js';

describe('synthetic module generator', () => {
  const size = 300_000;
  const mod = generateSyntheticModule({ codeBytes: size });

  test('is about the size asked for', () => {
    expect(mod.codeBytes).toBeGreaterThanOrEqual(size);
    // One function past the target at most; big functions stay well under 100 KB.
    expect(mod.codeBytes).toBeLessThan(size + 100_000);
    expect(mod.bytes.length).toBeGreaterThan(mod.codeBytes);
    expect(mod.bytes.length).toBeLessThan(mod.codeBytes + 50_000);
    expect(mod.functionCount).toBeGreaterThan(50);
  });

  test('is valid for V8, an independent validator', () => {
    expect(v8wasm.validate(mod.bytes)).toBe(true);
  });

  test('decodes and validates with @mewz/wasm', () => {
    const decoded = decodeModule(mod.bytes);
    expect(() => validateModule(decoded)).not.toThrow();
    expect(decoded.functions.length).toBe(mod.functionCount);
    expect(decoded.imports.length).toBe(mod.importedFunctionCount);
  });

  test('has the shape of a WASI program', () => {
    const compiled = new v8wasm.Module(mod.bytes);
    expect(v8wasm.Module.imports(compiled).map((i) => `${i.module}.${i.name}`)).toContain('wasi_snapshot_preview1.fd_write');
    const exports = v8wasm.Module.exports(compiled).map((e) => `${e.kind}:${e.name}`);
    expect(exports).toEqual(expect.arrayContaining(['function:_start', 'memory:memory', 'table:__indirect_function_table']));
    expect(v8wasm.Module.customSections(compiled, 'name')).toHaveLength(1);
  });

  test('is deterministic for a seed, and the seed matters', () => {
    expect(generateSyntheticModule({ codeBytes: 20_000 }).bytes).toEqual(generateSyntheticModule({ codeBytes: 20_000 }).bytes);
    expect(generateSyntheticModule({ codeBytes: 20_000, seed: 1 }).bytes).not.toEqual(generateSyntheticModule({ codeBytes: 20_000, seed: 2 }).bytes);
  });

  test('many seeds give valid modules (no rare invalid construct)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(v8wasm.validate(generateSyntheticModule({ codeBytes: 30_000, seed }).bytes)).toBe(true);
    }
  });
});
