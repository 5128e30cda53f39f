// The machine component under the real kernel components (kernel, kernel-mm, wasi): a
// WASI app's output and exit status through both UARTs and the status line.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { x86_64Backend } from '@mewz/backend-x86_64';
import { buildImage, type ComponentPlugin } from '@mewz/core';
import { kernelComponent } from '@mewz/kernel';
import { kernelMmComponent } from '@mewz/kernel-mm';
import { plugin as wasiComponent } from '@mewz/kernel-wasi';
import wabtInit from 'wabt';
import { qemuCommand, qemuX86_64Machine, qemuX86_64Platform } from '../src/index';

const haveQemu = spawnSync('qemu-system-x86_64', ['--version']).status === 0;
if (!haveQemu) console.warn('machine tests with the real kernel skipped: qemu-system-x86_64 is not installed');
const describeReal = haveQemu ? describe : describe.skip;

const APP = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\\40\\00\\00\\00\\19\\00\\00\\00\\60\\00\\00\\00\\0b\\00\\00\\00")
  (data (i32.const 64) "hello from the unikernel\\n")
  (data (i32.const 96) "to stderr!\\n")
  (func (export "_start")
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 128)))
    (drop (call $write (i32.const 2) (i32.const 8) (i32.const 1) (i32.const 128)))
    (call $exit (i32.const 42))))`;

/** Echoes stdin to stdout until end of input, in reads of up to 64 bytes; exits with the number of reads. */
const ECHO = `(module
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\\40\\00\\00\\00\\40\\00\\00\\00")
  (func (export "_start") (local $reads i32)
    (block $done
      (loop $more
        (br_if $done (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 32)))
        (br_if $done (i32.eqz (i32.load (i32.const 32))))
        (local.set $reads (i32.add (local.get $reads) (i32.const 1)))
        (i32.store (i32.const 16) (i32.const 64))
        (i32.store (i32.const 20) (i32.load (i32.const 32)))
        (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 36)))
        (br $more)))
    (call $exit (local.get $reads))))`;

describeReal('the machine component with the real kernel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mewz-machine-real-'));
    const wabt = await wabtInit();
    const components = [qemuX86_64Machine, kernelComponent, kernelMmComponent, wasiComponent] as unknown as ComponentPlugin[];
    for (const [name, wat] of [['image.elf', APP], ['echo.elf', ECHO]] as const) {
      const app = wabt.parseWat('app.wat', wat).toBinary({}).buffer;
      const built = await buildImage({ app, backend: x86_64Backend, platform: qemuX86_64Platform, components, cacheDir: join(dir, 'cache') });
      writeFileSync(join(dir, name), built.elf);
    }
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const machine of ['microvm', 'q35']) {
    it(`runs a WASI app on ${machine}: stdout on COM1, stderr on COM2, its exit status`, () => {
      const statusFile = join(dir, `status-${machine}`);
      const stderrFile = join(dir, `stderr-${machine}`);
      writeFileSync(statusFile, '');
      const run = qemuCommand({ image: join(dir, 'image.elf'), isa: 'x86_64', memory: 64 << 20, machine, accel: 'tcg', args: ['app'], env: {}, statusFile }, 'path');
      const stderrFd = openSync(stderrFile, 'w');
      // A hung VM is killed after a minute: a safety net, not a measurement.
      const r = spawnSync(run.command, [...run.args], { stdio: ['ignore', 'pipe', stderrFd], encoding: 'latin1', timeout: 60_000 });
      closeSync(stderrFd);
      expect(r.stdout).toBe('hello from the unikernel\n');
      expect(readFileSync(stderrFile, 'latin1')).toContain('to stderr!\n');
      expect(readFileSync(statusFile, 'utf8')).toBe('exit 42\n');
      expect(run.exitStatus(r.status, r.signal, readFileSync(statusFile, 'utf8'))).toBe(42);
      expect(r.status).toBe((42 << 1) | 1);
    }, 90_000);
  }

  it.each(['microvm', 'q35'])('wakes the kernel\'s blocking read when console input arrives (%s)', async (machine) => {
    const statusFile = join(dir, `status-echo-${machine}`);
    const stderrFile = join(dir, `stderr-echo-${machine}`);
    writeFileSync(statusFile, '');
    const run = qemuCommand({ image: join(dir, 'echo.elf'), isa: 'x86_64', memory: 64 << 20, machine, accel: 'tcg', args: ['echo'], env: {}, statusFile }, 'path');
    const stderrFd = openSync(stderrFile, 'w');
    const child = spawn(run.command, [...run.args], { stdio: ['pipe', 'pipe', stderrFd] });
    closeSync(stderrFd);
    let stdout = '';
    // Input goes in a piece at a time, each after the previous one is echoed, so the guest
    // is blocked (halted, no timer) whenever a piece arrives: only COM1's interrupt wakes it.
    const pieces = ['one ', 'two ', 'three', '\x04'];
    let expected = pieces.shift()!;
    child.stdin!.write(expected);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString('latin1');
      if (stdout.endsWith(expected) && pieces.length > 0) {
        const next = pieces.shift()!;
        expected += next;
        child.stdin!.write(next);
      }
    });
    // A hung VM is killed after a minute: a safety net, not a measurement.
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    expect(stdout).toBe('one two three');
    const status = readFileSync(statusFile, 'utf8');
    expect(status).toMatch(/^exit \d+\n$/);
    // At least one read per piece: the guest waited between them.
    expect(Number(/exit (\d+)/.exec(status)![1])).toBeGreaterThanOrEqual(3);
    expect(code).not.toBeNull();
  }, 90_000);
});
