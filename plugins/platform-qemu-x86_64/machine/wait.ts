// Idle: the LAPIC timer armed for the deadline, then sti; hlt until an interrupt.
import { apicTicksFor, monotonicNs } from "./clock";
import { halt, interrupts_disable, interrupts_enable } from "./intrinsics";
import { timerOneShot, timerStop } from "./interrupts";

export function wait(deadline: u64): void {
  if (deadline != u64.MAX_VALUE) {
    const now = monotonicNs();
    if (deadline <= now) return;
    timerOneShot(apicTicksFor(deadline - now));
  }
  // sti's one-instruction shadow covers hlt: an interrupt pending at sti (or arriving
  // after it) wakes hlt instead of slipping in before it. The two must stay adjacent in
  // the machine code (the platform's tests check the disassembly).
  interrupts_enable();
  halt();
  interrupts_disable();
  timerStop();
}
