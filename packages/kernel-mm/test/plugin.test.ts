import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTINS } from '@mewz/compiler';
import { checkPlugin, compileKernel, type ComponentPlugin } from '@mewz/core';
import { funcType, loadModule } from '@mewz/wasm';
import { kernelMmComponent, MM_BUILTINS, MM_MACHINE_IMPORTS } from '../src/index';

describe('the kernel-mm component', () => {
  it('is a valid component plugin', () => {
    expect(checkPlugin(kernelMmComponent, 'component')).toEqual([]);
    expect(kernelMmComponent.name).toBe('kernel-mm');
  });

  it('exports the builtins with their ABI types and imports only what it declares', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mewz-kernel-mm-plugin-'));
    try {
      const { wasm } = await compileKernel([kernelMmComponent as unknown as ComponentPlugin], { memoryBase: 0x10000, cacheDir });
      const module = loadModule(wasm);
      const typeOf = (name: string) => {
        const e = module.exports.find((x) => x.name === name && x.kind === 'func');
        return e && funcType(module, e.index);
      };
      for (const name of MM_BUILTINS) expect({ name, type: typeOf(name) }).toEqual({ name, type: { params: [...BUILTINS[name].params], results: [...BUILTINS[name].results] } });
      expect(typeOf('mm_alloc_page')).toEqual({ params: [], results: ['i64'] });
      expect(typeOf('mm_free_page')).toEqual({ params: ['i64'], results: [] });
      const declared = new Set([
        ...kernelMmComponent.requires.symbols.map((s) => `${s.module}.${s.name}`),
        'mewz:intrinsics.memmove',
        'mewz:intrinsics.memset',
      ]);
      for (const i of module.imports) expect(declared).toContain(`${i.module}.${i.name}`);
      for (const name of MM_MACHINE_IMPORTS) expect(module.imports.map((i) => i.name)).toContain(name);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);
});
