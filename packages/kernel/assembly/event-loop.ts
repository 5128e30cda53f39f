// The event loop of a single-task kernel: waiting halts the CPU (machine_wait) until an
// interrupt or a deadline, and after every wake-up the registered pollers run (drivers
// that have work to do when their device interrupts — the network, later). Nothing spins.
import { machine_monotonic_ns, machine_wait } from "./machine";
import { panic } from "./panic";

const NO_DEADLINE: u64 = u64.MAX_VALUE;
const MAX_POLLERS: u32 = 16;
/**
 * Pollers as indices into the module's function table: every component is compiled into
 * the one kernel module, so another component's `fn.index` is valid here (kernel_add_poller).
 */
const pollers = memory.data(<i32>MAX_POLLERS * 4, 4);
let pollerCount: u32 = 0;
/** Nanoseconds spent halted in machine_wait since boot: the CPU time nobody used. */
let idleNs: u64 = 0;

export function idleTime(): u64 {
  return idleNs;
}

/** Registers the function at `index` of the table, of type () => void, to run after every wake-up. */
export function addPollerIndex(index: u32): void {
  if (pollerCount == MAX_POLLERS) panic("kernel_add_poller: more than 16 pollers");
  store<u32>(pollers + pollerCount * 4, index);
  pollerCount++;
}

export function addPoller(poller: () => void): void {
  addPollerIndex(poller.index);
}

export function runPollers(): void {
  for (let i: u32 = 0; i < pollerCount; i++) call_indirect<void>(load<u32>(pollers + i * 4));
}

/** Halts until something happens (an interrupt) or the deadline passes, then polls. */
export function waitForEvent(deadline: u64 = NO_DEADLINE): void {
  const before = machine_monotonic_ns();
  machine_wait(deadline);
  idleNs += machine_monotonic_ns() - before;
  runPollers();
}

/** Returns once machine_monotonic_ns reaches `deadline`, halting in between. */
export function sleepUntil(deadline: u64): void {
  while (machine_monotonic_ns() < deadline) waitForEvent(deadline);
}

/** At least `ns` nanoseconds; a deadline past the clock's range waits for ever. */
export function sleep(ns: u64): void {
  if (ns == 0) {
    runPollers();
    return;
  }
  const now = machine_monotonic_ns();
  const deadline = now + ns < now ? NO_DEADLINE : now + ns;
  sleepUntil(deadline);
}

/** One task: nothing else to run, but pending device work is done. */
export function yieldNow(): void {
  runPollers();
}
