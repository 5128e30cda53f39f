// Clocks: the generic timer's virtual counter (cntvct_el0, its rate in cntfrq_el0) gives
// monotonic time; the PL031 RTC (0x09010000, seconds since the epoch) read at boot plus
// monotonic time gives wall time; the virtual timer (cntv_cval_el0) wakes machine_wait.
import { entryCounter } from "./boot-info";
import { mulShift32, ratio32 } from "./fixed-point";
import { cycle_counter, cycle_counter_frequency, mmio_load32 } from "./intrinsics";

const PL031: u64 = 0x0901_0000;
const NS_PER_S: u64 = 1_000_000_000;

let hz: u64 = 0;
let base: u64 = 0;
/** ns = (ticks * toNs) >> 32 */
let toNs: u64 = 0;
/** ticks = (ns * toTicks) >> 32 */
let toTicks: u64 = 0;
let wallAtBoot: u64 = 0;

/** False when the counter's frequency is not set (firmware's job; QEMU sets it). */
export function clockInit(): bool {
  hz = cycle_counter_frequency();
  if (hz == 0) return false;
  base = entryCounter();
  if (base == 0) base = cycle_counter();
  toNs = ratio32(NS_PER_S, hz);
  toTicks = ratio32(hz, NS_PER_S);
  const seconds = <u64>mmio_load32(PL031);
  const since = monotonicNs();
  // Without an RTC (reads 0) the wall clock starts at the epoch: wrong, but monotonic.
  wallAtBoot = seconds * NS_PER_S - min(since, seconds * NS_PER_S);
  return true;
}

export function monotonicNs(): u64 {
  return mulShift32(cycle_counter() - base, toNs);
}

export function wallNs(): u64 {
  return wallAtBoot + monotonicNs();
}

export function resolutionNs(): u64 {
  if (hz == 0) return 1;
  const r = (NS_PER_S + hz - 1) / hz;
  return r == 0 ? 1 : r;
}

export function counterFrequency(): u64 {
  return hz;
}

/** Counter ticks for `ns`, at least 1; beyond ~3 days the wait is cut short (callers re-check). */
export function ticksFor(ns: u64): u64 {
  const capped = min(ns, <u64>0x3_0000_0000_0000);
  const t = mulShift32(capped, toTicks);
  return t == 0 ? 1 : t;
}
