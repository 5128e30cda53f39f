// CPU exceptions, reached from the platform's vectors through the generated
// `__mewz_exception(vector, ESR_EL1, ELR_EL1, FAR_EL1)`: names the exception (a data abort
// in the guard page under the stack is a kernel stack overflow) and hands the text to the
// kernel's panic.
import { stackBottom } from "./boot-info";
import { begin, decimal, hex, panicWithText, text } from "./text";
import { exitMachine, EXIT_PANIC } from "./exit";

const PAGE: u64 = 4096;
const EC_DATA_ABORT_SAME_EL: u32 = 0x25;
const EC_INSTRUCTION_ABORT_SAME_EL: u32 = 0x21;

/** Set while an exception is being reported: another one inside the report ends the machine. */
let reporting = false;

function className(ec: u32): string {
  switch (ec) {
    case 0x00: return "undefined instruction";
    case 0x01: return "wfi/wfe trapped";
    case 0x07: return "FP/SIMD access trapped";
    case 0x0e: return "illegal execution state";
    case 0x15: return "svc";
    case 0x16: return "hvc";
    case 0x17: return "smc";
    case 0x18: return "system register access trapped";
    case 0x20: return "instruction abort from a lower EL";
    case 0x21: return "instruction abort";
    case 0x22: return "PC alignment fault";
    case 0x24: return "data abort from a lower EL";
    case 0x25: return "data abort";
    case 0x26: return "SP alignment fault";
    case 0x2c: return "floating-point exception";
    case 0x2f: return "SError";
    case 0x30: case 0x31: return "breakpoint";
    case 0x32: case 0x33: return "software step";
    case 0x34: case 0x35: return "watchpoint";
    case 0x3c: return "brk";
    default: return "exception";
  }
}

function vectorName(v: u32): string {
  switch (v & 3) {
    case 0: return "synchronous";
    case 1: return "IRQ";
    case 2: return "FIQ";
    default: return "SError";
  }
}

export function reportException(vector: u32, esr: u64, pc: u64, address: u64): void {
  if (reporting) exitMachine(EXIT_PANIC, 0);
  reporting = true;
  const ec = <u32>((esr >> 26) & 0x3f);
  const abort = (vector & 3) == 0 && (ec == EC_DATA_ABORT_SAME_EL || ec == EC_INSTRUCTION_ABORT_SAME_EL);
  const bottom = stackBottom();
  begin();
  if (abort && ec == EC_DATA_ABORT_SAME_EL && bottom != 0 && address < bottom && address >= bottom - PAGE) {
    text("kernel stack overflow (data abort in the guard page below the stack) at pc ");
    hex(pc);
    text(", address ");
    hex(address);
  } else {
    text("CPU exception: ");
    text(vectorName(vector));
    if ((vector & 3) == 0) {
      text(" ");
      text(className(ec));
    }
    text(" (vector ");
    decimal(vector);
    text(", ESR ");
    hex(esr);
    text(") at pc ");
    hex(pc);
    if (abort) {
      text(", address ");
      hex(address);
      text((esr & (1 << 6)) != 0 && ec == EC_DATA_ABORT_SAME_EL ? " (write" : " (read");
      const status = <u32>(esr & 0x3f);
      text((status & 0x3c) == 0x04 ? ", translation fault)" : (status & 0x3c) == 0x0c ? ", permission fault)" : ")");
    }
  }
  panicWithText();
  // kernel_panic does not return; if it does, end the machine anyway.
  exitMachine(EXIT_PANIC, 0);
}
