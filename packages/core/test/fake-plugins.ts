// Small, valid fake plugins for tests, built fresh per call so tests can break them freely.
import { join } from 'node:path';
import { patchInt } from '@mewz/object';
import { relocationTable, type BackendPlugin, type ComponentPlugin, type PlatformPlugin } from '../src/index.js';

export function fakeBackend(name = 'x86_64', extra: Partial<BackendPlugin> = {}): BackendPlugin {
  return {
    kind: 'backend',
    name,
    apiVersion: 1,
    isa: name,
    pointerSize: 8,
    endianness: 'little',
    registers: [
      { name: 'rax', class: 'int', encoding: 0, allocatable: true },
      { name: 'rcx', class: 'int', encoding: 1, allocatable: true },
      { name: 'rbx', class: 'int', encoding: 3, allocatable: true },
      { name: 'rsp', class: 'int', encoding: 4, allocatable: false },
      { name: 'rbp', class: 'int', encoding: 5, allocatable: false },
      { name: 'xmm0', class: 'float', encoding: 0, allocatable: true },
      { name: 'v1', class: 'vector', encoding: 1, allocatable: true },
    ],
    callingConvention: {
      name: 'fake',
      arguments: { int: ['rax', 'rcx'], float: ['xmm0', 'v1'] },
      results: { int: ['rax'], float: ['xmm0'] },
      calleeSaved: ['rbx'],
      stackPointer: 'rsp',
      framePointer: 'rbp',
      stackAlignment: 16,
    },
    relocations: relocationTable([
      { name: 'abs64', kind: 'abs', size: 8, patch: (code, offset, value) => patchInt(code, offset, value, 64, 'either', 'abs64') },
      { name: 'pc32', kind: 'pcrel', size: 4, patch: (code, offset, value) => patchInt(code, offset, value, 32, true, 'pc32') },
    ]),
    intrinsics: ['halt', 'outb'],
    createAssembler() {
      throw new Error('not needed');
    },
    ...extra,
  };
}

export function fakePlatform(name = 'qemu-x86_64', extra: Partial<PlatformPlugin> = {}): PlatformPlugin {
  return {
    kind: 'platform',
    name,
    apiVersion: 1,
    isas: ['x86_64'],
    memoryMap: () => ({ loadAddress: 0x100000n, regions: [{ name: 'ram', base: 0n, size: 1n << 28n, type: 'ram' }] }),
    imageFormat: { container: 'elf64', entry: 'pvh' },
    components: ['virtio-mmio'],
    bootStub() {},
    trapStub() {},
    run: ({ image, memory }) => ({
      command: 'qemu-system-x86_64',
      args: ['-kernel', image, '-m', `${memory >> 20}M`],
      stdin: 'console',
      exitStatus: (code) => code ?? 1,
    }),
    ...extra,
  };
}

export function fakeComponent(name = 'net', extra: Partial<ComponentPlugin> = {}): ComponentPlugin {
  return {
    kind: 'component',
    name,
    apiVersion: 1,
    sources: [join(__dirname, 'fixtures', `${name}.ts`)],
    provides: [{ module: 'wasi_snapshot_preview1', name: 'sock_send' }],
    requires: { components: ['virtio-mmio'], symbols: [{ module: 'kernel', name: 'alloc' }] },
    ...extra,
  };
}

/** A copy of `value` with `key` removed, typed loosely: tests feed it to shape checks. */
export function without(value: object, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  delete copy[key];
  return copy;
}
