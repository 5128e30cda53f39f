// One place that runs external tools, so every caller gets the same capture, timing and
// error shape.
import { spawnSync } from 'node:child_process';
import { childrenCpuMs } from './child-cpu.js';

export interface ExecResult {
  argv: readonly string[];
  /** Exit status, or null when the process was killed by a signal or never started. */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds. */
  ms: number;
  /** User + system milliseconds of the process (10 ms resolution), where the OS tells. */
  cpuMs?: number;
  /** Set when the process could not be started or hit the timeout. */
  error?: string;
}

export interface ExecOptions {
  cwd?: string;
  timeoutMs?: number;
  /** The child's whole environment (default: ours). */
  env?: NodeJS.ProcessEnv;
}

export function exec(argv: readonly string[], options: ExecOptions = {}): ExecResult {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: options.cwd,
    // Explicit, so a caller's (or a test's) changes to process.env reach the child.
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMs,
    maxBuffer: 256 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  const error = r.error ? (timedOut ? `timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s` : r.error.message) : undefined;
  return { argv, status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms, cpuMs, error };
}

/** How a finished process ended, in words: 'exit status 3', 'killed by SIGSEGV', 'timed out after 60 s'. */
export function describeEnd(r: Pick<ExecResult, 'status' | 'signal' | 'error'>): string {
  if (r.error) return r.error;
  if (r.signal) return `killed by ${r.signal}`;
  return `exit status ${String(r.status)}`;
}

/** The first non-empty line of a tool's complaint, for one-line reasons in reports. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  );
}

/** Runs a build step; throws with the command and its stderr if it fails. */
export function execOrThrow(argv: readonly string[], options: ExecOptions = {}): ExecResult {
  const r = exec(argv, options);
  if (r.status !== 0 || r.error) {
    const detail = (r.stderr || r.stdout).trim().split('\n').slice(0, 20).join('\n');
    throw new Error(`${argv.join(' ')}: ${describeEnd(r)}${detail ? `\n${detail}` : ''}`);
  }
  return r;
}
