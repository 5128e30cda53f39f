// What one run of the compile suite found: the data its section is rendered from, and the
// summaries (median, min, max per phase and per build) the section shows.
import { median } from '../measure.js';
import type { MachineInfo } from '../machine.js';
import type { ToolVersions } from '../cpu/toolchain.js';
import type { BuildKind, BuildSample } from './rounds.js';
import type { RunnerReport } from './runner-report.js';
import type { WasmFacts } from './wasm-facts.js';

export interface CompileRun {
  date: string;
  machine: MachineInfo;
  /** 1-minute load average when the suite ended. */
  loadAfter: number;
  versions: ToolVersions;
  /** Which mewz was measured ('the CLI built in this checkout (HEAD …)'). */
  mewzSource: string;
  program: { functions: number; seed: number; shapes: Readonly<Record<string, number>>; facts: WasmFacts };
  runs: number;
  warmup: number;
  samples: Readonly<Record<BuildKind, readonly BuildSample[]>>;
  failures: Readonly<Partial<Record<BuildKind, string>>>;
}

export interface Spread {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export function spread(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  return { medianMs: median(values), minMs: Math.min(...values), maxMs: Math.max(...values) };
}

export interface PhaseRow {
  label: string;
  pick(r: RunnerReport): number;
}

/** The rows of the phase table, in pipeline order; they add up to the runner's total. */
export const PHASE_ROWS: readonly PhaseRow[] = [
  { label: 'Node start-up + loading the toolchain', pick: (r) => r.startupMs + r.loadMs },
  { label: 'decode + validate', pick: (r) => r.phases.decode },
  { label: 'kernel module (asc output, from the cache)', pick: (r) => r.phases.kernel },
  { label: 'lowering (Wasm → IR; app, kernel, glue)', pick: (r) => r.phases.lower },
  { label: 'optimisation', pick: (r) => r.phases.optimize },
  { label: 'backend: instruction selection + register allocation + emission', pick: (r) => r.phases.backend },
  { label: 'link + ELF write (and the file)', pick: (r) => r.phases.link + r.writeMs },
];

export function reports(samples: readonly BuildSample[]): RunnerReport[] {
  return samples.flatMap((s) => (s.report ? [s.report] : []));
}

export interface PhaseSummary {
  label: string;
  spread: Spread;
  /** Of the median total. */
  share: number;
}

/** Per phase of the cached runner builds; undefined when there are none. */
export function summarizePhases(samples: readonly BuildSample[]): { phases: PhaseSummary[]; total: Spread } | undefined {
  const rs = reports(samples);
  const total = spread(rs.map((r) => r.totalMs));
  if (total === undefined) return undefined;
  const phases = PHASE_ROWS.map((row) => {
    const s = spread(rs.map(row.pick))!;
    return { label: row.label, spread: s, share: s.medianMs / total.medianMs };
  });
  return { phases, total };
}

/** The phase with the largest median. */
export function dominantPhase(phases: readonly PhaseSummary[]): PhaseSummary | undefined {
  return phases.reduce<PhaseSummary | undefined>((best, p) => (best === undefined || p.spread.medianMs > best.spread.medianMs ? p : best), undefined);
}
