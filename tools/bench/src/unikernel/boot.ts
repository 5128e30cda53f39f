// One timed boot of an image with its platform's run command (what `mewz run` spawns, minus
// the runner's Node start-up): from spawning QEMU to the first byte on stdout and to the
// process's exit, with the output and the status the platform reads back.
import { spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { CONSOLE_EOF, type RunCommand, type RunRequest } from '@mewz/core';

export interface BootTiming {
  /** Milliseconds from spawn to the first stdout byte; undefined when nothing was printed. */
  firstOutputMs: number | undefined;
  /** Milliseconds from spawn to the process's exit. */
  exitMs: number;
  stdout: string;
  stderr: string;
  /** The app's status as the platform reads it back, or why there is none. */
  status: number | string;
  timedOut: boolean;
}

/** The platform's `run`, as the suite needs it (a PlatformPlugin satisfies it). */
export type RunFunction = (request: RunRequest) => RunCommand;

export async function timedBoot(run: RunFunction, request: RunRequest, timeoutMs: number): Promise<BootTiming> {
  writeFileSync(request.statusFile, '');
  const cmd = run(request);
  const start = performance.now();
  // The run command sets QEMU's stderr up for the kind of fd 2 the runner has (which `mewz
  // run` passes on): hand QEMU one of the same kind — a socket pair when ours is a socket,
  // else a file read afterwards.
  const stderrFile = `${request.statusFile}.stderr`;
  const stderrFd = fstatSync(2).isSocket() ? undefined : openSync(stderrFile, 'w');
  const child = spawn(cmd.command, cmd.args, { argv0: cmd.argv0, env: cmd.env ? { ...cmd.env } : process.env, stdio: ['pipe', 'pipe', stderrFd ?? 'pipe'] });
  if (stderrFd !== undefined) closeSync(stderrFd);
  let firstOutputMs: number | undefined;
  let exitMs = 0;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (b: Buffer) => {
    firstOutputMs ??= performance.now() - start;
    out.push(b);
  });
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  child.stdin!.on('error', () => {}); // a VM that ends before reading its input
  // No input: the console's end-of-input byte. The pipe stays open until QEMU exits: once
  // its stdin (a socket) is closed, QEMU 7.2 drops console output that cannot be written at once.
  if (cmd.stdin === 'console') child.stdin!.write(Buffer.from([CONSOLE_EOF]));
  child.on('exit', () => child.stdin!.destroy());
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  child.on('exit', () => (exitMs = performance.now() - start));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  }).finally(() => clearTimeout(timer));
  if (stderrFd !== undefined) err.push(readFileSync(stderrFile));
  const statusText = readFileSync(request.statusFile, 'utf8');
  const status = cmd.exitStatus(code, signal, statusText === '' ? undefined : statusText);
  return {
    firstOutputMs,
    exitMs,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    status: status instanceof Error ? status.message : status,
    timedOut,
  };
}

/** Whether a boot printed exactly `stdout`, nothing on stderr, and exited 0. */
export function bootCorrect(boot: BootTiming, stdout: string): boolean {
  return !boot.timedOut && boot.status === 0 && boot.stdout === stdout && boot.stderr === '';
}

/** 'exit status 3', 'timed out', or the platform's explanation, and what it printed: for failure lines. */
export function describeBoot(boot: BootTiming): string {
  const end = boot.timedOut ? 'timed out' : typeof boot.status === 'number' ? `status ${boot.status}` : boot.status;
  return `${end}; stdout ${JSON.stringify(boot.stdout.slice(0, 200))}, stderr ${JSON.stringify(boot.stderr.slice(0, 200))}`;
}
