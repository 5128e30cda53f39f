// `mewz run --target aarch64 --platform linux` end to end through the executable: the
// aarch64 backend is built in, the linux platform builds an aarch64 static executable and
// runs it (under qemu-aarch64 on another host): args, env, exit status and raw stdin, and
// an aarch64 image run as is (its ISA read from e_machine).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { arch } from 'node:os';
import path from 'node:path';
import { fixture, tempDir } from './helpers.js';

const BIN = path.join(__dirname, '..', 'bin', 'mewz.js');
const built = existsSync(path.join(__dirname, '..', 'dist', 'mewz.js'));
const canRun = process.platform === 'linux' && (arch() === 'arm64' || spawnSync('qemu-aarch64', ['--version']).status === 0);
const why = !built ? 'dist/ not built, run `npm run build`' : !canRun ? 'needs an aarch64 Linux host or qemu-aarch64 (Debian package qemu-user)' : '';
const PROBE = fixture('run-probe.wat');

function mewzRun(args: string[], input: Uint8Array = Buffer.alloc(0)) {
  const r = spawnSync(process.execPath, [BIN, 'run', ...args], { input, env: { ...process.env, MEWZ_DEBUG: '' }, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

(why === '' ? describe : describe.skip)(`mewz run --target aarch64 --platform linux${why === '' ? '' : ` (skipped: ${why})`}`, () => {
  const { dir, cleanup } = tempDir();
  const image = path.join(dir, 'probe-a64');
  afterAll(cleanup);

  test('builds an aarch64 executable and runs it: args after --, env, exit status', () => {
    const r = mewzRun([PROBE, '--target', 'aarch64', '--platform', 'linux', '-o', image, '-e', 'GREETING=hello world', '--', 'one', 'two words', '']);
    expect(r.stderr).toBe('');
    expect(r.stdout.toString('latin1').split('\n')).toEqual(['arg:run-probe', 'arg:one', 'arg:two words', 'arg:', 'env:GREETING=hello world', '']);
    expect(r.status).toBe(4);
    const elf = readFileSync(image);
    expect(elf.readUInt16LE(18)).toBe(183); // e_machine EM_AARCH64
  }, 120_000);

  test('the image runs as is; stdin reaches the app byte for byte', () => {
    const input = Buffer.from([0x61, 0x04, 0x10, 0x0a, 0x04, 0x00, 0xff, 0x10]);
    const r = mewzRun([image], input);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.equals(Buffer.concat([Buffer.from('arg:probe-a64\n'), input]))).toBe(true);
  }, 60_000);

  test('a trap names its kind and function and ends with status 134', () => {
    const wat = path.join(dir, 'trap.wat');
    writeFileSync(wat, '(module (func $divide (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))) (func (export "_start") (drop (call $divide (i32.const 0)))))');
    const r = mewzRun([wat, '--target', 'aarch64', '--platform', 'linux', '-o', path.join(dir, 'trap')]);
    expect(r.stderr).toBe('trap: integer divide by zero in divide\n');
    expect(r.status).toBe(134);
  }, 120_000);

  // struct stat differs between the ISAs (mode and nlink move, nlink narrows): the runtime
  // reads each ISA's own layout, so a file on stdin gives the same WASI filestat on both.
  test.each(['x86_64', 'aarch64'])('fd_filestat_get on a file as stdin (%s) reports what stat(2) does', (isa) => {
    if (isa === 'x86_64' && arch() !== 'x64') return; // the x86_64 build runs natively only here
    const file = fixture('filestat-probe.wat');
    const fd = openSync(file, 'r');
    try {
      const r = spawnSync(process.execPath, [BIN, 'run', file, '--target', isa, '--platform', 'linux', '-o', path.join(dir, `filestat-${isa}`)], { stdio: [fd, 'pipe', 'pipe'] });
      expect(r.stderr.toString()).toBe('');
      expect(r.status).toBe(0);
      const st = statSync(file, { bigint: true });
      const out = r.stdout;
      expect(out.length).toBe(64);
      expect(out.readBigUInt64LE(0)).toBe(st.dev);
      expect(out.readBigUInt64LE(8)).toBe(st.ino);
      expect(out[16]).toBe(4); // regular file
      expect(out.readBigUInt64LE(24)).toBe(st.nlink);
      expect(out.readBigUInt64LE(32)).toBe(st.size);
      expect(out.readBigUInt64LE(48)).toBe(st.mtimeNs);
    } finally {
      closeSync(fd);
    }
  }, 120_000);
});
