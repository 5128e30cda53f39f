// Building images with the mewz command and running them, for the end-to-end suites.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const E2E_DIR = path.resolve(__dirname, '..');
const MEWZ = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'mewz.js');

const execFileAsync = promisify(execFile);

export interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `mewz build <input> --target x86_64 --platform linux -o <output> ...extra`. */
export async function mewzBuild(input: string, output: string, extra: string[] = []): Promise<Outcome> {
  return command(process.execPath, [MEWZ, 'build', input, '--target', 'x86_64', '--platform', 'linux', '-o', output, ...extra]);
}

/** Runs a program to completion; failures are outcomes, not exceptions. */
export async function command(file: string, args: string[], options: { cwd?: string } = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, { cwd: options.cwd, maxBuffer: 64 << 20, encoding: 'utf8' });
    return { status: 0, signal: null, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; signal?: NodeJS.Signals | null; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number' && e.signal == null) throw error;
    return { status: typeof e.code === 'number' ? e.code : null, signal: e.signal ?? null, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Runs an image with exactly `env` as its environment and `input` on stdin. */
export function run(image: string, args: string[] = [], options: { env?: Record<string, string>; input?: string } = {}): Outcome {
  const r = spawnSync(image, args, { env: options.env ?? {}, input: options.input ?? '', encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
  // A program that exits without reading its stdin makes writing the input fail with EPIPE;
  // its status and output are still complete.
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'EPIPE') throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder for one suite; remove it in afterAll. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether a tool runs at all (`tool --version`). */
export function available(tool: string): boolean {
  return spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
}
