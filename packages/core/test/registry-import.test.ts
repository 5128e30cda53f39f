// The registry's default loader is a real dynamic import(). Jest runs our sources as
// CommonJS (swc rewrites import() to require), so this test bundles the sources as ESM
// with esbuild (tsup's bundler) and runs them in a plain Node process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const root = join(__dirname, '..');
const project = join(__dirname, 'fixtures', 'project');
let dir: string;
let bundle: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mewz-core-'));
  bundle = join(dir, 'core.mjs');
  buildSync({
    entryPoints: [join(root, 'src', 'index.ts')],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The sibling's sources, so that the test does not depend on its build.
    alias: { '@mewz/object': join(root, '..', 'object', 'src', 'index.ts') },
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runEsm(body: string): unknown {
  const script = `import * as core from ${JSON.stringify(pathToFileURL(bundle).href)};\nconst out = [];\n${body}\nconsole.log(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(stdout);
}

it('imports plugins for real: .mjs and .cjs files, ESM-only and import-only packages', () => {
  const out = runEsm(`
    const reg = core.createRegistry({ baseDir: ${JSON.stringify(project)} });
    out.push((await reg.resolve('backend', './plugins/esm-backend.mjs')).name);
    out.push((await reg.resolve('backend', './plugins/cjs-backend.cjs')).name);
    out.push((await reg.resolve('platform', 'mewz-esm-only')).name);
    out.push((await reg.resolve('backend', 'mewz-backend-fake')).name);
    out.push((await reg.resolve('platform', '@acme/mewz-platform-board')).name);
    out.push((await reg.load('./plugins/several.cjs')).map((p) => p.name));
    try { await reg.resolve('backend', './plugins/throws.cjs'); } catch (e) { out.push(e.name + ': ' + e.message); }
  `);
  expect(out).toEqual([
    'esm64',
    'fake64',
    'esm-board',
    'pkg64',
    'acme-board',
    ['a64', 'b64', 'board', 'fake-net'],
    `PluginError: cannot load backend "./plugins/throws.cjs" (${join(project, 'plugins', 'throws.cjs')}): plugin exploded while loading`,
  ]);
});

it('bundles the config schema (a JSON import) and loads configs', () => {
  const out = runEsm(`
    const config = core.parseConfig('{ "app": "hello.wasm", "memory": { "max": "128MiB" } }', '/p/mewz.config.json');
    out.push(config.app, config.memory.max, core.configSchema.title);
  `);
  expect(out).toEqual(['/p/hello.wasm', 128 * 1024 * 1024, 'mewz.config.json']);
});
