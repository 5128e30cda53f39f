// Builds images with the platform's stubs around the fixture kernel (test/fixtures/
// boot-kernel) and boots them in QEMU under TCG.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { x86_64Backend } from '@mewz/backend-x86_64';
import { buildImage, type BuiltImage, type ComponentPlugin, type PlatformPlugin } from '@mewz/core';
import wabtInit from 'wabt';
import { qemuCommand, qemuX86_64Platform } from '../src/index';

export const FIXTURE_COMPONENT: ComponentPlugin = Object.freeze({
  kind: 'component' as const,
  name: 'boot-fixture',
  apiVersion: 1 as const,
  description: 'stand-in kernel for the boot tests',
  sources: [join(__dirname, 'fixtures/boot-kernel/index.ts')],
  provides: ['say', 'quit', 'load', 'store'].map((name) => ({ module: 'fixture', name })),
  requires: {},
});

/** The platform with the fixture kernel instead of the real components. */
export const FIXTURE_PLATFORM: PlatformPlugin = Object.freeze({ ...qemuX86_64Platform, components: [FIXTURE_COMPONENT.name] });

export const FIXTURE_IMPORTS = `
  (import "fixture" "say" (func $say (param i32)))
  (import "fixture" "quit" (func $quit (param i32)))
  (import "fixture" "load" (func $load (param i32 i64) (result i32)))
  (import "fixture" "store" (func $store (param i32 i64)))`;

export async function wasmOf(wat: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const m = wabt.parseWat('app.wat', wat);
  return m.toBinary({}).buffer;
}

export async function buildFixture(body: string, stack = 64 * 1024): Promise<BuiltImage> {
  const app = await wasmOf(`(module ${FIXTURE_IMPORTS} (func (export "_start") ${body}))`);
  return buildImage({ app, backend: x86_64Backend, platform: FIXTURE_PLATFORM, components: [FIXTURE_COMPONENT], memory: { stack } });
}

export interface BootResult {
  stdout: string;
  stderr: string;
  status: string;
  code: number | null;
  signal: string | null;
}

export function qemuAvailable(): boolean {
  return spawnSync('qemu-system-x86_64', ['--version'], { encoding: 'utf8' }).status === 0;
}

/**
 * Boots `elf` with the platform's command line. QEMU's stderr is a pipe of ours (a
 * socket, as Node makes them) or, with `stderrToFile`, a file. A hung VM is killed after
 * `limitMs` (a safety net, not a measurement).
 */
export function boot(elf: Uint8Array, options: { machine?: string; args?: string[]; env?: Record<string, string>; stderrToFile?: boolean; limitMs?: number } = {}): BootResult {
  const dir = mkdtempSync(join(tmpdir(), 'mewz-boot-'));
  try {
    const image = join(dir, 'image.elf');
    const statusFile = join(dir, 'status');
    const stderrFile = join(dir, 'stderr');
    writeFileSync(image, elf);
    writeFileSync(statusFile, '');
    const request = { image, isa: 'x86_64', memory: 64 << 20, machine: options.machine, accel: 'tcg' as const, args: options.args ?? ['app'], env: options.env ?? {}, statusFile };
    const run = qemuCommand(request, options.stderrToFile ? 'path' : 'socket');
    const fd = options.stderrToFile ? openSync(stderrFile, 'w') : undefined;
    try {
      const r = spawnSync(run.command, run.args, { input: '', encoding: 'utf8', timeout: options.limitMs ?? 30_000, stdio: ['pipe', 'pipe', fd ?? 'pipe'] });
      const stderr = fd === undefined ? r.stderr : readFileSync(stderrFile, 'utf8');
      return { stdout: r.stdout, stderr, status: readFileSync(statusFile, 'utf8'), code: r.status, signal: r.signal };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
