// The event loop of a single-task kernel: waiting halts the CPU (machine_wait) until an
// interrupt or a deadline, and after every wake-up the registered pollers run (drivers
// that have work to do when their device interrupts — the network, later). Nothing spins.
import { machine_monotonic_ns, machine_wait } from "./machine";

const NO_DEADLINE: u64 = u64.MAX_VALUE;
const pollers: Array<() => void> = [];

/** Registers a function to run after every wake-up (and at every yield). */
export function addPoller(poller: () => void): void {
  pollers.push(poller);
}

export function runPollers(): void {
  for (let i = 0; i < pollers.length; i++) pollers[i]();
}

/** Halts until something happens (an interrupt) or the deadline passes, then polls. */
export function waitForEvent(deadline: u64 = NO_DEADLINE): void {
  machine_wait(deadline);
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
