import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRegistry } from '@mewz/core';
import { BUILTIN_PLUGINS } from '../src/builtins.js';
import { fixture, HELLO, mewz, tempDir } from './helpers.js';

describe('mewz build', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('registers valid built-in plugins', () => {
    const registry = createRegistry({ builtins: BUILTIN_PLUGINS, baseDir: dir });
    expect(registry.list('backend').map((p) => p.name)).toEqual(['x86_64', 'aarch64']);
    // Platforms and components of other ISAs join as they are built in.
    expect(registry.list('platform').map((p) => p.name)).toEqual(expect.arrayContaining(['qemu-x86_64', 'linux']));
    expect(registry.list('component').map((p) => p.name)).toEqual(expect.arrayContaining(['kernel', 'kernel-mm', 'linux-runtime', 'qemu-x86_64-machine', 'wasi']));
    // Every ISA a built-in platform supports has a built-in backend.
    const isas = registry.list('backend').map((p) => p.name);
    for (const platform of registry.list('platform')) expect(isas).toEqual(expect.arrayContaining([...(platform as { isas: readonly string[] }).isas]));
  });

  it('writes an executable image and says what is in it', async () => {
    const out = path.join(dir, 'hello');
    const r = await mewz(['build', HELLO, '--target', 'x86_64', '--platform', 'linux', '-o', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/hello\.wat → .*hello \(\d+\.\d KiB; kernel: linux-runtime, wasi\)\n$/);
    expect(statSync(out).mode & 0o111).toBe(0o111);
  }, 120_000);

  it('reports frontend errors in their format and usage errors with status 2', async () => {
    const invalid = await mewz(['build', fixture('invalid.wat'), '--platform', 'linux', '-o', path.join(dir, 'x')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/invalid\.wat:0x[0-9a-f]+: invalid: /);
    const none = await mewz(['build']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no app given');
  });

  it('says when the image cannot be written, and leaves nothing half-written', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    const r = await mewz(['build', HELLO, '--platform', 'linux', '-o', path.join(file, 'x.elf')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^mewz: cannot write '${path.join(file, 'x.elf')}': `));
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('names an unknown platform with the known ones', async () => {
    const r = await mewz(['build', HELLO, '--platform', 'linx', '-o', path.join(dir, 'y')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown platform "linx"; known: qemu-x86_64, linux[^;]*; did you mean "linux"\?/);
  });
});
