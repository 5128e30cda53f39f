import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPlugin, compileKernel, type ComponentPlugin } from '@mewz/core';
import { plugin as wasiComponent, PLATFORM_SERVICES as WASI_NEEDS } from '@mewz/kernel-wasi';
import { kernelMmComponent } from '@mewz/kernel-mm';
import { funcType, loadModule, type Module } from '@mewz/wasm';
import { KERNEL_MACHINE_IMPORTS, kernelComponent, PLATFORM_SERVICES } from '../src/index';

const exportType = (module: Module, name: string) => {
  const e = module.exports.find((x) => x.name === name && x.kind === 'func');
  return e && funcType(module, e.index);
};

/** The types of a module's function imports from `module`, by name. */
const importTypes = (m: Module, module: string) => {
  const out = new Map<string, ReturnType<typeof funcType>>();
  let index = 0;
  for (const i of m.imports) {
    if (i.desc.kind !== 'func') continue;
    if (i.module === module) out.set(i.name, funcType(m, index));
    index++;
  }
  return out;
};

describe('the kernel component', () => {
  it('is a valid component plugin that provides every service kernel-wasi requires', () => {
    expect(checkPlugin(kernelComponent, 'component')).toEqual([]);
    expect([...PLATFORM_SERVICES]).toEqual([...WASI_NEEDS]);
    const provided = kernelComponent.provides.map((p) => `${p.module}.${p.name}`);
    for (const s of wasiComponent.requires.symbols) expect(provided).toContain(`${s.module}.${s.name}`);
    for (const s of kernelMmComponent.requires.symbols.filter((x) => x.module === 'mewz:kernel')) expect(provided).toContain(`${s.module}.${s.name}`);
    expect(kernelComponent.requires.components).toEqual(['kernel-mm']);
  });

  it('compiles with kernel-mm and wasi into one module whose exports match what the others import', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mewz-kernel-plugin-'));
    try {
      const components = [kernelComponent, kernelMmComponent, wasiComponent] as unknown as ComponentPlugin[];
      const { wasm } = await compileKernel(components, { memoryBase: 0x10_0000, cacheDir });
      const module = loadModule(wasm);
      const wanted = importTypes(module, 'mewz:kernel');
      expect(wanted.size).toBeGreaterThan(0);
      for (const [name, type] of wanted) expect({ name, type: exportType(module, name) }).toEqual({ name, type });
      expect(exportType(module, 'mewz_init')).toEqual({ params: ['i64'], results: [] });
      expect(exportType(module, 'mewz_trap')).toEqual({ params: ['i32', 'i32', 'i64'], results: [] });
      expect(exportType(module, 'mewz_attach_app')).toEqual({ params: ['i64'], results: [] });
      const machine = new Set<string>([...KERNEL_MACHINE_IMPORTS, ...kernelMmComponent.requires.symbols.filter((s) => s.module === 'mewz:machine').map((s) => s.name)]);
      for (const i of module.imports) {
        if (i.module === 'mewz:machine') expect(machine).toContain(i.name);
        else expect(['mewz:kernel', 'mewz:intrinsics']).toContain(i.module);
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);
});
