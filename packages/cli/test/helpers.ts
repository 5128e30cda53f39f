// Runs `mewz` in-process with captured output, and locates the fixtures.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliCommand } from '../src/command.js';
import { COMMANDS } from '../src/commands/index.js';
import { main } from '../src/main.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function mewz(args: string[], options: { env?: Record<string, string>; commands?: readonly CliCommand[] } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: options.env ?? {} };
  const code = await main(args, io, options.commands ?? COMMANDS);
  return { code, stdout, stderr };
}

export const FIXTURES = path.join(__dirname, 'fixtures');
export const fixture = (name: string): string => path.join(FIXTURES, name);
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const HELLO = path.join(REPO_ROOT, 'examples', 'hello.wat');

/** A fresh temporary directory per test file; call the returned cleanup in afterAll. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mewz-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A stack trace line, which must never reach a user without --debug. */
export const STACK_LINE = /^\s+at .+\(.*:\d+:\d+\)$/m;
