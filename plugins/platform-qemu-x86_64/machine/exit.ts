// Ending the machine: the status line on the debug console (the runner's status file),
// then QEMU's isa-debug-exit, then a keyboard-controller reset (what ends QEMU under
// -no-reboot, and Firecracker), then a halt with interrupts off.
import { byte, begin, decimal, text, address, size } from "./text";
import { halt, interrupts_disable, port_out32, port_out8 } from "./intrinsics";
import { debugConsoleByte } from "./console";

export const EXIT_APP: u32 = 0;
export const EXIT_TRAP: u32 = 1;
export const EXIT_PANIC: u32 = 2;

/**
 * What isa-debug-exit gets for a trap and a panic. QEMU exits with (value << 1) | 1, of
 * which the shell sees the low 8 bits, so only 128 odd codes exist and exit statuses
 * 0–127 use them all: these collide with statuses 66 and 67 in QEMU's own exit code
 * (133 and 135), and the status line is what tells them apart.
 */
export const DEBUG_EXIT_TRAP: u32 = 0x42;
export const DEBUG_EXIT_PANIC: u32 = 0x43;

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
  const line = address();
  const n = size();
  for (let i: u32 = 0; i < n; i++) debugConsoleByte(load<u8>(line + i));

  port_out32(0xf4, kind == EXIT_APP ? status & 0x7f : kind == EXIT_TRAP ? DEBUG_EXIT_TRAP : DEBUG_EXIT_PANIC);
  port_out8(0x64, 0xfe);
  while (true) {
    interrupts_disable();
    halt();
  }
}
