// CPU time of finished child processes. Node's child_process does not report rusage, but
// Linux keeps, per process, the user and system time of the children it has waited for
// (/proc/self/stat fields cutime and cstime, in USER_HZ = 100 ticks per second). Read
// before and after a spawnSync, the difference is that child's CPU time. On a loaded
// machine it moves far less than wall time, which includes waiting for a core.

import { readFileSync } from 'node:fs';

const MS_PER_TICK = 10;

/** Milliseconds of user + system time of our waited-for children so far, or undefined off Linux. */
export function childrenCpuMs(read: () => string = readProcSelfStat): number | undefined {
  let text: string;
  try {
    text = read();
  } catch {
    return undefined;
  }
  return parseChildrenCpuMs(text);
}

/** cutime + cstime of a /proc/<pid>/stat line, in milliseconds. */
export function parseChildrenCpuMs(stat: string): number | undefined {
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so cutime (16) and cstime (17) are fields[13] and fields[14].
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  return Number.isFinite(cutime) && Number.isFinite(cstime) ? (cutime + cstime) * MS_PER_TICK : undefined;
}

function readProcSelfStat(): string {
  return readFileSync('/proc/self/stat', 'utf8');
}
