// Building unikernel images with the mewz command and booting them with `mewz run`, for the
// test files in this folder.
import path from 'node:path';
import { type BinaryOutcome, command, E2E_DIR, envWithoutNodeModules, mewz, type Outcome } from '../helpers';
import type { Target } from './targets';

/** The apps written for these tests (C and WAT). */
export const APPS_DIR = path.join(E2E_DIR, 'unikernel');

/** Status of `mewz run` after a trap (RUN_STATUS.trap in @mewz/core). */
export const TRAP_STATUS = 134;

/** `clang-14 --target=wasm32-wasi -O2 <source> -o <wasm>`, as the C programs of e2e/c are built (no npm wasm-opt). */
export function compileC(source: string, wasm: string): Promise<Outcome> {
  return command('clang-14', ['--target=wasm32-wasi', '-O2', source, '-o', wasm, '-lm'], { env: envWithoutNodeModules() });
}

/** `mewz build <input> --target <target> -o <image>`: the ISA's default platform, a bootable image. */
export function buildImage(input: string, image: string, target: Target, extra: readonly string[] = []): Promise<BinaryOutcome> {
  return mewz(['build', input, '--target', target, '-o', image, ...extra]);
}

/** Throws with the tool's output when a build step failed, so each test shows why. */
export function expectBuilt(step: string, out: Outcome): void {
  if (out.status !== 0) throw new Error(`${step} failed (status ${String(out.status)}):\n${out.stderr}${out.stdout}`);
}

export interface RunOptions {
  args?: readonly string[];
  /** Entries passed with --env, in order. */
  env?: readonly (readonly [string, string])[];
  input?: Buffer | string;
  machine?: string;
  /** Guest RAM (--memory), e.g. '16MiB'. */
  memory?: string;
  /** Where mewz runs: a .wasm/.wat app is built into out/ there. */
  cwd?: string;
}

/** `mewz run <app> --target <target> --accel tcg [--machine M] [--memory M] [--env K=V]… -- args…`. */
export function runApp(app: string, target: Target, options: RunOptions = {}): Promise<BinaryOutcome> {
  const argv = ['run', app, '--target', target, '--accel', 'tcg'];
  if (options.machine) argv.push('--machine', options.machine);
  if (options.memory) argv.push('--memory', options.memory);
  for (const [key, value] of options.env ?? []) argv.push('--env', `${key}=${value}`);
  argv.push('--', ...(options.args ?? []));
  return mewz(argv, { input: options.input, cwd: options.cwd });
}

/** The parts of an outcome a test compares as text. */
export function textOf(out: Outcome): { status: number | null; stdout: string; stderr: string } {
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}
