import { ConfigError, mergeConfig, parseConfig, type MewzConfig } from '../src/index.js';

const MiB = 2 ** 20;

function base(config: Record<string, unknown> = {}): MewzConfig {
  return parseConfig(JSON.stringify({ app: 'hello.wasm', ...config }), '/project/mewz.config.json');
}

describe('mergeConfig', () => {
  it('returns the base unchanged for empty overrides', () => {
    expect(mergeConfig(base(), {})).toEqual(base());
  });

  it('replaces scalars and args, resolving override paths against their own folder', () => {
    const merged = mergeConfig(
      base({ args: ['a'], missingImports: 'error' }),
      { app: 'other.wat', output: 'x.elf', args: ['b', 'c'], missingImports: 'enosys' },
      { baseDir: '/cwd' },
    );
    expect(merged).toMatchObject({
      file: '/project/mewz.config.json',
      baseDir: '/project',
      app: '/cwd/other.wat',
      output: '/cwd/x.elf',
      args: ['b', 'c'],
      missingImports: 'enosys',
    });
  });

  it('replaces the machine, or keeps the base one', () => {
    expect(mergeConfig(base({ machine: 'q35' }), { machine: 'microvm' }).machine).toBe('microvm');
    expect(mergeConfig(base({ machine: 'q35' }), { platform: 'linux' }).machine).toBe('q35');
    expect('machine' in mergeConfig(base(), { target: 'aarch64' })).toBe(false);
  });

  it('resolves relative override paths against the current directory by default', () => {
    expect(mergeConfig(base(), { app: 'x.wasm' }).app).toBe(`${process.cwd()}/x.wasm`);
  });

  it('re-derives a default platform and output when the target or app changes', () => {
    const merged = mergeConfig(base(), { target: 'aarch64', app: '/apps/echo.wasm' });
    expect(merged.platform).toBe('qemu-aarch64');
    expect(merged.output).toBe('/project/out/echo-qemu-aarch64.elf');
  });

  it('keeps a platform and output the config chose', () => {
    const merged = mergeConfig(base({ platform: 'linux', output: 'img.elf' }), { target: 'aarch64' });
    expect(merged.platform).toBe('linux');
    expect(merged.output).toBe('/project/img.elf');
    expect(mergeConfig(base(), { target: 'aarch64', platform: 'linux' }).platform).toBe('linux');
  });

  it('merges memory and env key by key, and adds plugins', () => {
    const merged = mergeConfig(base({ memory: { max: '32MiB' }, env: { A: '1', B: '2' }, plugins: ['p1'] }), {
      memory: { stack: '2MiB' },
      env: { B: 'two', C: '3' },
      plugins: ['p1', './p2.js'],
    }, { baseDir: '/cwd' });
    expect(merged.memory).toEqual({ max: 32 * MiB, stack: 2 * MiB, ram: 256 * MiB });
    expect(merged.env).toEqual({ A: '1', B: 'two', C: '3' });
    expect(merged.plugins).toEqual(['p1', '/cwd/p2.js']);
  });

  it('adjusts the component selection with the object form and replaces it otherwise', () => {
    const configured = base({ components: { net: { mtu: 1500, ip: 'dhcp' }, fs: false } });
    expect(mergeConfig(configured, { components: { fs: true, net: { mtu: 9000 }, clock: false } }).components).toEqual({
      auto: true,
      include: ['net', 'fs'],
      exclude: ['clock'],
      options: { net: { mtu: 9000, ip: 'dhcp' } },
    });
    expect(mergeConfig(configured, { components: ['log'] }).components).toEqual({ auto: false, include: ['log'], exclude: [], options: {} });
    expect(mergeConfig(base({ components: ['log'] }), { components: { net: true } }).components).toEqual({
      auto: false,
      include: ['log', 'net'],
      exclude: [],
      options: {},
    });
    expect(mergeConfig(configured, { components: 'auto' }).components).toEqual({ auto: true, include: [], exclude: [], options: {} });
  });

  it('validates overrides like a config, naming their source', () => {
    expect(() => mergeConfig(base(), { memory: { maxx: 1 } } as never)).toThrow(
      'command line: /memory/maxx: unknown key; did you mean "max"?',
    );
    expect(() => mergeConfig(base(), { missingImports: 'enosis' } as never, { source: '--missing-imports' })).toThrow(
      '--missing-imports: /missingImports: must be "error" or "enosys", got "enosis"; did you mean "enosys"?',
    );
    expect(() => mergeConfig(base(), { memory: { stack: '3KiB' } })).toThrow(
      new ConfigError([{ file: 'command line', pointer: '/memory/stack', message: '"3KiB" is not a multiple of 4KiB; did you mean "4KiB"?' }]),
    );
  });

  it('checks the merged memory sizes together', () => {
    expect(() => mergeConfig(base({ memory: { ram: '128MiB' } }), { memory: { max: '128MiB' } })).toThrow(
      'command line: /memory/max: max + stack (128MiB + 1MiB) leaves no room for the kernel in ram (128MiB); raise "ram" too',
    );
    expect(mergeConfig(base({ memory: { ram: '128MiB' } }), { memory: { max: '128MiB', ram: '512MiB' } }).memory.ram).toBe(512 * MiB);
  });

  it('needs a platform for a target that is not a plain ISA name', () => {
    expect(() => mergeConfig(base(), { target: './riscv.js' }, { baseDir: '/cwd' })).toThrow(
      'command line: /platform: required key is missing: there is no default platform for target "/cwd/riscv.js"',
    );
  });
});
