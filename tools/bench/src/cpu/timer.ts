// Times the variants of one program in interleaved rounds (each round runs every variant
// once, starting from a different one each time), so that background load, which on a
// shared machine comes and goes, falls on all variants alike instead of on whichever ran
// while a neighbour was busy. Every run's output is checked, not only the first.
import { median } from '../measure.js';
import { exec, type ExecOptions, type ExecResult } from './exec.js';

export interface TimedCommand<K extends string> {
  id: K;
  command: readonly string[];
}

export interface RoundsOptions {
  runs: number;
  /** Untimed rounds first (page cache, CPU frequency). */
  warmup: number;
  timeoutMs: number;
}

export type TimingResult =
  | {
      kind: 'timed';
      /** Wall times of the timed runs, in run order. */
      runsMs: number[];
      medianMs: number;
      minMs: number;
      maxMs: number;
      /** Median user + system time, when every run reported one. */
      cpuMedianMs?: number;
    }
  | { kind: 'failed'; reason: string; round: number };

/** The order of round `round` over `n` commands: a rotation, so no command is always first or last. */
export function roundOrder(n: number, round: number): number[] {
  return Array.from({ length: n }, (_, i) => (i + round) % n);
}

/**
 * Runs `warmup + runs` rounds. `check` says why a run's result is wrong (undefined if it is
 * right); a command that fails once is dropped from the remaining rounds.
 */
export function timeInRounds<K extends string>(
  commands: ReadonlyArray<TimedCommand<K>>,
  options: RoundsOptions,
  check: (id: K, result: ExecResult) => string | undefined,
  run: (argv: readonly string[], options: ExecOptions) => ExecResult = exec,
): Map<K, TimingResult> {
  const times = new Map<K, number[]>(commands.map((c) => [c.id, []]));
  const cpuTimes = new Map<K, Array<number | undefined>>(commands.map((c) => [c.id, []]));
  const failed = new Map<K, TimingResult>();
  const rounds = options.warmup + options.runs;
  for (let round = 0; round < rounds; round++) {
    for (const index of roundOrder(commands.length, round)) {
      const { id, command } = commands[index];
      if (failed.has(id)) continue;
      const result = run(command, { timeoutMs: options.timeoutMs });
      const wrong = check(id, result);
      if (wrong !== undefined) failed.set(id, { kind: 'failed', reason: wrong, round });
      else if (round >= options.warmup) {
        times.get(id)?.push(result.ms);
        cpuTimes.get(id)?.push(result.cpuMs);
      }
    }
  }
  const out = new Map<K, TimingResult>();
  for (const { id } of commands) {
    const runsMs = times.get(id) ?? [];
    const cpu = cpuTimes.get(id) ?? [];
    const cpuMedianMs = cpu.length > 0 && cpu.every((c) => c !== undefined) ? median(cpu as number[]) : undefined;
    out.set(id, failed.get(id) ?? { kind: 'timed', runsMs, medianMs: median(runsMs), minMs: Math.min(...runsMs), maxMs: Math.max(...runsMs), cpuMedianMs });
  }
  return out;
}
