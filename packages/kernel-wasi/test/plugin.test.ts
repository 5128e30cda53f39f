import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPlugin, compileKernel, type ComponentPlugin } from '@mewz/core';
import { funcType, loadModule } from '@mewz/wasm';
import { PLATFORM_SERVICES, plugin, WASI_PREVIEW1, WASI_PREVIEW1_FUNCTIONS } from '../src/index';

describe('the wasi component', () => {
  it('is a valid component plugin providing all 46 preview1 functions', () => {
    expect(checkPlugin(plugin, 'component')).toEqual([]);
    expect(WASI_PREVIEW1_FUNCTIONS).toHaveLength(46);
    expect(plugin.provides.map((p) => p.name)).toEqual(WASI_PREVIEW1_FUNCTIONS);
    expect(plugin.requires.symbols.map((s) => s.name)).toEqual(PLATFORM_SERVICES);
  });

  it('exports every function with its preview1 type and imports only platform services and intrinsics', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mewz-wasi-test-'));
    try {
      const { wasm } = await compileKernel([plugin as unknown as ComponentPlugin], { memoryBase: 0x10000, cacheDir });
      const module = loadModule(wasm);
      for (const name of WASI_PREVIEW1_FUNCTIONS) {
        const e = module.exports.find((x) => x.name === name && x.kind === 'func');
        expect({ name, type: e && funcType(module, e.index) }).toEqual({ name, type: { params: [...WASI_PREVIEW1[name].params], results: [...WASI_PREVIEW1[name].results] } });
      }
      const imports = module.imports.map((i) => `${i.module}.${i.name}`);
      for (const i of imports) expect(i).toMatch(/^mewz:(kernel\.platform_|intrinsics\.memmove$)/);
      expect(imports.filter((i) => i.startsWith('mewz:kernel.')).length).toBeLessThanOrEqual(PLATFORM_SERVICES.length);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 60_000);
});
