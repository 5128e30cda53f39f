import { join } from 'node:path';
import { PluginError, createRegistry, type ModuleLoader, type PluginOfKind, type PluginKind } from '../src/index.js';
import { fakeBackend, fakeComponent, fakePlatform, without } from './fake-plugins.js';

const project = join(__dirname, 'fixtures', 'project');
const plugins = join(project, 'plugins');
const x86_64 = fakeBackend('x86_64');
const aarch64 = fakeBackend('aarch64');
const qemu = fakePlatform('qemu-x86_64');
const builtins = [x86_64, aarch64, qemu, fakeComponent('net')];

/**
 * Jest runs our sources as CommonJS, where `import()` is rewritten to `require`, so the
 * registry's default loader cannot run here. This loader requires the (CommonJS) fixture
 * files for real and hands back what Node's `import()` of them would: a namespace with
 * `module.exports` as `default`. The real `import()` is covered by registry-import.test.ts.
 */
const requireLoader: ModuleLoader = async (file) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports: unknown = require(file);
  const named = typeof exports === 'object' && exports !== null && !Array.isArray(exports) ? exports : {};
  return { ...named, default: exports };
};

/** A registry over the fixture project, counting module loads. */
function registry(options: { baseDir?: string; builtins?: unknown[]; load?: ModuleLoader } = {}) {
  const loads: string[] = [];
  const load = options.load ?? requireLoader;
  const reg = createRegistry({
    baseDir: options.baseDir ?? project,
    builtins: (options.builtins ?? builtins) as never,
    load: (file) => {
      loads.push(file);
      return load(file);
    },
  });
  return { reg, loads };
}

async function failure<K extends PluginKind>(promise: Promise<PluginOfKind<K> | unknown>): Promise<PluginError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PluginError);
    return error as PluginError;
  }
  throw new Error('expected a PluginError');
}

describe('createRegistry: built-ins', () => {
  it('resolves a built-in by name without loading anything', async () => {
    const { reg, loads } = registry();
    await expect(reg.resolve('backend', 'x86_64')).resolves.toBe(x86_64);
    await expect(reg.resolve('platform', 'qemu-x86_64')).resolves.toBe(qemu);
    expect(loads).toEqual([]);
    expect(reg.sourceOf(x86_64)).toBe('built-in');
  });

  it('lists plugins per kind', () => {
    const { reg } = registry();
    expect(reg.list('backend').map((p) => p.name)).toEqual(['x86_64', 'aarch64']);
    expect(reg.list('component').map((p) => p.name)).toEqual(['net']);
    expect(registry({ builtins: [] }).reg.list('platform')).toEqual([]);
  });

  it('refuses a malformed built-in, listing its problems', () => {
    expect(() => createRegistry({ baseDir: project, builtins: [without(x86_64, 'isa')] as never })).toThrow(
      new PluginError('built-in backend "x86_64" is not a valid backend plugin:\n  - missing "isa"'),
    );
  });

  it('refuses two built-ins of one kind with one name', () => {
    expect(() => createRegistry({ baseDir: project, builtins: [x86_64, fakeBackend('x86_64')] })).toThrow(
      'backend "x86_64" from built-in clashes with the backend of that name from built-in',
    );
  });

  it('does not share state between registries', async () => {
    const first = registry().reg;
    await first.load('./plugins/several.cjs');
    expect(first.list('backend')).toHaveLength(4);
    expect(registry().reg.list('backend')).toHaveLength(2);
  });
});

describe('createRegistry: unknown names', () => {
  it('lists the known names and suggests the closest', async () => {
    const error = await failure(registry().reg.resolve('backend', 'x86'));
    const [first, second] = error.message.split('\n');
    expect(first).toBe('unknown backend "x86"; known: x86_64, aarch64; did you mean "x86_64"?');
    // Where import() would look: node_modules of baseDir and of every folder above it.
    const folders = `${join(project, 'node_modules')}, ${join(project, '..', 'node_modules')}, `;
    expect(second.startsWith(`(it is not an installed package either: no package "x86" in ${folders}`)).toBe(true);
    expect(second.endsWith(`${join('/', 'node_modules')})`)).toBe(true);
    expect(error.kind).toBe('backend');
    expect(error.specifier).toBe('x86');
  });

  it('suggests nothing when nothing is close, and says when nothing is known', async () => {
    const { reg } = registry();
    expect((await failure(reg.resolve('platform', 'firecracker'))).message).toMatch(
      /^unknown platform "firecracker"; known: qemu-x86_64\n\(it is not an installed package either: no package "firecracker" in /,
    );
    expect((await failure(registry({ builtins: [] }).reg.resolve('component', 'net'))).message).toMatch(
      /^unknown component "net"; known: none\n/,
    );
    expect((await failure(reg.resolve('backend', 'Not A Package'))).message).toMatch(
      /\(it is not an installed package either: "Not A Package" is not a valid package name\)$/,
    );
  });
});

describe('createRegistry: paths', () => {
  it('loads a CommonJS file by relative path, against baseDir', async () => {
    const { reg, loads } = registry();
    const plugin = await reg.resolve('backend', './plugins/cjs-backend.cjs');
    expect(plugin.name).toBe('fake64');
    expect(loads).toEqual([join(plugins, 'cjs-backend.cjs')]);
    expect(reg.sourceOf(plugin)).toBe(join(plugins, 'cjs-backend.cjs'));
  });

  it('tries extensions, folder index files and absolute paths', async () => {
    const { reg } = registry({ baseDir: join(project, 'app') });
    await expect(reg.resolve('backend', '../plugins/cjs-backend')).resolves.toMatchObject({ name: 'fake64' });
    await expect(reg.resolve('component', '../plugins/dir-plugin')).resolves.toMatchObject({ name: 'dir-component' });
    await expect(reg.resolve('platform', join(plugins, 'only-platform.cjs'))).resolves.toMatchObject({ name: 'fake-board' });
  });

  it('takes the named "plugin" export and transpiled default exports', async () => {
    const { reg } = registry();
    await expect(reg.resolve('platform', './plugins/named-export.cjs')).resolves.toMatchObject({ name: 'named-board' });
    await expect(reg.resolve('platform', '@acme/mewz-platform-board')).resolves.toMatchObject({ name: 'acme-board' });
  });

  it('says where it looked for a missing file', async () => {
    const error = await failure(registry().reg.resolve('backend', './plugins/missing'));
    const missing = join(plugins, 'missing');
    expect(error.message).toBe(
      `cannot find backend "./plugins/missing" (relative to ${project}): no such file: looked for ` +
        `${missing}, ${missing}.js, ${missing}.mjs, ${missing}.cjs`,
    );
  });

  it('imports each file once', async () => {
    const { reg, loads } = registry();
    await reg.resolve('backend', './plugins/several.cjs').catch(() => undefined);
    await reg.resolve('platform', './plugins/several.cjs');
    await reg.load('./plugins/several.cjs');
    expect(loads).toEqual([join(plugins, 'several.cjs')]);
  });
});

describe('createRegistry: packages', () => {
  it('resolves an installed package through an import-only "exports" map, from a subfolder', async () => {
    const { reg, loads } = registry({ baseDir: join(project, 'app') });
    await expect(reg.resolve('backend', 'mewz-backend-fake')).resolves.toMatchObject({ name: 'pkg64' });
    expect(loads).toEqual([join(project, 'node_modules', 'mewz-backend-fake', 'index.cjs')]);
  });

  it('resolves subpath exports, with conditions and patterns', async () => {
    const { reg } = registry();
    await expect(reg.resolve('component', 'mewz-multi/extra')).resolves.toMatchObject({ name: 'multi-extra' });
    await expect(reg.resolve('component', 'mewz-multi/parts/clock')).resolves.toMatchObject({ name: 'multi-clock' });
  });

  it('resolves an ESM-only package to its "import" entry', async () => {
    const fake = fakePlatform('esm-board');
    const { reg, loads } = registry({ load: async () => ({ plugin: fake }) });
    await expect(reg.resolve('platform', 'mewz-esm-only')).resolves.toBe(fake);
    expect(loads).toEqual([join(project, 'node_modules', 'mewz-esm-only', 'index.js')]);
  });

  it('reports an installed package that does not export what is asked', async () => {
    const dir = join(project, 'node_modules', 'mewz-broken-exports');
    expect((await failure(registry().reg.resolve('backend', 'mewz-broken-exports'))).message).toBe(
      `cannot load backend "mewz-broken-exports": package ${dir} does not export "." for import (see "exports" in its package.json)`,
    );
    expect((await failure(registry().reg.resolve('component', 'mewz-multi/nope'))).message).toMatch(/does not export "\.\/nope"/);
  });
});

describe('createRegistry: modules that are not the plugin asked for', () => {
  it('says what a module exports when it has no plugin of the kind', async () => {
    const error = await failure(registry().reg.resolve('backend', './plugins/only-platform.cjs'));
    expect(error.message).toBe(
      `"./plugins/only-platform.cjs" (${join(plugins, 'only-platform.cjs')}) exports no backend plugin (it exports platform "fake-board")`,
    );
    const none = await failure(registry().reg.resolve('backend', './plugins/no-plugin.cjs'));
    expect(none.message).toBe(
      `"./plugins/no-plugin.cjs" (${join(plugins, 'no-plugin.cjs')}) exports no backend plugin (it exports 1 value without a "kind")`,
    );
    const empty = await failure(registry({ load: async () => ({}) }).reg.resolve('backend', './plugins/no-plugin.cjs'));
    expect(empty.message).toMatch(/exports no backend plugin \(expected a default export, a named "plugin" export, or an array of plugins\)$/);
  });

  it('lists every shape problem and names the source', async () => {
    const error = await failure(registry().reg.resolve('backend', './plugins/bad-backend.cjs'));
    expect(error.message).toBe(
      `backend "broken" from "./plugins/bad-backend.cjs" (${join(plugins, 'bad-backend.cjs')}) is not a valid backend plugin:\n` +
        '  - missing "isa"\n' +
        '  - "relocations.abs64.patch" must be a function, got "not a function"',
    );
    expect(error.problems).toEqual(['missing "isa"', '"relocations.abs64.patch" must be a function, got "not a function"']);
  });

  it('refuses a plugin written for another API version', async () => {
    const error = await failure(registry().reg.resolve('backend', './plugins/v2-backend.cjs'));
    expect(error.problems).toEqual(['apiVersion 2 is not supported (this mewz supports 1)']);
  });

  it('reports a module that fails to load, keeping the cause', async () => {
    const error = await failure(registry().reg.resolve('backend', './plugins/throws.cjs'));
    expect(error.message).toBe(`cannot load backend "./plugins/throws.cjs" (${join(plugins, 'throws.cjs')}): plugin exploded while loading`);
    expect((error.cause as Error).message).toBe('plugin exploded while loading');
  });

  it('refuses to guess between several plugins of one kind', async () => {
    const error = await failure(registry().reg.resolve('backend', './plugins/several.cjs'));
    expect(error.message).toBe(
      `"./plugins/several.cjs" (${join(plugins, 'several.cjs')}) exports 2 backend plugins ("a64", "b64"); ` +
        'list it under "plugins" in the config and name the one to use',
    );
  });
});

describe('registry.load', () => {
  it('makes every plugin of a module known by name', async () => {
    const { reg } = registry();
    const loaded = await reg.load('./plugins/several.cjs');
    expect(loaded.map((p) => `${p.kind}:${p.name}`)).toEqual(['backend:a64', 'backend:b64', 'platform:board', 'component:fake-net']);
    expect(reg.list('backend').map((p) => p.name)).toEqual(['x86_64', 'aarch64', 'a64', 'b64']);
    const b64 = await reg.resolve('backend', 'b64');
    expect(b64).toBe(loaded[1]);
    expect(reg.sourceOf(b64)).toBe(join(plugins, 'several.cjs'));
    await expect(reg.load('./plugins/several.cjs')).resolves.toEqual(loaded);
  });

  it('loads packages', async () => {
    const { reg } = registry();
    await reg.load('mewz-multi');
    await expect(reg.resolve('component', 'multi-fs')).resolves.toMatchObject({ name: 'multi-fs' });
  });

  it('refuses a plugin whose name a built-in already has', async () => {
    const { reg } = registry({ builtins: [fakeBackend('fake64')] });
    const error = await failure(reg.load('./plugins/cjs-backend.cjs'));
    expect(error.message).toBe(
      `backend "fake64" from ${join(plugins, 'cjs-backend.cjs')} clashes with the backend of that name from built-in`,
    );
  });

  it('reports missing packages, modules without plugins and invalid plugins', async () => {
    const { reg } = registry();
    expect((await failure(reg.load('mewz-nothing'))).message).toMatch(
      new RegExp(`^cannot find plugin package "mewz-nothing": no package "mewz-nothing" in ${escape(join(project, 'node_modules'))}, `),
    );
    expect((await failure(reg.load('./plugins/no-plugin.cjs'))).message).toBe(
      `"./plugins/no-plugin.cjs" (${join(plugins, 'no-plugin.cjs')}) exports no plugins (it exports 1 value without a "kind")`,
    );
    const invalid = await failure(reg.load('./plugins/bad-backend.cjs'));
    expect(invalid.message).toMatch(/^backend "broken" from .* is not a valid backend plugin:\n {2}- missing "isa"\n/);
    const v2 = await failure(registry({ load: async () => ({ default: [{ kind: 'platform', name: 'p', apiVersion: 2 }, { kind: 'gizmo' }] }) }).reg.load('./plugins/several.cjs'));
    expect(v2.message.split('\n')).toEqual([
      `platform "p" from "./plugins/several.cjs" (${join(plugins, 'several.cjs')}) is not a valid platform plugin:`,
      '  - apiVersion 2 is not supported (this mewz supports 1)',
      `plugin from "./plugins/several.cjs" (${join(plugins, 'several.cjs')}) is not a valid plugin:`,
      '  - kind is "gizmo", expected "backend", "platform" or "component"',
      '  - missing "name"',
      '  - missing "apiVersion"',
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
