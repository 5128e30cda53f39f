// WASI clocks on the machine's: realtime (0) is the wall clock, monotonic (1) the time
// since boot; process (2) and thread (3) CPU time are the time since boot minus the time
// spent halted — one CPU and one task, so every busy moment belongs to the app (and the
// kernel working for it).
import { idleTime } from "./event-loop";
import { machine_clock_resolution_ns, machine_monotonic_ns, machine_wall_ns } from "./machine";

const EINVAL: i64 = 28;

export function clockTime(id: u32): i64 {
  if (id == 0) return <i64>machine_wall_ns();
  if (id == 1) return <i64>machine_monotonic_ns();
  if (id <= 3) return <i64>(machine_monotonic_ns() - idleTime());
  return -EINVAL;
}

export function clockResolution(id: u32): i64 {
  if (id > 3) return -EINVAL;
  const res = machine_clock_resolution_ns();
  return res == 0 ? 1 : <i64>res;
}
