// What one run of the cpu suite found: the data the report is rendered from.
import type { MachineInfo } from '../machine.js';
import type { CpuTargetId } from './target.js';
import type { ToolVersions } from './toolchain.js';
import type { VariantId } from './variants.js';

/** What became of one program under one variant. */
export type Outcome =
  | {
      kind: 'timed';
      /** Wall time. */
      medianMs: number;
      minMs: number;
      maxMs: number;
      runs: number;
      /** User + system time of the process, median; absent where the OS does not tell. */
      cpuMedianMs?: number;
    }
  /** Not built or not runnable (tool missing, `mewz build` not there yet or failing). */
  | { kind: 'unavailable'; reason: string }
  /** Ran, but computed something else than native: a correctness failure. */
  | { kind: 'wrong'; reason: string };

export interface MewzBuildInfo {
  /** Wall time of `mewz build` (compile + link), including Node's start-up. */
  ms: number;
  imageBytes: number;
}

export interface ProgramResult {
  name: string;
  description: string;
  wasmBytes?: number;
  outcomes: Partial<Record<VariantId, Outcome>>;
  mewzBuild?: MewzBuildInfo;
}

export interface CpuRun {
  /** What the programs were compiled for (x86_64 when absent). */
  target?: CpuTargetId;
  date: string;
  machine: MachineInfo;
  /** 1-minute load average when the run ended (the machine's says when it began). */
  loadAfter: number;
  versions: ToolVersions;
  runs: number;
  warmup: number;
  /** The variants this run was asked for, native included. */
  variants: readonly VariantId[];
  /** Which mewz was measured, e.g. 'the CLI built in this checkout (HEAD 1234abc)'. */
  mewzSource?: string;
  programs: ProgramResult[];
}

export type Clock = 'wall' | 'cpu';

export function medianOf(outcome: Outcome | undefined, clock: Clock = 'wall'): number | undefined {
  if (outcome?.kind !== 'timed') return undefined;
  return clock === 'wall' ? outcome.medianMs : outcome.cpuMedianMs;
}
