// WASI clocks on the machine's: realtime (0) is the wall clock, monotonic (1) the time
// since boot; process (2) and thread (3) CPU time are the time since boot as well — one
// CPU, one task, nothing else ever runs, so all the time there is belongs to the app
// (halted time included: the kernel does not count idle time separately).
import { machine_clock_resolution_ns, machine_monotonic_ns, machine_wall_ns } from "./machine";

const EINVAL: i64 = 28;

export function clockTime(id: u32): i64 {
  if (id == 0) return <i64>machine_wall_ns();
  if (id <= 3) return <i64>machine_monotonic_ns();
  return -EINVAL;
}

export function clockResolution(id: u32): i64 {
  if (id > 3) return -EINVAL;
  const res = machine_clock_resolution_ns();
  return res == 0 ? 1 : <i64>res;
}
