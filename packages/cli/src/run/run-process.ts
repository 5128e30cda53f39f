// Starts what a platform's `run` returns and waits for it: stdin as the command asks,
// stdout/stderr straight through, signals to the runner passed on, the exit status read
// back through the platform's `exitStatus`.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { isatty } from 'node:tty';
import { RUN_STATUS, type RunCommand } from '@mewz/core';
import { CliError } from '../errors.js';
import { consoleFramer } from './console-framing.js';
import { relayTo } from './relay.js';

/** The runner's own stdin: a terminal is passed through, anything else is copied. */
export type RunnerStdin = NodeJS.ReadableStream & { isTTY?: boolean; destroy?(): void };

/** A fresh empty file for `RunRequest.statusFile`, and its removal. */
export async function statusFile(): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mewz-run-'));
  const file = path.join(dir, 'status');
  await writeFile(file, '');
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Runs `command` and resolves to the app's exit status. A run that ends without one
 * (`exitStatus` returns an Error) is a CliError with RUN_STATUS.noStatus; a command that
 * cannot be started is one with 127 (not found) or 126 (not executable), as shells do.
 */
export async function runProcess(command: RunCommand, statusPath: string, runnerStdin?: RunnerStdin): Promise<number> {
  // process.stdin is only touched when copied: a stream opened on fd 0 is not left behind.
  const copyStdin = command.stdin === 'console' && (runnerStdin ? runnerStdin.isTTY !== true : !isatty(0));
  const stdin = copyStdin ? (runnerStdin ?? process.stdin) : undefined;
  const fifo = command.stdout === 'drain' ? stdoutFifo(path.join(path.dirname(statusPath), 'stdout')) : undefined;
  const child = spawn(command.command, [...command.args], {
    argv0: command.argv0,
    env: command.env,
    stdio: [copyStdin ? 'pipe' : 'inherit', fifo?.writeFd ?? 'inherit', 'inherit'],
  });
  if (fifo) closeSync(fifo.writeFd);
  const drained = fifo ? drain(fifo.readFd) : Promise.resolve();
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  try {
    const ended = waitForExit(child, command.command);
    if (stdin) copyFramed(stdin, child);
    const { code, signal } = await ended;
    await drained;
    const text = await readFile(statusPath, 'utf8').catch(() => '');
    const status = command.exitStatus(code, signal, text === '' ? undefined : text);
    if (status instanceof Error) throw new CliError(`mewz: ${status.message}`, RUN_STATUS.noStatus);
    return status;
  } finally {
    for (const signal of signals) process.off(signal, forward);
    // Input the app did not read must not keep the runner alive.
    stdin?.destroy?.();
  }
}

function waitForExit(child: ChildProcess, command: string): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => reject(startError(command, error)));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * The runner's stdin to the child with the console framing, chunk by chunk; the pipe's
 * backpressure pauses reading. A child that ends without reading everything closes its
 * end (EPIPE): what was left is simply not delivered.
 */
function copyFramed(stdin: RunnerStdin, child: ChildProcess): void {
  const sink = child.stdin!;
  sink.on('error', () => {});
  pipeline(stdin, consoleFramer(), sink, (error) => {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (error && code !== 'EPIPE' && code !== 'ERR_STREAM_PREMATURE_CLOSE' && code !== 'ERR_STREAM_DESTROYED' && child.exitCode === null) {
      process.stderr.write(`mewz: copying stdin to the app failed: ${error.message}\n`);
    }
  });
}

/**
 * A named pipe for the child's stdout. A real pipe, not the socket pair Node gives a
 * child: QEMU's serial console writes a byte at a time and drops one it cannot write, and
 * a socket's buffer is spent on per-write overhead after a few hundred bytes, while a
 * pipe holds 64 KiB of them. The read end is opened first (non-blocking, so opening does
 * not wait for a writer), then the child's write end.
 */
function stdoutFifo(file: string): { readFd: number; writeFd: number } {
  execFileSync('mkfifo', ['-m', '600', file]);
  const readFd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  const writeFd = openSync(file, constants.O_WRONLY);
  return { readFd, writeFd };
}

/**
 * The child's stdout to the runner's, read as fast as it comes (a pipe handle of the event
 * loop) and relayed without blocking, so a slow reader of the runner stalls neither the
 * reading nor the child: what it cannot take yet waits in memory. (process.stdout writes
 * to a pipe synchronously on Linux, which would stall the reading too.) Resolves when all
 * of it is written.
 */
function drain(readFd: number): Promise<void> {
  const input = new Socket({ fd: readFd, readable: true, writable: false });
  const out = relayTo(1);
  return new Promise((resolve) => {
    const finish = (): void => void out.end().then(resolve);
    input.on('data', (chunk: Buffer) => out.write(chunk));
    input.once('error', finish);
    input.once('end', finish);
  });
}

/** Debian packages of the QEMU system emulators. */
const QEMU_PACKAGES: Readonly<Record<string, string>> = {
  'qemu-system-x86_64': 'qemu-system-x86',
  'qemu-system-i386': 'qemu-system-x86',
  'qemu-system-aarch64': 'qemu-system-arm',
  'qemu-system-arm': 'qemu-system-arm',
};

function startError(command: string, error: NodeJS.ErrnoException): CliError {
  const name = path.basename(command);
  if (error.code === 'ENOENT') {
    const pkg = QEMU_PACKAGES[name];
    const install = pkg !== undefined ? ` (Debian/Ubuntu: apt-get install ${pkg})` : '';
    const what = pkg !== undefined || name.startsWith('qemu-') ? `${name} is not installed or not on PATH` : `cannot run ${command}: no such file`;
    return new CliError(`mewz: ${what}${install}`, 127);
  }
  if (error.code === 'EACCES') return new CliError(`mewz: cannot run ${command}: permission denied`, 126);
  return new CliError(`mewz: cannot run ${command}: ${error.message}`, 126);
}
