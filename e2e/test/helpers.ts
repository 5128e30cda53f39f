// Building images with the mewz command and running them, for the end-to-end suites.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const E2E_DIR = path.resolve(__dirname, '..');
export const MEWZ = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'mewz.js');

const execFileAsync = promisify(execFile);

export interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The ISAs the linux platform builds for; the C-program suite runs on each. */
export const LINUX_TARGETS = ['x86_64', 'aarch64'] as const;
export type LinuxTarget = (typeof LINUX_TARGETS)[number];

/** `mewz build <input> --target <target> --platform linux -o <output> ...extra`. */
export async function mewzBuild(input: string, output: string, extra: string[] = [], target: LinuxTarget = 'x86_64'): Promise<Outcome> {
  return command(process.execPath, [MEWZ, 'build', input, '--target', target, '--platform', 'linux', '-o', output, ...extra]);
}

const NODE_ARCH: Readonly<Record<LinuxTarget, string>> = { x86_64: 'x64', aarch64: 'arm64' };

/**
 * How this host runs a Linux executable of `target`: directly on a host of that ISA,
 * else under qemu-user (by absolute path: the program gets only the test's environment);
 * undefined when it cannot (the reason is `cannotRun(target)`).
 */
export function linuxRunner(target: LinuxTarget): { prefix: string[] } | undefined {
  if (os.platform() !== 'linux') return undefined;
  if (os.arch() === NODE_ARCH[target]) return { prefix: [] };
  const emulator = `qemu-${target}`;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, emulator);
    if (dir !== '' && spawnSync(file, ['--version']).status === 0) return { prefix: target === 'x86_64' ? [file, '-cpu', 'max'] : [file] };
  }
  return undefined;
}

export function cannotRun(target: LinuxTarget): string {
  return `${target} Linux executables need an ${target} Linux host or qemu-${target} (Debian package qemu-user)`;
}

/** Runs a program to completion; failures are outcomes, not exceptions. */
export async function command(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, { cwd: options.cwd, env: options.env, maxBuffer: 64 << 20, encoding: 'utf8' });
    return { status: 0, signal: null, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; signal?: NodeJS.Signals | null; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number' && e.signal == null) throw error;
    return { status: typeof e.code === 'number' ? e.code : null, signal: e.signal ?? null, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * Runs an image with exactly `env` as its environment and `input` on stdin; `prefix` is
 * the emulator command line of a foreign ISA (`linuxRunner`).
 */
export function run(image: string, args: string[] = [], options: { env?: Record<string, string>; input?: string; prefix?: readonly string[] } = {}): Outcome {
  const [file, ...before] = [...(options.prefix ?? []), image];
  const r = spawnSync(file!, [...before, ...args], { env: options.env ?? {}, input: options.input ?? '', encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
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

/** Runs at most `n` of the tasks at a time (compiling and QEMU boots are CPU-bound; the machine has 2 cores). */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** An outcome whose output is kept as bytes too (apps that print binary data). */
export interface BinaryOutcome extends Outcome {
  stdoutBytes: Buffer;
  stderrBytes: Buffer;
}

/**
 * Runs `mewz <args>` with `input` piped into its stdin (bytes as given, then end of input),
 * with only PATH in the runner's environment (it must find QEMU). Killed after
 * `timeoutMs` with whatever it started; the outcome then has the signal and says so on stderr.
 */
export function mewz(args: readonly string[], options: { input?: Buffer | string; timeoutMs?: number; cwd?: string } = {}): Promise<BinaryOutcome> {
  return spawnCollect(process.execPath, [MEWZ, ...args], { input: options.input, timeoutMs: options.timeoutMs ?? 90_000, env: { PATH: process.env.PATH ?? '' }, cwd: options.cwd });
}

/**
 * Spawns a program, feeds it `input`, and collects its output as bytes and text. stdout and
 * stderr go to files, read when it has ended: QEMU's serial console drops bytes when its
 * output cannot be written at once (a socket whose reader is busy — Node's child pipes are
 * sockets), and these tests are about what the app printed, not about how fast we read it.
 */
export function spawnCollect(
  file: string,
  args: readonly string[],
  options: { input?: Buffer | string; timeoutMs: number; env?: Record<string, string>; cwd?: string },
): Promise<BinaryOutcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mewz-e2e-out-'));
  const outFile = path.join(dir, 'stdout');
  const errFile = path.join(dir, 'stderr');
  const outFd = openSync(outFile, 'w');
  const errFd = openSync(errFile, 'w');
  return new Promise<BinaryOutcome>((resolve, reject) => {
    // Its own process group, so that a timeout ends what it started too (mewz run's QEMU).
    const child = spawn(file, args, { env: options.env, cwd: options.cwd, stdio: ['pipe', outFd, errFd], detached: true });
    closeSync(outFd);
    closeSync(errFd);
    // A program that exits without reading all its input makes the write fail (EPIPE); its outcome still counts.
    child.stdin!.on('error', () => {});
    child.stdin!.end(options.input ?? '');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const stdoutBytes = readFileSync(outFile);
      const err = readFileSync(errFile);
      const stderrBytes = timedOut ? Buffer.concat([err, Buffer.from(`[killed after ${options.timeoutMs} ms]\n`)]) : err;
      resolve({ status, signal, stdout: stdoutBytes.toString('utf8'), stderr: stderrBytes.toString('utf8'), stdoutBytes, stderrBytes });
    });
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/**
 * Our environment with node_modules folders taken off PATH: clang runs the first `wasm-opt`
 * it finds, and the one npm installs (binaryen) strips the name section, which trap reports
 * need for function names.
 */
export function envWithoutNodeModules(): NodeJS.ProcessEnv {
  const PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '' && !dir.split(path.sep).includes('node_modules'))
    .join(path.delimiter);
  return { ...process.env, PATH };
}
