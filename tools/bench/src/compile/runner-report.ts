// What the phase runner (src/compile-phases-runner.ts) prints: one JSON line per build.
// Shared by the runner, which writes it, and the suite, which checks and reads it.
import type { BuildPhase } from '@mewz/core';

/** core's build phases, in pipeline order (buildImage's onPhase). */
export const BUILD_PHASES = ['decode', 'kernel', 'lower', 'optimize', 'backend', 'link'] as const satisfies readonly BuildPhase[];

export interface RunnerReport {
  /** From process start to the runner's first line: Node's own start-up. */
  startupMs: number;
  /** Importing core and the built-in plugins. */
  loadMs: number;
  /** Milliseconds per build phase, as core reported them. */
  phases: Record<BuildPhase, number>;
  /** Writing the image file (the CLI's writeImage). */
  writeMs: number;
  /** From process start to the image on disk. */
  totalMs: number;
  /** User + system time of the whole process, all threads. */
  cpuMs: number;
  /** Peak resident set size. */
  maxRssKiB: number;
  kernelCached: boolean;
  elfBytes: number;
}

/** The report in a runner's stdout (its last line), or why there is none. */
export function parseRunnerReport(stdout: string): RunnerReport | string {
  const line = stdout.trim().split('\n').pop() ?? '';
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return `no report in the runner's output: ${line.slice(0, 200) || '(empty)'}`;
  }
  const r = value as Partial<RunnerReport>;
  const numbers = ['startupMs', 'loadMs', 'writeMs', 'totalMs', 'cpuMs', 'maxRssKiB', 'elfBytes'] as const;
  const bad = numbers.filter((k) => typeof r[k] !== 'number');
  const phases = r.phases as Partial<Record<BuildPhase, unknown>> | undefined;
  const missing = BUILD_PHASES.filter((p) => typeof phases?.[p] !== 'number');
  if (bad.length > 0 || missing.length > 0 || typeof r.kernelCached !== 'boolean') {
    return `malformed runner report (missing ${[...bad, ...missing.map((p) => `phases.${p}`)].join(', ') || 'kernelCached'})`;
  }
  return r as RunnerReport;
}
