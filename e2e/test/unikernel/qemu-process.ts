// Booting an image with the platform's own run command (what `mewz run` spawns), for tests
// that watch the QEMU process itself: when each output line arrives and how much host CPU
// the process has used by then.
import { spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { CONSOLE_EOF } from '@mewz/core';
import { targetFacts, type Target } from './targets';

export interface LineArrival {
  line: string;
  /** performance.now() when the chunk that completed the line arrived. */
  atMs: number;
  /** QEMU's user + system CPU time (ms) read from /proc at that moment; undefined if unreadable. */
  cpuMs: number | undefined;
}

export interface Boot {
  lines: LineArrival[];
  stderr: string;
  /** The app's status as the platform reads it back, or the platform's explanation. */
  status: number | Error;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** utime + stime of a live process in milliseconds, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2 (the command) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1000) / TICKS_PER_SECOND : undefined;
}

/**
 * Spawns QEMU as the target's platform would for `mewz run` (TCG, default machine unless
 * given), with no input, and records every stdout line as it arrives.
 */
export async function bootWatched(
  target: Target,
  image: string,
  statusFile: string,
  options: { args?: readonly string[]; machine?: string; timeoutMs?: number } = {},
): Promise<Boot> {
  const platform = await targetFacts(target).platform();
  writeFileSync(statusFile, '');
  const cmd = platform.run({
    image,
    isa: target,
    memory: 256 * 2 ** 20,
    machine: options.machine,
    accel: 'tcg',
    args: ['app', ...(options.args ?? [])],
    env: {},
    statusFile,
  });
  // The run command sets QEMU's stderr up for the kind of fd 2 the runner has (which `mewz
  // run` passes on): hand QEMU one of the same kind — a socket pair when ours is a socket,
  // else a file read afterwards.
  const stderrFile = `${statusFile}.stderr`;
  const stderrFd = fstatSync(2).isSocket() ? undefined : openSync(stderrFile, 'w');
  const child = spawn(cmd.command, cmd.args, { argv0: cmd.argv0, env: cmd.env ? { ...cmd.env } : process.env, stdio: ['pipe', 'pipe', stderrFd ?? 'pipe'] });
  if (stderrFd !== undefined) closeSync(stderrFd);
  const lines: LineArrival[] = [];
  let partial = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const atMs = performance.now();
    const cpuMs = child.pid === undefined ? undefined : processCpuMs(child.pid);
    partial += chunk;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      lines.push({ line: partial.slice(0, nl), atMs, cpuMs });
      partial = partial.slice(nl + 1);
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  child.stdin!.on('error', () => {});
  // No input: the console's end-of-input byte (for a 'console' stdin). The pipe stays open
  // until QEMU exits: once its stdin (a socket) is closed, QEMU 7.2 drops console output
  // that cannot be written at once.
  if (cmd.stdin === 'console') child.stdin!.write(Buffer.from([CONSOLE_EOF]));
  child.on('exit', () => child.stdin!.destroy());
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  }).finally(() => clearTimeout(timer));
  if (partial !== '') lines.push({ line: partial, atMs: performance.now(), cpuMs: undefined });
  if (stderrFd !== undefined) stderr = readFileSync(stderrFile, 'utf8');
  const statusText = readFileSync(statusFile, 'utf8');
  return { lines, stderr, status: cmd.exitStatus(code, signal, statusText === '' ? undefined : statusText) };
}
