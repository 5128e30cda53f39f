import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPlugin, compileKernel, componentEntryFiles, type ComponentPlugin } from '../src/index.js';
import { fakeComponent } from './fake-plugins.js';

const dir = join(__dirname, 'fixtures/assembly/kernel-isa');
/** A component whose AssemblyScript takes a constant from its ISA's file. */
const perIsa: ComponentPlugin = fakeComponent('per-isa', {
  sources: [join(dir, 'k.ts')],
  isaSources: (isa) => [join(dir, 'isa', `${isa}.ts`)],
  provides: [],
  requires: {},
});
const neutral: ComponentPlugin = fakeComponent('neutral', { sources: [join(__dirname, 'fixtures/assembly/kernel/k.ts')], provides: [], requires: {} });

async function syscallNumber(wasm: Uint8Array): Promise<bigint> {
  const { instance } = await WebAssembly.instantiate(wasm, {});
  return (instance.exports.syscall_number as () => bigint)();
}

describe('ISA-specific component sources', () => {
  it('lists every ISA-specific entry before the ISA-neutral sources', () => {
    expect(componentEntryFiles([neutral, perIsa], 'isa-a')).toEqual([join(dir, 'isa', 'isa-a.ts'), ...neutral.sources, join(dir, 'k.ts')]);
    expect(componentEntryFiles([neutral])).toEqual(neutral.sources);
  });

  it('needs an ISA when a component has ISA-specific sources', () => {
    expect(() => componentEntryFiles([perIsa])).toThrow('kernel component "per-isa" has ISA-specific sources, but no ISA was given');
  });

  it('compiles the ISA chosen, with a cache entry per ISA', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mewz-test-cache-'));
    try {
      const a = await compileKernel([perIsa], { memoryBase: 0x10000, cacheDir, isa: 'isa-a' });
      const b = await compileKernel([perIsa], { memoryBase: 0x10000, cacheDir, isa: 'isa-b' });
      expect(await syscallNumber(a.wasm)).toBe(64n);
      expect(await syscallNumber(b.wasm)).toBe(1n);
      expect(readdirSync(cacheDir)).toHaveLength(2);
      expect((await compileKernel([perIsa], { memoryBase: 0x10000, cacheDir, isa: 'isa-b' })).cached).toBe(true);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('names the missing file of an ISA the component does not support', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mewz-test-cache-'));
    try {
      await expect(compileKernel([perIsa], { memoryBase: 0x10000, cacheDir, isa: 'riscv64' })).rejects.toThrow(/kernel component sources are missing \(for riscv64\)/);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('checks that isaSources is a function', () => {
    const problems = checkPlugin({ ...perIsa, isaSources: ['a.ts'] });
    expect(problems.join('\n')).toMatch(/isaSources/);
  });
});
