import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModule } from '@mewz/wasm';
import { FunctionBuilder } from '@mewz/compiler';
import wabtInit from 'wabt';
import { buildObject } from '../src/build/emit-objects.js';
import { bindAppImports, bindKernelImports, BuildError, compileKernel, selectComponents, trapInfo, type ComponentPlugin } from '../src/index.js';
import { fakeComponent } from './fake-plugins.js';

async function wat(text: string) {
  const wabt = await wabtInit();
  const m = wabt.parseWat('t.wat', text, { bulk_memory: true, reference_types: true, multi_value: true });
  return loadModule(m.toBinary({}).buffer);
}

const WASI = 'wasi_snapshot_preview1';
const auto = { auto: true, include: [], exclude: [], options: {} };

function component(name: string, provides: [string, string][], requires: ComponentPlugin['requires'] = {}): ComponentPlugin {
  return fakeComponent(name, { provides: provides.map(([module, n]) => ({ module, name: n })), requires });
}

describe('selectComponents', () => {
  const wasi = component('wasi', [[WASI, 'fd_write'], [WASI, 'proc_exit']], { symbols: [{ module: 'mewz:kernel', name: 'platform_write' }] });
  const runtime = component('runtime', [['mewz:kernel', 'platform_write']]);
  const net = component('net', [[WASI, 'sock_send']], { components: ['wasi'] });
  const known = [net, wasi, runtime];

  it('takes the platform components, providers of the app imports and their requirements, requirements first', async () => {
    const app = await wat(`(module (import "${WASI}" "fd_write" (func (param i32 i32 i32 i32) (result i32))))`);
    expect(selectComponents(app, known, [], auto).map((c) => c.name)).toEqual(['runtime', 'wasi']);
    const sock = await wat(`(module (import "${WASI}" "sock_send" (func (param i32 i32 i32 i32 i32) (result i32))))`);
    expect(selectComponents(sock, known, ['runtime'], auto).map((c) => c.name)).toEqual(['runtime', 'wasi', 'net']);
  });

  it('honours include and exclude, and names unknown components', async () => {
    const app = await wat(`(module (import "${WASI}" "fd_write" (func (param i32 i32 i32 i32) (result i32))))`);
    expect(selectComponents(app, known, [], { ...auto, exclude: ['wasi'] }).map((c) => c.name)).toEqual([]);
    expect(selectComponents(app, known, [], { auto: false, include: ['net'], exclude: [], options: {} }).map((c) => c.name)).toEqual(['runtime', 'wasi', 'net']);
    expect(() => selectComponents(app, known, ['runtme'], auto)).toThrow(/unknown component "runtme" \(the platform needs it\).*did you mean "runtime"/);
  });

  it('reports a required symbol nobody provides', async () => {
    const app = await wat(`(module (import "${WASI}" "fd_write" (func (param i32 i32 i32 i32) (result i32))))`);
    expect(() => selectComponents(app, [wasi], [], auto)).toThrow('component "wasi" requires mewz:kernel.platform_write, which no component provides');
  });
});

describe('bindAppImports', () => {
  const kernelWat = `(module
    (func (export "fd_write") (param i32 i32 i32 i32) (result i32) (i32.const 0))
    (func (export "proc_exit") (param i32)))`;
  const wasi = component('wasi', [[WASI, 'fd_write'], [WASI, 'proc_exit']]);

  it('binds by module, name and type to kernel exports', async () => {
    const kernel = await wat(kernelWat);
    const app = await wat(`(module (import "${WASI}" "proc_exit" (func (param i32))) (import "${WASI}" "fd_write" (func (param i32 i32 i32 i32) (result i32))))`);
    expect(bindAppImports(app, kernel, [wasi], 'error')).toEqual([
      { kind: 'kernel', func: 1 },
      { kind: 'kernel', func: 0 },
    ]);
  });

  it('lists every import nobody provides, or stubs them with enosys', async () => {
    const kernel = await wat(kernelWat);
    const app = await wat(`(module
      (import "${WASI}" "path_open" (func (param i32) (result i32)))
      (import "env" "now" (func (result f64)))
      (import "${WASI}" "proc_exit" (func (param i32))))`);
    let error: BuildError | undefined;
    try {
      bindAppImports(app, kernel, [wasi], 'error');
    } catch (e) {
      error = e as BuildError;
    }
    expect(error).toBeInstanceOf(BuildError);
    expect(error!.problems).toEqual([`${WASI}.path_open (i32) -> (i32): no kernel component provides it`, 'env.now () -> (f64): no kernel component provides it']);
    expect(error!.message).toContain('"missingImports": "enosys"');
    const targets = bindAppImports(app, kernel, [wasi], 'enosys');
    expect(targets.map((t) => t.kind)).toEqual(['enosys', 'enosys', 'kernel']);
  });

  it('refuses type mismatches, non-function imports and mewz:* modules', async () => {
    const kernel = await wat(kernelWat);
    const app = await wat(`(module
      (import "${WASI}" "proc_exit" (func (param i64)))
      (import "env" "memory" (memory 1))
      (import "mewz:kernel" "platform_write" (func)))`);
    expect(() => bindAppImports(app, kernel, [wasi], 'enosys')).toThrow(
      /proc_exit as \(i64\) -> \(\), but component "wasi" provides \(i32\) -> \(\)[\s\S]*the memory env.memory[\s\S]*mewz:kernel.platform_write: modules named mewz:\* belong to the kernel/,
    );
  });
});

describe('bindKernelImports', () => {
  it('binds mewz:kernel and mewz:machine imports to the kernel\'s own exports and keeps intrinsics', async () => {
    const kernel = await wat(`(module
      (import "mewz:intrinsics" "halt" (func))
      (import "mewz:kernel" "log" (func (param i32)))
      (import "mewz:machine" "machine_exit" (func (param i32 i32)))
      (func (export "log") (param i32))
      (func (export "machine_exit") (param i32 i32)))`);
    expect([...bindKernelImports(kernel)]).toEqual([[1, 3], [2, 4]]);
    const mistyped = await wat(`(module (import "mewz:machine" "machine_exit" (func (param i32))) (func (export "machine_exit") (param i32 i32)))`);
    expect(() => bindKernelImports(mistyped)).toThrow(/mewz:machine.machine_exit as \(i32\) -> \(\), but it is exported as \(i32, i32\) -> \(\)/);
    const bad = await wat(`(module (import "env" "abort" (func)) (import "mewz:kernel" "nope" (func)))`);
    expect(() => bindKernelImports(bad)).toThrow(/env.abort: kernel code may import only[\s\S]*mewz:kernel.nope, which no chosen component exports/);
  });
});

describe('trapInfo', () => {
  it('lays out the messages and names as (offset, length) tables', () => {
    const info = trapInfo(['main', undefined], ['k']);
    const view = new DataView(info.buffer);
    const string = (table: number, i: number): string => {
      const at = view.getUint32(table + 4, true) + 8 * i;
      const offset = view.getUint32(at, true);
      return new TextDecoder().decode(info.subarray(offset, offset + view.getUint32(at + 4, true)));
    };
    expect(view.getUint32(0, true)).toBe(11);
    expect(string(0, 1)).toBe('integer divide by zero');
    expect(view.getUint32(8, true)).toBe(2);
    expect(string(8, 0)).toBe('main');
    expect(string(8, 1)).toBe('');
    expect(view.getUint32(16, true)).toBe(1);
    expect(string(16, 0)).toBe('k');
  });
});

describe('compileKernel', () => {
  it('compiles components with asc into one module and caches it by content', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mewz-test-cache-'));
    try {
      const k = fakeComponent('k', { sources: [join(__dirname, 'fixtures/assembly/kernel/k.ts')], provides: [], requires: {} });
      const first = await compileKernel([k], { memoryBase: 0x10000, cacheDir });
      expect(first.cached).toBe(false);
      const module = loadModule(first.wasm);
      expect(module.exports.map((e) => e.name).sort()).toEqual(['fd_write', 'helper_impl', 'memory']);
      expect(module.imports.map((i) => `${i.module}.${i.name}`)).toEqual(['mewz:kernel.helper']);
      expect(module.datas.every((d) => d.offsetExpr === undefined || (d.offsetExpr.instrs[0] as { value: number }).value >= 0x10000)).toBe(true);
      const second = await compileKernel([k], { memoryBase: 0x10000, cacheDir });
      expect(second.cached).toBe(true);
      expect(readdirSync(cacheDir)).toHaveLength(1);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reports missing sources and asc errors as BuildErrors', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mewz-test-cache-'));
    try {
      const missing = fakeComponent('missing', { sources: [join(__dirname, 'fixtures/assembly/kernel/missing.ts')], provides: [], requires: {} });
      await expect(compileKernel([missing], { memoryBase: 0x10000, cacheDir })).rejects.toThrow('kernel component sources are missing');
      const bad = fakeComponent('bad', { sources: [join(__dirname, 'fixtures/assembly/kernel-bad/bad.ts')], provides: [], requires: {} });
      await expect(compileKernel([bad], { memoryBase: 0x10000, cacheDir })).rejects.toThrow(/the kernel does not compile \(asc\):[\s\S]*TS2322/);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('buildObject', () => {
  it('names code after Wasm functions unless the name would shadow a symbol', () => {
    const ir = (name: string) => new FunctionBuilder(name, [], []).func;
    const compile = () => ({ code: new Uint8Array([0xc3]), relocations: [], labels: new Map<string, number>() });
    const abs64 = { name: 'abs64', kind: 'abs' as const, size: 8, patch: () => {} };
    const obj = buildObject(
      'app',
      'x86_64',
      [
        { ir: ir('app.f1'), funcIndex: 1, displayName: 'app.main' },
        { ir: ir('app.f2'), funcIndex: 2, displayName: 'app.f1' },
        { ir: ir('app.f3'), funcIndex: 3, displayName: 'app.main' },
      ],
      [{ symbol: 'app.vmctx', bytes: new Uint8Array(16), align: 16, writable: true }],
      compile,
      abs64,
    );
    const symbols = obj.symbols.map((s) => `${s.name}:${s.type}:${s.binding}`);
    expect(symbols).toEqual(['app.f1:none:global', 'app.main:func:local', 'app.f2:func:global', 'app.f3:func:global', 'app.vmctx:object:global']);
    expect(obj.sections.find((s) => s.name === '.bss.app.vmctx')?.kind).toBe('bss');
  });
});
