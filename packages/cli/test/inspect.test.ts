import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InspectFacts } from '../src/inspect-facts.js';
import { watToWasm } from '../src/wat.js';
import { fixture, HELLO, mewz, STACK_LINE, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function inspectJson(file: string): Promise<InspectFacts> {
  const r = await mewz(['inspect', file, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as InspectFacts;
}

describe('mewz inspect', () => {
  test('examples/hello.wat, human-readable', async () => {
    const r = await mewz(['inspect', HELLO]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        `${HELLO}: Wasm module, 229 bytes, encoded from WAT`,
        'types: 3',
        'imports (2):',
        '  wasi_snapshot_preview1.fd_write: func 0 (i32, i32, i32, i32) -> i32',
        '  wasi_snapshot_preview1.proc_exit: func 1 (i32) -> ()',
        'exports (2):',
        '  memory: memory 0',
        '  _start: func 2 () -> ()',
        'functions: 3 (2 imported, 1 defined)',
        'memories (1):',
        '  0: min 1 page (64 KiB), no max',
        'tables: none',
        'globals: none',
        'start: none',
        'element segments: 0',
        'data segments: 2 (21 bytes)',
        'custom sections (1):',
        '  name: 44 bytes',
        '',
      ].join('\n'),
    );
  });

  test('examples/hello.wat, --json', async () => {
    expect(await inspectJson(HELLO)).toEqual({
      file: HELLO,
      format: 'wat',
      size: 229,
      types: 3,
      imports: [
        { module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'func', index: 0, typeIndex: 0, params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] },
        { module: 'wasi_snapshot_preview1', name: 'proc_exit', kind: 'func', index: 1, typeIndex: 1, params: ['i32'], results: [] },
      ],
      exports: [
        { name: 'memory', kind: 'memory', index: 0 },
        { name: '_start', kind: 'func', index: 2, typeIndex: 2, params: [], results: [] },
      ],
      functions: { imported: 2, defined: 1, total: 3 },
      memories: [{ index: 0, import: null, pages: { min: 1, max: null }, bytes: { min: 65536, max: null } }],
      tables: [],
      globals: [],
      start: null,
      elementSegments: 0,
      dataSegments: 2,
      dataBytes: 21,
      customSections: [{ name: 'name', size: 44 }],
    });
  });

  test('every import and export kind, tables, globals, start, segments', async () => {
    const facts = await inspectJson(fixture('all-kinds.wat'));
    expect(facts.imports).toEqual([
      { module: 'env', name: 'add', kind: 'func', index: 0, typeIndex: 0, params: ['i32', 'i32'], results: ['i32'] },
      { module: 'env', name: 'table', kind: 'table', index: 0, elemType: 'funcref', limits: { min: 2, max: null } },
      { module: 'env', name: 'memory', kind: 'memory', index: 0, pages: { min: 1, max: 4 }, bytes: { min: 65536, max: 262144 } },
      { module: 'env', name: 'base', kind: 'global', index: 0, type: 'i32', mutable: false },
      { module: 'env', name: 'counter', kind: 'global', index: 1, type: 'i64', mutable: true },
    ]);
    expect(facts.exports).toEqual([
      { name: 'refs', kind: 'table', index: 1 },
      { name: 'sp', kind: 'global', index: 2 },
      { name: 'pair', kind: 'func', index: 2, typeIndex: expect.any(Number), params: ['i64'], results: ['i64', 'f32'] },
      { name: 'memory', kind: 'memory', index: 0 },
      { name: 'base', kind: 'global', index: 0 },
    ]);
    expect(facts.functions).toEqual({ imported: 1, defined: 2, total: 3 });
    expect(facts.memories).toEqual([{ index: 0, import: 'env.memory', pages: { min: 1, max: 4 }, bytes: { min: 65536, max: 262144 } }]);
    expect(facts.tables).toEqual([
      { index: 0, import: 'env.table', elemType: 'funcref', limits: { min: 2, max: null } },
      { index: 1, import: null, elemType: 'externref', limits: { min: 8, max: 16 } },
    ]);
    expect(facts.globals).toEqual([
      { index: 0, import: 'env.base', type: 'i32', mutable: false, init: null },
      { index: 1, import: 'env.counter', type: 'i64', mutable: true, init: null },
      { index: 2, import: null, type: 'i32', mutable: true, init: 'i32.const 1024' },
      { index: 3, import: null, type: 'f64', mutable: false, init: 'f64.const 3.5' },
      { index: 4, import: null, type: 'funcref', mutable: false, init: 'ref.null func' },
    ]);
    expect(facts.start).toEqual({ index: 1, name: 'init' });
    expect(facts.elementSegments).toBe(3);
    expect(facts.dataSegments).toBe(2);
    expect(facts.dataBytes).toBe(2 + 'passive bytes'.length);
  });

  test('the human view shows the same facts', async () => {
    const r = await mewz(['inspect', fixture('all-kinds.wat')]);
    expect(r.code).toBe(0);
    for (const line of [
      '  env.table: table 0, funcref, min 2 elements, no max',
      '  env.memory: memory 0, min 1 page (64 KiB), max 4 pages (256 KiB)',
      '  env.counter: global 1, mut i64',
      '  pair: func 2 (i64) -> (i64, f32)',
      '  0: min 1 page (64 KiB), max 4 pages (256 KiB), imported from env.memory',
      '  1: externref, min 8 elements, max 16 elements',
      '  2: mut i32 = i32.const 1024',
      'start: func 1 (init)',
      'element segments: 3',
      'data segments: 2 (15 bytes)',
    ]) {
      expect(r.stdout.split('\n')).toContain(line);
    }
  });

  test('a .wasm binary, with a custom section of its own', async () => {
    const binary = await watToWasm('all-kinds.wat', readFileSync(fixture('all-kinds.wat')));
    const name = new TextEncoder().encode('mewz.test');
    const custom = [0x00, 1 + name.length + 3, name.length, ...name, 1, 2, 3];
    const file = path.join(dir, 'all-kinds.wasm');
    writeFileSync(file, Uint8Array.from([...binary, ...custom]));
    const facts = await inspectJson(file);
    expect(facts.format).toBe('wasm');
    expect(facts.size).toBe(binary.length + custom.length);
    expect(facts.customSections).toEqual([
      { name: 'name', size: expect.any(Number) },
      { name: 'mewz.test', size: 13 },
    ]);
    expect((await mewz(['inspect', file])).stdout).toContain('  mewz.test: 13 bytes\n');
  });

  test('inspect decodes but does not validate: an invalid module is shown', async () => {
    const r = await mewz(['inspect', fixture('invalid.wat')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('functions: 2 (0 imported, 2 defined)');
  });

  test('a malformed binary: WasmError on stderr, nothing on stdout, exit 1', async () => {
    const file = path.join(dir, 'short.wasm');
    writeFileSync(file, Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01]));
    const r = await mewz(['inspect', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^.*short\.wasm:0x[0-9a-f]+: malformed: .+\n$/);
  });

  test('WAT syntax errors and unreadable files', async () => {
    const bad = await mewz(['inspect', fixture('bad-syntax.wat')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.startsWith(`${fixture('bad-syntax.wat')}:4:28: error: unexpected token oops`)).toBe(true);
    expect(bad.stderr).not.toMatch(STACK_LINE);
    const missing = await mewz(['inspect', 'no/such/file.wat']);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: "mewz: cannot read 'no/such/file.wat': no such file or directory\n" });
  });
});
