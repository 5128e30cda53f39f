// Builds images of WAT apps with the real kernel components for this platform and boots
// them in QEMU under TCG.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aarch64Backend } from '@mewz/backend-aarch64';
import { buildImage, type ComponentPlugin } from '@mewz/core';
import { kernelComponent } from '@mewz/kernel';
import { kernelMmComponent } from '@mewz/kernel-mm';
import { plugin as wasiComponent } from '@mewz/kernel-wasi';
import wabtInit from 'wabt';
import { qemuAarch64Machine, qemuAarch64Platform, qemuCommand } from '../src/index';

export function qemuAvailable(): boolean {
  return spawnSync('qemu-system-aarch64', ['--version'], { encoding: 'utf8' }).status === 0;
}

export async function wasmOf(wat: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  // With the name section, so that trap reports can name functions.
  return wabt.parseWat('app.wat', wat).toBinary({ write_debug_names: true }).buffer;
}

export const REAL_COMPONENTS = [qemuAarch64Machine, kernelComponent, kernelMmComponent, wasiComponent] as unknown as ComponentPlugin[];

export async function buildApp(wat: string, cacheDir: string): Promise<Uint8Array> {
  const app = await wasmOf(wat);
  const built = await buildImage({ app, backend: aarch64Backend, platform: qemuAarch64Platform, components: REAL_COMPONENTS, cacheDir });
  return built.elf;
}

export interface BootResult {
  stdout: string;
  stderr: string;
  status: string;
  code: number | null;
  signal: string | null;
}

/**
 * Boots `elf` with the platform's command line. QEMU's stderr is a file or, with
 * `stderrToSocket`, a pipe of ours (a socket, as Node makes them). A hung VM is killed
 * after `limitMs` (a safety net).
 */
export function boot(elf: Uint8Array, options: { args?: string[]; env?: Record<string, string>; input?: string; memory?: number; limitMs?: number; stderrToSocket?: boolean } = {}): BootResult {
  const dir = mkdtempSync(join(tmpdir(), 'mewz-a64-boot-'));
  try {
    const image = join(dir, 'image.elf');
    const statusFile = join(dir, 'status');
    const stderrFile = join(dir, 'stderr');
    writeFileSync(image, elf);
    writeFileSync(statusFile, '');
    const request = { image, isa: 'aarch64', memory: options.memory ?? 64 << 20, accel: 'tcg' as const, args: options.args ?? ['app'], env: options.env ?? {}, statusFile };
    const run = qemuCommand(request, options.stderrToSocket ? 'socket' : 'path');
    const fd = options.stderrToSocket ? undefined : openSync(stderrFile, 'w');
    try {
      const r = spawnSync(run.command, run.args, { input: options.input ?? '\x04', encoding: 'utf8', timeout: options.limitMs ?? 60_000, stdio: ['pipe', 'pipe', fd ?? 'pipe'] });
      const stderr = fd === undefined ? r.stderr : readFileSync(stderrFile, 'utf8');
      return { stdout: r.stdout, stderr, status: readFileSync(statusFile, 'utf8'), code: r.status, signal: r.signal };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
