import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindKernelImports, checkPlugin, compileKernel, type ComponentPlugin } from '@mewz/core';
import { compileFunction } from '@mewz/backend-x86_64';
import { lowerModule, optimize } from '@mewz/compiler';
import { funcType, loadModule, type Module } from '@mewz/wasm';
import { MACHINE_SERVICES, qemuX86_64Machine } from '../src/machine-component';

/** The Wasm type of every export, from docs/kernel-interfaces.md's table (u32 → i32, u64/bool → i64/i32). */
const EXPECTED_TYPES: Record<string, [string[], string[]]> = {
  machine_init: [['i64'], []],
  machine_cmdline: [[], ['i64']],
  machine_ram_count: [[], ['i32']],
  machine_ram_base: [['i32'], ['i64']],
  machine_ram_size: [['i32'], ['i64']],
  machine_app_region_base: [[], ['i64']],
  machine_app_region_size: [[], ['i64']],
  machine_map: [['i64', 'i64', 'i64'], ['i32']],
  machine_console_write: [['i32', 'i64', 'i32'], []],
  machine_console_read: [[], ['i32']],
  machine_monotonic_ns: [[], ['i64']],
  machine_wall_ns: [[], ['i64']],
  machine_clock_resolution_ns: [[], ['i64']],
  machine_wait: [['i64'], []],
  machine_entropy: [[], ['i64']],
  machine_exit: [['i32', 'i32'], []],
  machine_virtio_mmio_count: [[], ['i32']],
  machine_virtio_mmio_base: [['i32'], ['i64']],
  machine_pci_read32: [['i32', 'i32'], ['i32']],
  mewz_exception: [['i32', 'i64', 'i64', 'i64'], []],
};

/** What the machine component requires, as the kernel components will provide it. */
const HOST_SOURCE = `
@external("mewz:intrinsics", "halt")
declare function halt(): void;
let next: u64 = 0x60_0000;
export function mm_alloc_page(): u64 { const p = next; next += 4096; return p; }
export function kernel_panic(message: u64, len: u32): void { while (true) halt(); }
`;

function hostComponent(dir: string): ComponentPlugin {
  const file = join(dir, 'host.ts');
  writeFileSync(file, HOST_SOURCE);
  return {
    kind: 'component',
    name: 'machine-test-host',
    apiVersion: 1,
    sources: [file],
    provides: [
      { module: 'mewz:kernel', name: 'mm_alloc_page' },
      { module: 'mewz:kernel', name: 'kernel_panic' },
    ],
    requires: {},
  };
}

/**
 * Disassembles x86_64 code with capstone in a plain Node process (capstone-wasm loads
 * itself with a dynamic import, which jest's sandbox refuses): one instruction a line.
 */
function disassemble(code: Uint8Array): string[] {
  const script = `
    const { Capstone, Const, loadCapstone } = require('capstone-wasm');
    loadCapstone().then(() => {
      const cs = new Capstone(Const.CS_ARCH_X86, Const.CS_MODE_64);
      const bytes = Buffer.from(process.argv[1], 'hex');
      for (const i of cs.disasm(bytes, { address: 0 })) console.log(i.mnemonic + (i.opStr ? ' ' + i.opStr : ''));
      cs.close();
    });`;
  return execFileSync(process.execPath, ['-e', script, Buffer.from(code).toString('hex')], { cwd: __dirname, encoding: 'utf8' }).trim().split('\n');
}

function exportType(kernel: Module, name: string): [string[], string[]] | undefined {
  const e = kernel.exports.find((x) => x.kind === 'func' && x.name === name);
  if (e === undefined) return undefined;
  const t = funcType(kernel, e.index)!;
  return [[...t.params], [...t.results]];
}

describe('the qemu-x86_64 machine component', () => {
  it('is a valid component providing every mewz:machine service and requiring the kernel\'s', () => {
    expect(checkPlugin(qemuX86_64Machine, 'component')).toEqual([]);
    expect(qemuX86_64Machine.provides.map((p) => `${p.module}.${p.name}`)).toEqual(MACHINE_SERVICES.map((n) => `mewz:machine.${n}`));
    expect(qemuX86_64Machine.requires.symbols.map((s) => `${s.module}.${s.name}`)).toEqual(['mewz:kernel.mm_alloc_page', 'mewz:kernel.kernel_panic']);
    expect(qemuX86_64Machine.sources).toHaveLength(1);
    expect(readFileSync(qemuX86_64Machine.sources[0]!, 'utf8')).toContain('export function machine_init');
  });

  it('lists exactly the services of docs/kernel-interfaces.md', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/kernel-interfaces.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Machine services'), doc.indexOf('## Kernel services'));
    const documented = [...section.matchAll(/^\| (`machine_[^|]*)\|/gm)].flatMap((m) => [...m[1]!.matchAll(/`(machine_\w+)`/g)].map((n) => n[1]!));
    expect(documented.length).toBeGreaterThan(15);
    expect([...MACHINE_SERVICES].sort()).toEqual([...documented].sort());
  });

  describe('compiled with asc', () => {
    let dir: string;
    let kernel: Module;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mewz-machine-'));
      const compiled = await compileKernel([qemuX86_64Machine, hostComponent(dir)], { memoryBase: 0x10_0000, cacheDir: join(dir, 'cache') });
      kernel = loadModule(compiled.wasm);
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('exports every service and mewz_exception with the contract\'s types', () => {
      for (const [name, type] of Object.entries(EXPECTED_TYPES)) expect([name, exportType(kernel, name)]).toEqual([name, type]);
    });

    it('imports only intrinsics and what it declares it requires', () => {
      const imports = kernel.imports.map((i) => `${i.module}.${i.name}`);
      const foreign = imports.filter((i) => !i.startsWith('mewz:intrinsics.'));
      expect(foreign.sort()).toEqual(['mewz:kernel.kernel_panic', 'mewz:kernel.mm_alloc_page']);
      // The build can bind them to the host component's exports.
      expect(bindKernelImports(kernel).size).toBe(2);
    });

    it('machine_wait compiles to adjacent sti; hlt (no interrupt lost between them)', () => {
      const lowered = lowerModule(kernel, { prefix: 'kernel', trusted: true, windowBytes: 0x50_0000, directImports: bindKernelImports(kernel) });
      const index = kernel.exports.find((e) => e.kind === 'func' && e.name === 'machine_wait')!.index;
      const ir = lowered.functions[index - kernel.importedFuncCount]!;
      optimize(ir);
      const lines = disassemble(compileFunction(ir, index).code);
      const sti = lines.indexOf('sti');
      expect(sti).toBeGreaterThan(0);
      expect(lines.filter((l) => l === 'sti')).toHaveLength(1);
      expect(lines[sti + 1]).toBe('hlt');
      expect(lines[sti + 2]).toBe('cli');
    });
  });
});
