// Ending the machine: the status line and the exit code go to the boot stub's end routine
// through the doorbell (src/machine-exit.ts: the status file through semihosting, SYS_EXIT,
// then PSCI SYSTEM_OFF), which does not return.
import { doorbell, KIND_EXIT } from "./boot-info";
import { address, begin, byte, decimal, size, text } from "./text";
import { halt, interrupts_disable } from "./intrinsics";

export const EXIT_APP: u32 = 0;
export const EXIT_TRAP: u32 = 1;
export const EXIT_PANIC: u32 = 2;

/** QEMU's exit code after a trap and a panic (the runner's own statuses); the status line is what counts. */
const CODE_TRAP: u64 = 134;
const CODE_PANIC: u64 = 135;

export function exitMachine(kind: u32, status: u32): void {
  interrupts_disable();
  begin();
  if (kind == EXIT_APP) {
    text("exit ");
    decimal(status & 0xff);
  } else {
    text(kind == EXIT_TRAP ? "trap" : "panic");
  }
  byte(0x0a);
  const code: u64 = kind == EXIT_APP ? <u64>(status & 0xff) : kind == EXIT_TRAP ? CODE_TRAP : CODE_PANIC;
  doorbell(KIND_EXIT, <u64>address(), <u64>size() | (code << 16));
  while (true) halt();
}
