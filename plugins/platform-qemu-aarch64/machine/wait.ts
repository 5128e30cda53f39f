// Idle: the virtual timer armed for the deadline, then wfi with IRQs masked. A pending
// interrupt wakes wfi whatever PSTATE.I says, so one that arrives before wfi is not lost;
// it is acknowledged at the GIC afterwards instead of in a handler.
import { counterFrequency, monotonicNs, ticksFor } from "./clock";
import { gicAcknowledgeAll } from "./gic";
import { cycle_counter, halt, sysreg_write_cntv_ctl_el0, sysreg_write_cntv_cval_el0 } from "./intrinsics";

const TIMER_ENABLE: u64 = 1;

export function wait(deadline: u64): void {
  if (deadline != u64.MAX_VALUE && counterFrequency() != 0) {
    const now = monotonicNs();
    if (deadline <= now) return;
    sysreg_write_cntv_cval_el0(cycle_counter() + ticksFor(deadline - now));
    sysreg_write_cntv_ctl_el0(TIMER_ENABLE);
  }
  halt();
  sysreg_write_cntv_ctl_el0(0);
  gicAcknowledgeAll();
}
