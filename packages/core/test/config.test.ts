import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig, type ConfigProblem, type MewzConfig } from '../src/index.js';

const MiB = 2 ** 20;
const FILE = 'mewz.config.json';
const DIR = '/project';

function parse(config: unknown): MewzConfig {
  return parseConfig(typeof config === 'string' ? config : JSON.stringify(config, null, 2), FILE, { baseDir: DIR });
}

/** The lines of the ConfigError that parsing `config` throws. */
function errors(config: unknown): string[] {
  return problems(config).map((p) => (p.pointer === '' ? `${p.line}:${p.column}: ${p.message}` : `${p.pointer}: ${p.message}`));
}

function problems(config: unknown): readonly ConfigProblem[] {
  try {
    parse(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig: defaults', () => {
  it('fills in everything but the app', () => {
    expect(parse({ app: 'hello.wasm' })).toEqual({
      file: FILE,
      baseDir: DIR,
      app: '/project/hello.wasm',
      target: 'x86_64',
      platform: 'qemu-x86_64',
      memory: { max: 64 * MiB, stack: 1 * MiB, ram: 256 * MiB },
      components: { auto: true, include: [], exclude: [], options: {} },
      plugins: [],
      output: '/project/out/hello-qemu-x86_64.elf',
      args: [],
      env: {},
      missingImports: 'error',
    });
  });

  it('derives the platform from the target and the output from app and platform', () => {
    const config = parse({ app: 'src/echo.wat', target: 'aarch64' });
    expect(config.platform).toBe('qemu-aarch64');
    expect(config.output).toBe('/project/out/echo-qemu-aarch64.elf');
    expect(parse({ app: 'a.wasm', platform: 'linux' }).output).toBe('/project/out/a-linux.elf');
  });

  it('resolves paths against the config folder by default', () => {
    const config = parseConfig('{ "app": "../apps/x.wasm", "output": "img/x.elf" }', '/work/demo/mewz.config.json');
    expect(config.baseDir).toBe('/work/demo');
    expect(config.app).toBe('/work/apps/x.wasm');
    expect(config.output).toBe('/work/demo/img/x.elf');
  });

  it('takes every key as written', () => {
    const config = parse({
      $schema: './node_modules/@mewz/core/schema/mewz.config.schema.json',
      app: '/abs/app.wasm',
      target: 'aarch64',
      platform: './boards/my-board.js',
      machine: 'q35',
      memory: { max: '128MiB', stack: 65536, ram: '1GiB' },
      components: ['fs', 'clock'],
      plugins: ['mewz-platform-rpi', './plugins/extra.mjs'],
      output: 'build/image.elf',
      args: ['--verbose', ''],
      env: { RUST_LOG: 'debug', EMPTY: '' },
      missingImports: 'enosys',
    });
    expect(config).toMatchObject({
      app: '/abs/app.wasm',
      target: 'aarch64',
      platform: '/project/boards/my-board.js',
      machine: 'q35',
      memory: { max: 128 * MiB, stack: 65536, ram: 1024 * MiB },
      components: { auto: false, include: ['fs', 'clock'], exclude: [], options: {} },
      plugins: ['mewz-platform-rpi', '/project/plugins/extra.mjs'],
      output: '/project/build/image.elf',
      args: ['--verbose', ''],
      env: { RUST_LOG: 'debug', EMPTY: '' },
      missingImports: 'enosys',
    });
  });
});

describe('parseConfig: machine', () => {
  it('is absent unless given (the platform default), and a non-empty string', () => {
    expect('machine' in parse({ app: 'a.wasm' })).toBe(false);
    expect(errors({ app: 'a.wasm', machine: '' })).toEqual(['/machine: must not be empty']);
    expect(errors({ app: 'a.wasm', machine: 35 })).toEqual(['/machine: must be a string, got 35']);
  });
});

describe('parseConfig: components', () => {
  it('"auto" selects automatically', () => {
    expect(parse({ app: 'a.wasm', components: 'auto' }).components).toEqual({ auto: true, include: [], exclude: [], options: {} });
  });

  it('a list selects exactly those', () => {
    expect(parse({ app: 'a.wasm', components: [] }).components).toEqual({ auto: false, include: [], exclude: [], options: {} });
  });

  it('an object adjusts the automatic selection', () => {
    const components = { net: { mtu: 9000 }, fs: false, clock: true };
    expect(parse({ app: 'a.wasm', components }).components).toEqual({
      auto: true,
      include: ['net', 'clock'],
      exclude: ['fs'],
      options: { net: { mtu: 9000 } },
    });
  });
});

describe('parseConfig: schema problems', () => {
  it('names unknown keys by pointer and suggests the closest valid one', () => {
    expect(errors({ app: 'a.wasm', memory: { maxx: '64MiB' } })).toEqual(['/memory/maxx: unknown key; did you mean "max"?']);
    expect(errors({ app: 'a.wasm', targte: 'x86_64' })).toEqual(['/targte: unknown key; did you mean "target"?']);
    expect(errors({ app: 'a.wasm', memory: { heap: 1 } })).toEqual(['/memory/heap: unknown key; expected one of: max, stack, ram']);
  });

  it('formats the message as file: pointer: problem', () => {
    expect(() => parse({ app: 'a.wasm', memory: { maxx: '64MiB' } })).toThrow(
      new ConfigError([{ file: FILE, pointer: '/memory/maxx', message: 'unknown key; did you mean "max"?' }]),
    );
    expect(() => parse({ app: 'a.wasm', memory: { maxx: '64MiB' } })).toThrow('mewz.config.json: /memory/maxx: unknown key; did you mean "max"?');
  });

  it('suggests the closest enum value', () => {
    expect(errors({ app: 'a.wasm', missingImports: 'enosis' })).toEqual([
      '/missingImports: must be "error" or "enosys", got "enosis"; did you mean "enosys"?',
    ]);
    expect(errors({ app: 'a.wasm', missingImports: 'ignore' })).toEqual(['/missingImports: must be "error" or "enosys", got "ignore"']);
  });

  it('reports a missing app', () => {
    expect(errors({ target: 'x86_64' })).toEqual(['/app: required key is missing']);
  });

  it('reports wrong types, empty strings and bad app names', () => {
    expect(errors({ app: 'a.wasm', target: 64, platform: '', args: ['x', 1], env: { A: 1 }, plugins: 'mewz-x' })).toEqual([
      '/target: must be a string, got 64',
      '/platform: must not be empty',
      '/args/1: must be a string, got 1',
      '/env/A: must be a string, got 1',
      '/plugins: must be an array, got "mewz-x"',
    ]);
    expect(errors({ app: 'hello.c' })).toEqual(['/app: must name a .wasm or .wat file, got "hello.c"']);
    expect(errors({ app: 'a.wasm', memory: { max: 1.5, stack: -4096, ram: true } })).toEqual([
      '/memory/max: must be an integer or a string, got 1.5',
      '/memory/stack: must be at least 0, got -4096',
      '/memory/ram: must be an integer or a string, got true',
    ]);
    expect(errors('[]')).toEqual(['1:1: must be an object, got an array']);
  });

  it('reports repeated list items', () => {
    expect(errors({ app: 'a.wasm', plugins: ['a', 'b', 'a'] })).toEqual(['/plugins/2: repeats item 0 ("a")']);
  });

  it('explains components by the form the value was meant to have', () => {
    expect(errors({ app: 'a.wasm', components: 'Auto' })).toEqual([
      '/components: must be "auto", a list of component names, or an object of per-component settings, got "Auto"; did you mean "auto"?',
    ]);
    expect(errors({ app: 'a.wasm', components: 3 })).toEqual([
      '/components: must be "auto", a list of component names, or an object of per-component settings, got 3',
    ]);
    expect(errors({ app: 'a.wasm', components: ['net', 3, ''] })).toEqual(['/components/1: must be a string, got 3', '/components/2: must not be empty']);
    expect(errors({ app: 'a.wasm', components: { net: 'yes', fs: false } })).toEqual([
      '/components/net: must be true, false or an object of options, got "yes"',
    ]);
  });

  it('reports duplicate keys', () => {
    expect(errors('{ "app": "a.wasm", "app": "b.wasm" }')).toEqual(['/app: duplicate key; JSON keeps only one of the two, so remove the other']);
  });

  it('lists every problem, in file order, with line and column', () => {
    const text = '{\n  "app": "a.wasm",\n  "memory": { "max": "64MB", "stak": "1MiB" },\n  "missingImports": "enosis",\n  "env": { "A=B": "c" }\n}';
    expect(problems(text)).toEqual([
      { file: FILE, pointer: '/memory/max', line: 3, column: 15, message: '"64MB": the unit "MB" is ambiguous; did you mean "64MiB"?' },
      { file: FILE, pointer: '/memory/stak', line: 3, column: 30, message: 'unknown key; did you mean "stack"?' },
      { file: FILE, pointer: '/missingImports', line: 4, column: 3, message: 'must be "error" or "enosys", got "enosis"; did you mean "enosys"?' },
      { file: FILE, pointer: '/env/A=B', line: 5, column: 12, message: 'a variable name must be non-empty and cannot contain "="' },
    ]);
  });

  it('places a missing key at its closest written ancestor', () => {
    expect(problems('{\n  "target": "x86_64"\n}')).toEqual([{ file: FILE, pointer: '/app', line: 1, column: 1, message: 'required key is missing' }]);
  });
});

describe('parseConfig: sizes', () => {
  it('parses sizes in bytes and with units', () => {
    const config = parse({ app: 'a.wasm', memory: { max: '4GiB', stack: '64K', ram: 8 * 1024 * MiB } });
    expect(config.memory).toEqual({ max: 4 * 1024 * MiB, stack: 64 * 1024, ram: 8 * 1024 * MiB });
  });

  it('requires page multiples and suggests the next one', () => {
    expect(errors({ app: 'a.wasm', memory: { max: '100KiB', stack: 5000, ram: '1536KiB' } })).toEqual([
      '/memory/max: "100KiB" is not a multiple of the 64KiB Wasm page; did you mean "128KiB"?',
      '/memory/stack: 5000 is not a multiple of 4KiB; did you mean "8KiB"?',
      '/memory/ram: "1536KiB" is not a multiple of 1MiB; did you mean "2MiB"?',
    ]);
  });

  it('suspects a forgotten unit on small plain numbers', () => {
    expect(errors({ app: 'a.wasm', memory: { max: 64, stack: 512, ram: 512 } })).toEqual([
      '/memory/max: 64 is not a multiple of the 64KiB Wasm page (a size without a unit is in bytes); did you mean "64MiB"?',
      '/memory/stack: 512 is not a multiple of 4KiB (a size without a unit is in bytes); did you mean "512KiB"?',
      '/memory/ram: 512 is not a multiple of 1MiB (a size without a unit is in bytes); did you mean "512MiB"?',
    ]);
  });

  it('refuses zero, more than 4GiB of Wasm memory, ambiguous and unknown units', () => {
    expect(errors({ app: 'a.wasm', memory: { max: '8GiB', stack: 0, ram: '2 megs' } })).toEqual([
      '/memory/max: "8GiB" is more than 4GiB, the most a 32-bit Wasm memory can have',
      '/memory/stack: must not be 0',
      '/memory/ram: "2 megs": unknown unit "megs"; use B, KiB, MiB or GiB',
    ]);
  });

  it('checks that the app memory leaves room for the kernel', () => {
    expect(errors({ app: 'a.wasm', memory: { max: '1GiB' } })).toEqual([
      '/memory/max: max + stack (1GiB + 1MiB) leaves no room for the kernel in ram (256MiB, the default); raise "ram" too',
    ]);
    expect(errors({ app: 'a.wasm', memory: { max: '63MiB', ram: '64MiB' } })).toEqual([
      '/memory/ram: 64MiB leaves no room for the kernel next to max + stack (63MiB + 1MiB)',
    ]);
  });
});

describe('parseConfig: other semantic problems', () => {
  it('needs a platform when the target is not a plain ISA name', () => {
    expect(errors({ app: 'a.wasm', target: './my-backend.js' })).toEqual([
      '/platform: required key is missing: there is no default platform for target "/project/my-backend.js"',
    ]);
    expect(parse({ app: 'a.wasm', target: './my-backend.js', platform: 'linux' }).target).toBe('/project/my-backend.js');
  });
});

describe('parseConfig: JSON syntax errors', () => {
  it('gives line and column', () => {
    const text = '{\n  "app": "a.wasm",\n  "target": "x86_64",\n}';
    expect(problems(text)).toEqual([{ file: FILE, pointer: '', line: 4, column: 1, message: 'trailing comma before "}"' }]);
    expect(() => parse(text)).toThrow('mewz.config.json:4:1: trailing comma before "}"');
  });
});

describe('loadConfig', () => {
  const fixtures = join(__dirname, 'fixtures', 'configs');

  it('reads a file and resolves paths against its folder', async () => {
    const config = await loadConfig(join(fixtures, 'good', 'mewz.config.json'));
    expect(config.file).toBe(join(fixtures, 'good', 'mewz.config.json'));
    expect(config.app).toBe(join(fixtures, 'good', 'hello.wat'));
    expect(config.plugins).toEqual([join(fixtures, 'good', 'plugins', 'board.mjs'), 'mewz-platform-rpi']);
    expect(config.memory.max).toBe(32 * MiB);
  });

  it('names the file in every problem', async () => {
    const file = join(fixtures, 'bad.json');
    await expect(loadConfig(file)).rejects.toThrow(`${file}: /memory/maxx: unknown key; did you mean "max"?`);
  });

  it('reports a file it cannot read', async () => {
    const file = join(fixtures, 'missing.json');
    await expect(loadConfig(file)).rejects.toThrow(new ConfigError([{ file, pointer: '', message: 'cannot read the config: no such file' }]));
  });
});
