import { existsSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { Assembler } from '@mewz/backend-x86_64';
import { checkPlugin, KERNEL_WINDOW, PLATFORM_SYMBOLS } from '@mewz/core';
import { builtinStubs, bootStub, hostRunner, linuxPlatform, linuxRuntime, plugins, stackMargin, trapStub, WINDOW_BASE, WINDOW_SIZE } from '../src/index';

const context = { isa: 'x86_64', backend: {} as never, memoryMap: linuxPlatform.memoryMap('x86_64'), stackSize: 1 << 20 };

function assemble(write: (a: Assembler) => void) {
  const a = new Assembler();
  write(a);
  return a.finish();
}

describe('the linux platform', () => {
  it('is a valid platform and component pair', () => {
    expect(checkPlugin(linuxPlatform, 'platform')).toEqual([]);
    expect(checkPlugin(linuxRuntime, 'component')).toEqual([]);
    expect(plugins).toEqual([linuxPlatform, linuxRuntime]);
    expect(linuxPlatform.components).toEqual(['linux-runtime']);
  });

  it('maps the kernel window below the image at 0x400000', () => {
    const map = linuxPlatform.memoryMap('x86_64');
    expect(map.loadAddress).toBe(0x400000n);
    expect(map.regions).toEqual([{ name: KERNEL_WINDOW, base: WINDOW_BASE, size: WINDOW_SIZE, type: 'ram' }]);
    expect(WINDOW_BASE + WINDOW_SIZE).toBe(map.loadAddress);
    expect(linuxPlatform.memoryMap('aarch64')).toEqual(map);
    expect(() => linuxPlatform.memoryMap('riscv64')).toThrow('the linux platform supports x86_64, aarch64, not riscv64');
  });

  it('lays out a static executable with the stack in bss', () => {
    const layout = linuxPlatform.layout!('x86_64', { stackSize: 0x20000 });
    expect(layout.base).toBe(0x400000n);
    expect(layout.headersInFirstSegment).toBe(true);
    expect(layout.pageSize).toBe(0x1000);
    // aarch64 kernels may use 64 KiB pages: segments aligned for them run on every one
    expect(linuxPlatform.layout!('aarch64', { stackSize: 0x20000 }).pageSize).toBe(0x1_0000);
    expect(layout.regions).toEqual([{ section: '.bss.stack', size: 0x20000, alignment: 16, start: '__stack_bottom', end: '__stack_top' }]);
  });

  it('builds for x86_64 and aarch64, with the runtime\'s ISA-specific file for each', () => {
    expect(linuxPlatform.isas).toEqual(['x86_64', 'aarch64']);
    for (const isa of linuxPlatform.isas) {
      const [file] = linuxRuntime.isaSources!(isa);
      expect(file).toMatch(new RegExp(`runtime/isa/${isa}\\.ts$`));
      expect(existsSync(file!)).toBe(true);
    }
  });

  it('runs a foreign ISA\'s executable under qemu-user, a native one directly', () => {
    expect(hostRunner('aarch64', { os: 'linux', arch: 'arm64' })).toBeUndefined();
    expect(hostRunner('x86_64', { os: 'linux', arch: 'x64' })).toBeUndefined();
    expect(hostRunner('aarch64', { os: 'linux', arch: 'x64' })?.command).toMatch(/(^|\/)qemu-aarch64$/);
    expect(hostRunner('x86_64', { os: 'linux', arch: 'arm64' })?.command).toMatch(/(^|\/)qemu-x86_64$/);
    expect(hostRunner('x86_64', { os: 'linux', arch: 'arm64' })?.args).toEqual(['-cpu', 'max']);
    const request = { image: '/tmp/app', memory: 0, accel: 'tcg' as const, args: ['app', 'a b'], env: { K: 'V' }, statusFile: '/tmp/s' };
    const native = arch() === 'arm64' && platform() === 'linux';
    const run = linuxPlatform.run({ ...request, isa: 'aarch64' });
    if (native) expect(run).toMatchObject({ command: '/tmp/app', args: ['a b'], argv0: 'app' });
    else expect(run).toMatchObject({ args: ['-0', 'app', '/tmp/app', 'a b'], env: { K: 'V' }, stdin: 'inherit' });
    expect(run.exitStatus(7, null, undefined)).toBe(7);
  });

  it('runs the image itself with the app\'s argv and environment, its exit code the status', () => {
    const run = linuxPlatform.run({ image: '/tmp/app', isa: arch() === 'arm64' ? 'aarch64' : 'x86_64', memory: 0, accel: 'tcg', args: ['app', 'a b', 'c'], env: { K: 'V' }, statusFile: '/tmp/s' });
    expect(run).toMatchObject({ command: '/tmp/app', args: ['a b', 'c'], argv0: 'app', env: { K: 'V' }, stdin: 'inherit' });
    expect(run.exitStatus(3, null, undefined)).toBe(3);
    expect(run.exitStatus(null, 'SIGKILL', undefined)).toBeInstanceOf(Error);
  });
});

describe('x86_64 stubs', () => {
  it('_start maps the window, switches stacks and calls __mewz_main', () => {
    const out = assemble((a) => bootStub(a, context));
    expect([...out.labels.keys()]).toEqual([PLATFORM_SYMBOLS.entry]);
    expect(out.labels.get('_start')).toBe(0);
    expect(out.relocations.map((r) => [r.symbol, Number(r.addend)])).toEqual([
      ['__stack_top', -4],
      ['__stack_bottom', stackMargin(1 << 20) - 4],
      [PLATFORM_SYMBOLS.main, -4],
    ]);
    // The failure message is in the code, after the last instruction.
    expect(new TextDecoder().decode(out.code)).toContain("mewz: cannot map the kernel's memory at 0x10000");
  });

  it('the trap entry moves to the top of the stack and reports', () => {
    const out = assemble((a) => trapStub(a));
    expect([...out.labels.keys()]).toEqual([PLATFORM_SYMBOLS.trap]);
    expect(out.relocations.map((r) => r.symbol)).toEqual(['__stack_top', PLATFORM_SYMBOLS.reportTrap]);
  });

  it('memmove and memset use rep movsb/stosb and clear the direction flag again', () => {
    const out = assemble((a) => builtinStubs(a));
    expect([...out.labels.keys()].sort()).toEqual([PLATFORM_SYMBOLS.memmove, PLATFORM_SYMBOLS.memset].sort());
    const hex = Buffer.from(out.code).toString('hex');
    expect(hex).toContain('fdf3a4fcc3'); // std; rep movsb; cld; ret
    expect(hex).toContain('f3aa'); // rep stosb
    expect(out.relocations).toEqual([]);
  });

  it('keeps at most half of a small stack as the margin', () => {
    expect(stackMargin(1 << 20)).toBe(0x10000);
    expect(stackMargin(0x8000)).toBe(0x4000);
  });
});
