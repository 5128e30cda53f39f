// Clocks, randomness, exit and scheduling.
import { appAddress, storeU64 } from "./app-memory";
import { EFAULT, ENOSYS, ESUCCESS } from "./errno";
import { platform_clock_res, platform_clock_time, platform_exit, platform_random, platform_yield } from "./platform";

export function clock_time_get(id: u32, precision: u64, out: u32): u32 {
  if (appAddress(out, 8) == 0) return EFAULT;
  const t = platform_clock_time(id);
  if (t < 0) return <u32>-t;
  storeU64(out, <u64>t);
  return ESUCCESS;
}

export function clock_res_get(id: u32, out: u32): u32 {
  if (appAddress(out, 8) == 0) return EFAULT;
  const r = platform_clock_res(id);
  if (r < 0) return <u32>-r;
  storeU64(out, <u64>r);
  return ESUCCESS;
}

export function random_get(buf: u32, len: u32): u32 {
  const addr = appAddress(buf, len);
  if (addr == 0) return EFAULT;
  return len == 0 ? ESUCCESS : platform_random(addr, len);
}

export function proc_exit(code: u32): void {
  platform_exit(code);
}

export function proc_raise(signal: u32): u32 {
  return ENOSYS;
}

export function sched_yield(): u32 {
  platform_yield();
  return ESUCCESS;
}
