// Times the three builds of the suite in interleaved rounds (a rotation per round, as the
// cpu suite does, so background load on this shared machine falls on all of them alike):
//   cli    — `mewz build` as a user runs it, the kernel module cached (the usual case);
//   cached — the phase runner, same build, phases reported by core's onPhase;
//   cold   — the phase runner with an empty kernel cache, so asc compiles the kernel.
// Every executable built is run and must print what the native build prints.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareOutput } from '../cpu/check.js';
import { describeEnd, exec, firstLine, type ExecResult } from '../cpu/exec.js';
import { roundOrder } from '../cpu/timer.js';
import { parseGnuTime, underGnuTime } from './gnu-time.js';
import { parseRunnerReport, type RunnerReport } from './runner-report.js';

export const BUILD_KINDS = ['cli', 'cached', 'cold'] as const;
export type BuildKind = (typeof BUILD_KINDS)[number];

export interface BuildSample {
  wallMs: number;
  cpuMs?: number;
  maxRssKiB?: number;
  /** The runner's own account (cached and cold builds). */
  report?: RunnerReport;
}

export interface RoundsSetup {
  node: string;
  /** The mewz executable (`npx mewz`'s target). */
  mewzBin: string;
  /** dist/compile-phases-runner.js */
  runner: string;
  wasm: string;
  /** Where builds run: the repository root, so the CLI and the runner share its kernel cache. */
  cwd: string;
  /** What every built executable must print. */
  reference: ExecResult;
  runs: number;
  warmup: number;
  timeoutMs: number;
  /** GNU time, if present: peak RSS and CPU time of the CLI. */
  gnuTime?: string;
  log(line: string): void;
}

export interface RoundsResult {
  samples: Record<BuildKind, BuildSample[]>;
  /** A build that failed or built a wrong executable; its kind is not timed further. */
  failures: Partial<Record<BuildKind, string>>;
}

export function timeBuilds(setup: RoundsSetup): RoundsResult {
  const work = mkdtempSync(path.join(tmpdir(), 'mewz-bench-compile-'));
  const samples: Record<BuildKind, BuildSample[]> = { cli: [], cached: [], cold: [] };
  const failures: Partial<Record<BuildKind, string>> = {};
  try {
    const rounds = setup.warmup + setup.runs;
    for (let round = 0; round < rounds; round++) {
      const timed = round >= setup.warmup;
      for (const index of roundOrder(BUILD_KINDS.length, round)) {
        const kind = BUILD_KINDS[index];
        if (failures[kind]) continue;
        const result = buildOnce(kind, setup, work);
        if (typeof result === 'string') {
          failures[kind] = round === 0 ? result : `${result} (in round ${round + 1}; earlier builds were right)`;
          setup.log(`  ${kind}: FAILED: ${result}`);
          continue;
        }
        if (timed) samples[kind].push(result);
        setup.log(`  ${timed ? `run ${round - setup.warmup + 1}` : 'warm-up'} ${kind.padEnd(6)} ${(result.wallMs / 1000).toFixed(2)} s${result.report ? ` (kernel ${result.report.kernelCached ? 'cached' : 'compiled'})` : ''}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { samples, failures };
}

/** One build of `kind` and a run of what it built: the sample, or why it is wrong. */
function buildOnce(kind: BuildKind, setup: RoundsSetup, work: string): BuildSample | string {
  const out = path.join(work, `app-${kind}`);
  const usageFile = path.join(work, `usage-${kind}`);
  const kernelCache = kind === 'cold' ? mkdtempSync(path.join(work, 'kernel-cache-')) : undefined;
  try {
    let argv: string[];
    if (kind === 'cli') {
      const build = [setup.node, setup.mewzBin, 'build', setup.wasm, '--target', 'x86_64', '--platform', 'linux', '-o', out];
      argv = setup.gnuTime ? underGnuTime(build, usageFile, setup.gnuTime) : build;
    } else {
      argv = [setup.node, setup.runner, setup.wasm, out, ...(kernelCache ? [kernelCache] : [])];
    }
    const r = exec(argv, { cwd: setup.cwd, timeoutMs: setup.timeoutMs });
    if (r.status !== 0 || r.error) return `build failed (${describeEnd(r)}): ${firstLine(r.stderr) || firstLine(r.stdout)}`;

    const sample: BuildSample = { wallMs: r.ms, cpuMs: r.cpuMs };
    if (kind === 'cli' && setup.gnuTime) {
      const usage = parseGnuTime(readFileSync(usageFile, 'utf8'));
      if (usage) Object.assign(sample, usage);
    }
    if (kind !== 'cli') {
      const report = parseRunnerReport(r.stdout);
      if (typeof report === 'string') return report;
      if (report.kernelCached !== (kind === 'cached')) return `the kernel was ${report.kernelCached ? 'cached' : 'compiled'}, expected it ${kind === 'cached' ? 'cached' : 'compiled'}`;
      Object.assign(sample, { cpuMs: report.cpuMs, maxRssKiB: report.maxRssKiB, report });
    }
    const wrong = compareOutput(setup.reference, exec([out], { timeoutMs: 120_000 }));
    return wrong === undefined ? sample : `the executable it built is wrong: ${wrong}`;
  } finally {
    if (kernelCache) rmSync(kernelCache, { recursive: true, force: true });
  }
}
