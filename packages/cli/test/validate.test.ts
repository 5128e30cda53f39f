import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixture, HELLO, mewz, STACK_LINE, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** A header and then a type section that claims more bytes than the file has. */
const truncated = path.join(dir, 'truncated.wasm');
writeFileSync(truncated, Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60]));
const notWasm = path.join(dir, 'notes.wasm');
writeFileSync(notWasm, 'hello, I am text\n');

describe('mewz validate', () => {
  test('a valid module: "<file>: valid", exit 0', async () => {
    expect(await mewz(['validate', HELLO])).toEqual({ code: 0, stdout: `${HELLO}: valid\n`, stderr: '' });
  });

  test('--quiet prints nothing for a valid module', async () => {
    expect(await mewz(['validate', '--quiet', HELLO])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await mewz(['validate', '-q', fixture('all-kinds.wat')])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('an invalid module: the WasmError with the file name on stderr, exit 1', async () => {
    const file = fixture('invalid.wat');
    const r = await mewz(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${escape(file)}:0x[0-9a-f]+: invalid: type mismatch.*i32\\.add.*\\(func 1\\)\\n$`));
  });

  test('--quiet still reports errors', async () => {
    const r = await mewz(['validate', '-q', fixture('invalid.wat')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(': invalid: ');
  });

  test('a malformed binary: kind malformed with the offset, exit 1', async () => {
    const r = await mewz(['validate', truncated]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${escape(truncated)}:0x[0-9a-f]+: malformed: .+\\n$`));
    const text = await mewz(['validate', notWasm]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(new RegExp(`^${escape(notWasm)}:0x0: malformed: .*magic`));
  });

  test('a WAT syntax error: file:line:col as wabt reports it, no stack, exit 1', async () => {
    const file = fixture('bad-syntax.wat');
    const r = await mewz(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`${file}:4:28: error: `)).toBe(true);
    expect(r.stderr).toContain('oops');
    expect(r.stderr).not.toContain('parseWat failed');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  test('WAT with non-ASCII text and a long non-ASCII file name', async () => {
    const nested = path.join(dir, 'ünïcödé', 'a-rather-long-directory-name-to-push-the-path-past-sixty-four-characters');
    mkdirSync(nested, { recursive: true });
    const good = path.join(nested, 'grüße.wat');
    writeFileSync(good, '(module (memory 1) (data (i32.const 0) "héllo, wörld ✓"))\n');
    expect(await mewz(['validate', good])).toEqual({ code: 0, stdout: `${good}: valid\n`, stderr: '' });
    const bad = path.join(nested, 'kaputt.wat');
    writeFileSync(bad, ';; ✓\n(module (func oops))\n');
    const r = await mewz(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`${bad}:2:15: error: unexpected token oops`)).toBe(true);
  });

  test('unreadable files: a clear message, exit 1', async () => {
    const missing = path.join(dir, 'missing.wasm');
    expect(await mewz(['validate', missing])).toEqual({ code: 1, stdout: '', stderr: `mewz: cannot read '${missing}': no such file or directory\n` });
    const folder = path.join(dir, 'folder.wasm');
    mkdirSync(folder);
    expect((await mewz(['validate', folder])).stderr).toBe(`mewz: cannot read '${folder}': is a directory\n`);
  });

  test('several files: each is reported, exit 1 if any fails', async () => {
    const r = await mewz(['validate', HELLO, fixture('invalid.wat'), fixture('all-kinds.wat')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${HELLO}: valid\n${fixture('all-kinds.wat')}: valid\n`);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
