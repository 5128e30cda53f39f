// The machine component under the real kernel components (kernel, kernel-mm, wasi): a
// WASI app's output and exit status through both UARTs and the status line.
import { spawnSync } from 'node:child_process';
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

describeReal('the machine component with the real kernel', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mewz-machine-real-'));
    const wabt = await wabtInit();
    const app = wabt.parseWat('app.wat', APP).toBinary({}).buffer;
    const components = [qemuX86_64Machine, kernelComponent, kernelMmComponent, wasiComponent] as unknown as ComponentPlugin[];
    const built = await buildImage({ app, backend: x86_64Backend, platform: qemuX86_64Platform, components, cacheDir: join(dir, 'cache') });
    writeFileSync(join(dir, 'image.elf'), built.elf);
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
});
