// One smoke test of the executable: bin shim, ESM bundle, exit codes through a real
// process. Everything else is tested in-process on the sources. Needs `npm run build` first
// (nx runs build before test); without dist/ it is skipped rather than failing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fixture, HELLO } from './helpers.js';

// The file npm links as `mewz`; it loads dist/mewz.js.
const BIN = path.join(__dirname, '..', 'bin', 'mewz.js');
const built = existsSync(path.join(__dirname, '..', 'dist', 'mewz.js'));
const describeBuilt = built ? describe : describe.skip;

describeBuilt(built ? 'bin/mewz.js (the linked executable)' : 'bin/mewz.js (skipped: dist/ not built, run `npm run build`)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, MEWZ_DEBUG: '' } });

  test('inspect --json exits 0 with the module facts', () => {
    const r = run('inspect', HELLO, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'wat', functions: { imported: 2, defined: 1, total: 3 } });
  });

  test('validate of an invalid module exits 1 with the error on stderr', () => {
    const r = run('validate', fixture('invalid.wat'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/invalid\.wat:0x[0-9a-f]+: invalid: type mismatch/);
  });

  test('dump disassembles with capstone-wasm (which loads outside jest)', () => {
    const r = run('dump', HELLO, '--function', '_start', '--dump-asm');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('=== asm: machine code ===');
    expect(r.stdout).toMatch(/^0000 {2}55 +push rbp$/m);
    expect(r.stdout).toMatch(/^[0-9a-f]{4} {2}c3 +ret$/m);
    expect(r.stdout).toMatch(/call 0x[0-9a-f]+ {2}; pc32 __mewz_trap-4 at [0-9a-f]{4}$/m);
  });

  test('a usage error exits 2', () => {
    expect(run('inspect').status).toBe(2);
  });
});
