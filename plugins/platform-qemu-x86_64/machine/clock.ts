// Clocks: the TSC, calibrated at boot against the PIT, gives monotonic time; the CMOS RTC
// read at boot plus monotonic time gives wall time; the local APIC timer, calibrated in
// the same window against the TSC, wakes machine_wait.
//
// Calibration uses PIT channel 0 polled (mode 2, reload 65536, read through the latch
// command), not channel 2 with the speaker gate: QEMU's microvm has the PIT but no port
// 0x61. Its interrupt line stays masked. Without a PIT the RTC's second boundaries are
// used instead (slower: up to two seconds).
import { entryTsc } from "./boot-info";
import { cmosRead } from "./cmos";
import { mulShift32, ratio32 } from "./fixed-point";
import { cycle_counter, port_in8, port_out8 } from "./intrinsics";
import { timerCurrent, timerStartMasked, timerStop } from "./interrupts";
import { rtcSeconds } from "./rtc";

/** The PIT's input clock: 3.579545 MHz / 3. */
const PIT_HZ_NUM: u64 = 3_579_545;
const PIT_HZ_DEN: u64 = 3;
/** About 10 ms of PIT ticks. */
const CALIBRATION_PIT_TICKS: u64 = 11_932;
const NS_PER_S: u64 = 1_000_000_000;

let tscHz: u64 = 0;
/** ns = (tsc ticks * tscToNs) >> 32 */
let tscToNs: u64 = 0;
/** LAPIC timer ticks = (ns * nsToApic) >> 32 */
let nsToApic: u64 = 0;
let tscBase: u64 = 0;
let wallAtBoot: u64 = 0;
let calibratedByPit = false;

function pitCount(): u32 {
  port_out8(0x43, 0x00); // latch channel 0
  const lo = port_in8(0x40);
  const hi = port_in8(0x40);
  return (hi << 8) | lo;
}

// The latest sample: PIT ticks since the window opened, the TSC at the middle of the
// reading, how long the reading took (TSC ticks), and the LAPIC timer's count.
let pitLast: u32 = 0;
let pitElapsed: u64 = 0;
let sampleTsc: u64 = 0;
let sampleWidth: u64 = 0;
let sampleApic: u32 = 0;

function sample(): void {
  const before = cycle_counter();
  const count = pitCount();
  const apic = timerCurrent();
  const after = cycle_counter();
  // Mode 2 counts down and wraps at 65536 (read as 0): modular differences are exact
  // while samples are less than 55 ms apart.
  pitElapsed += <u64>((pitLast - count) & 0xffff);
  pitLast = count;
  sampleTsc = before + ((after - before) >> 1);
  sampleWidth = after - before;
  sampleApic = apic;
}

// The narrowest of a few consecutive samples: a reading the host interrupted (the vCPU
// thread preempted between the TSC and the PIT) is wide and loses.
let bestElapsed: u64 = 0;
let bestTsc: u64 = 0;
let bestApic: u32 = 0;
const SAMPLES = 8;

function bestSample(): void {
  let width = u64.MAX_VALUE;
  for (let i = 0; i < SAMPLES; i++) {
    sample();
    if (sampleWidth < width) {
      width = sampleWidth;
      bestElapsed = pitElapsed;
      bestTsc = sampleTsc;
      bestApic = sampleApic;
    }
  }
}

/**
 * TSC ticks and LAPIC timer ticks over about 10 ms of PIT time; false when the PIT does
 * not count (absent: its ports read 0xff).
 */
function calibrateWithPit(): bool {
  port_out8(0x43, 0x34); // channel 0, lobyte/hibyte, mode 2, binary
  port_out8(0x40, 0);
  port_out8(0x40, 0);
  timerStartMasked(0xffff_ffff);
  pitLast = pitCount();
  pitElapsed = 0;
  // The PIT must move: an absent one reads 0xffff forever.
  let spins = 0;
  while (pitElapsed == 0) {
    if (++spins > 200_000) return false;
    sample();
  }
  bestSample();
  const startElapsed = bestElapsed;
  const startTsc = bestTsc;
  const startApic = bestApic;
  while (pitElapsed - startElapsed < CALIBRATION_PIT_TICKS) {
    const seen = pitElapsed;
    sample();
    if (pitElapsed == seen && ++spins > 20_000_000) return false;
  }
  bestSample();
  timerStop();
  const pitTicks = bestElapsed - startElapsed;
  const tscTicks = bestTsc - startTsc;
  if (pitTicks == 0 || tscTicks == 0) return false;
  tscHz = (tscTicks * PIT_HZ_NUM) / (pitTicks * PIT_HZ_DEN);
  setApicRate(<u64>(startApic - bestApic), tscTicks);
  return tscHz != 0;
}

/** The same with the RTC's seconds: TSC ticks between two second boundaries. */
function calibrateWithRtc(): bool {
  const first = waitSecondEdge();
  if (first < 0) return false;
  timerStartMasked(0xffff_ffff);
  const apicStart = timerCurrent();
  const tscStart = cycle_counter();
  if (waitSecondEdge() < 0) return false;
  const tscEnd = cycle_counter();
  const apicEnd = timerCurrent();
  timerStop();
  tscHz = tscEnd - tscStart;
  setApicRate(<u64>(apicStart - apicEnd), tscHz);
  return tscHz != 0;
}

/** Waits for the RTC's seconds register to change; -1 if it does not within a long bound. */
function waitSecondEdge(): i32 {
  const start = cmosRead(0);
  for (let i = 0; i < 50_000_000; i++) {
    const s = cmosRead(0);
    if (s != start) return <i32>s;
  }
  return -1;
}

function setApicRate(apicTicks: u64, tscTicks: u64): void {
  tscToNs = ratio32(NS_PER_S, tscHz);
  const ns = mulShift32(tscTicks, tscToNs);
  nsToApic = ns == 0 ? 0 : ratio32(apicTicks, ns);
}

/** Calibrates; false when neither the PIT nor the RTC can serve as a reference. */
export function clockInit(): bool {
  tscBase = entryTsc();
  if (tscBase == 0) tscBase = cycle_counter();
  calibratedByPit = calibrateWithPit();
  if (!calibratedByPit && !calibrateWithRtc()) return false;
  const seconds = rtcSeconds();
  // Without an RTC the wall clock starts at the epoch: wrong, but monotonic.
  const since = monotonicNs();
  wallAtBoot = seconds < 0 ? 0 : <u64>seconds * NS_PER_S - min(since, <u64>seconds * NS_PER_S);
  return true;
}

export function monotonicNs(): u64 {
  return mulShift32(cycle_counter() - tscBase, tscToNs);
}

export function wallNs(): u64 {
  return wallAtBoot + monotonicNs();
}

/** The TSC's period rounded up to whole nanoseconds (1 at 1 GHz and above). */
export function resolutionNs(): u64 {
  if (tscHz == 0) return 1;
  const r = (NS_PER_S + tscHz - 1) / tscHz;
  return r == 0 ? 1 : r;
}

export function tscFrequency(): u64 {
  return tscHz;
}

export function calibratedWithPit(): bool {
  return calibratedByPit;
}

/** LAPIC timer ticks for `ns`, at least 1, at most what the counter holds. */
export function apicTicksFor(ns: u64): u32 {
  // Beyond ~2^32 s the product would overflow; the count saturates long before.
  if (ns > 0xffff_ffff_ffff) return 0xffff_ffff;
  const t = mulShift32(ns, nsToApic);
  if (t == 0) return 1;
  return t > 0xffff_ffff ? 0xffff_ffff : <u32>t;
}
