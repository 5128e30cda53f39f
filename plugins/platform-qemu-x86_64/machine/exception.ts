// CPU exceptions, reached from the platform's exception stubs through the generated
// `__mewz_exception`: names the exception (a page fault in the guard page under the stack
// is a kernel stack overflow) and hands the text to the kernel's panic.
import { stackBottom } from "./boot-info";
import { begin, hex, panicWithText, text, decimal } from "./text";
import { exitMachine, EXIT_PANIC } from "./exit";

const PAGE: u64 = 4096;
const PAGE_FAULT: u32 = 14;

/** Set while an exception is being reported: another one inside the report ends the machine. */
let reporting = false;

function mnemonic(vector: u32): string {
  switch (vector) {
    case 0: return "#DE divide error";
    case 1: return "#DB debug";
    case 2: return "NMI";
    case 3: return "#BP breakpoint";
    case 4: return "#OF overflow";
    case 5: return "#BR bound range exceeded";
    case 6: return "#UD invalid opcode";
    case 7: return "#NM device not available";
    case 8: return "#DF double fault";
    case 9: return "coprocessor segment overrun";
    case 10: return "#TS invalid TSS";
    case 11: return "#NP segment not present";
    case 12: return "#SS stack-segment fault";
    case 13: return "#GP general protection";
    case 14: return "#PF page fault";
    case 16: return "#MF x87 floating-point error";
    case 17: return "#AC alignment check";
    case 18: return "#MC machine check";
    case 19: return "#XM SIMD floating-point exception";
    case 20: return "#VE virtualization exception";
    case 21: return "#CP control protection";
    case 28: return "#HV hypervisor injection";
    case 29: return "#VC VMM communication";
    case 30: return "#SX security exception";
    default: return vector < 32 ? "reserved exception" : "unexpected interrupt";
  }
}

/** Whether the vector pushes an error code (the stub passes 0 for the others). */
function hasErrorCode(vector: u32): bool {
  return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 || vector == 29 || vector == 30;
}

export function reportException(vector: u32, error: u64, pc: u64, address: u64): void {
  if (reporting) exitMachine(EXIT_PANIC, 0);
  reporting = true;
  const bottom = stackBottom();
  begin();
  if (vector == PAGE_FAULT && bottom != 0 && address < bottom && address >= bottom - PAGE) {
    text("kernel stack overflow (page fault in the guard page below the stack) at pc ");
    hex(pc);
    text(", address ");
    hex(address);
  } else {
    text("CPU exception ");
    text(mnemonic(vector));
    text(" (vector ");
    decimal(vector);
    text(")");
    if (hasErrorCode(vector)) {
      text(", error code ");
      hex(error);
    }
    text(" at pc ");
    hex(pc);
    if (vector == PAGE_FAULT) {
      text(", address ");
      hex(address);
      text((error & 1) != 0 ? " (protection violation" : " (not present");
      text((error & 2) != 0 ? ", write" : ", read");
      if ((error & 16) != 0) text(", instruction fetch");
      text(")");
    }
  }
  panicWithText();
  // kernel_panic does not return; if it does, end the machine anyway.
  exitMachine(EXIT_PANIC, 0);
}
