// Clocks (WASI clock ids are Linux's: realtime 0, monotonic 1, process 2, thread 3) and sleeping.
import { wasiErrno } from "./errno";
import { EINTR, failed, syscall2, syscall4 } from "./syscalls";

const EINVAL: i64 = 28;
const NS: i64 = 1_000_000_000;
const CLOCK_MONOTONIC: i64 = 1;
const timespec = memory.data(16, 8);
const remain = memory.data(16, 8);

function clock(n: i64, id: u32): i64 {
  if (id > 3) return -EINVAL;
  const r = syscall2(n, id, <i64>timespec);
  if (failed(r)) return -<i64>wasiErrno(-r);
  return load<i64>(timespec) * NS + load<i64>(timespec, 8);
}

export function platform_clock_time(id: u32): i64 {
  return clock(SYS_clock_gettime, id);
}

export function platform_clock_res(id: u32): i64 {
  return clock(SYS_clock_getres, id);
}

/** Blocks in the kernel (no spinning) for `ns` nanoseconds, resuming after signals. */
export function platform_sleep(ns: u64): void {
  store<i64>(timespec, <i64>(ns / <u64>NS));
  store<i64>(timespec, <i64>(ns % <u64>NS), 8);
  while (syscall4(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, <i64>timespec, <i64>remain) == -EINTR) {
    memory.copy(timespec, remain, 16);
  }
}
