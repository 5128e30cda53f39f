// Peak RSS and CPU time of a child process, which Node's spawnSync does not report: GNU
// time (/usr/bin/time, Debian package `time`) writes them to a file we name. Without it
// the suite still times the build, and leaves those columns empty.
import { existsSync } from 'node:fs';

export const GNU_TIME = '/usr/bin/time';

export interface ChildUsage {
  /** User + system milliseconds. */
  cpuMs: number;
  maxRssKiB: number;
}

/** argv run under GNU time, its figures going to `file` (not to the child's stderr). */
export function underGnuTime(argv: readonly string[], file: string, time: string = GNU_TIME): string[] {
  return [time, '-f', '%U %S %M', '-o', file, ...argv];
}

/** The last line of GNU time's file (`user system maxrss`); undefined if it does not parse. */
export function parseGnuTime(text: string): ChildUsage | undefined {
  // A child killed by a signal makes time write "Command terminated by signal …" first.
  const line = text.trim().split('\n').pop() ?? '';
  const m = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(line.trim());
  if (!m) return undefined;
  return { cpuMs: Math.round((Number(m[1]) + Number(m[2])) * 1000), maxRssKiB: Number(m[3]) };
}

export function hasGnuTime(time: string = GNU_TIME): boolean {
  return existsSync(time);
}
