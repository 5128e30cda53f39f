// The machine the cpu suite compiles for. x86_64 runs everything natively; aarch64 builds
// with Debian's cross gcc (static, so qemu-aarch64 needs no sysroot) and runs every
// executable under qemu-aarch64 user-mode emulation — on an x86_64 host there is no other
// way to run them, so its ratios compare emulated code with emulated code.
import { exec, firstLine } from './exec.js';
import { parseVersion } from './toolchain.js';

export type CpuTargetId = 'x86_64' | 'aarch64';

export interface CpuTarget {
  id: CpuTargetId;
  /** The C compiler of the native reference and of wasm2c's output. */
  cc: string;
  /** Extra flags of every gcc link (static for the emulated target). */
  linkFlags: readonly string[];
  /** Prefix of every run command: [] natively, ['qemu-aarch64'] emulated. */
  runner: readonly string[];
  /** Why Node cannot run on this target, if it cannot. */
  nodeUnavailable?: string;
}

export const X86_64: CpuTarget = { id: 'x86_64', cc: 'gcc', linkFlags: [], runner: [] };

export const AARCH64: CpuTarget = {
  id: 'aarch64',
  cc: 'aarch64-linux-gnu-gcc',
  linkFlags: ['-static'],
  runner: ['qemu-aarch64'],
  nodeUnavailable: 'no aarch64 Node on this machine to run under qemu-aarch64',
};

/** A program's run command on the target. */
export function runOn(target: CpuTarget, argv: readonly string[]): string[] {
  return [...target.runner, ...argv];
}

/**
 * Why the target's tools cannot run here (undefined when they can): the suite skips with
 * this reason instead of failing, since CI and most machines lack the cross compiler.
 */
export function missingTargetTools(target: CpuTarget, probe: (argv: string[]) => { ok: boolean } = probeRuns): string | undefined {
  if (target.runner.length === 0) return undefined;
  const missing: string[] = [];
  if (!probe([target.cc, '-dumpfullversion']).ok) missing.push(`${target.cc} (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)`);
  if (!probe([target.runner[0], '--version']).ok) missing.push(`${target.runner[0]} (apt-get install qemu-user)`);
  return missing.length > 0 ? `not found: ${missing.join(', ')}` : undefined;
}

/** 'qemu-aarch64 7.2.22' for the report, when the target is emulated. */
export function runnerVersion(target: CpuTarget): string | undefined {
  if (target.runner.length === 0) return undefined;
  const r = exec([target.runner[0], '--version'], { timeoutMs: 30_000 });
  const v = r.status === 0 ? parseVersion(firstLine(r.stdout)) : undefined;
  return v ? `${target.runner[0]} ${v}` : undefined;
}

function probeRuns(argv: string[]): { ok: boolean } {
  const r = exec(argv, { timeoutMs: 30_000 });
  return { ok: r.status === 0 && !r.error };
}
