// The report of a trap: `trap: <message> in <function>` on stderr, the same text as the
// linux runtime's, then the machine ends with kind 1.
import { EXIT_TRAP, machine_exit } from "./machine";
import { begin, bytes, decimal, finish, text } from "./message";
import { peek32 } from "./native";

/** Set while a report is being made: a trap inside the report itself ends the machine at once. */
let reporting = false;

/** Function indices of the kernel's own functions carry this bit (the app's do not). */
const RUNTIME_FUNCTION: u32 = 0x8000_0000;

/**
 * Appends string `index` of a table in the trap info: the table is `count` entries of
 * (offset, length) from the info's start. False if there is no such (non-empty) string.
 */
function tableString(info: u64, countAt: u32, tableAt: u32, index: u32): bool {
  const count = peek32(info + countAt);
  if (index >= count) return false;
  const entry = info + peek32(info + tableAt) + 8 * <u64>index;
  const length = peek32(entry + 4);
  if (length == 0) return false;
  bytes(info + peek32(entry), length);
  return true;
}

/**
 * The trap info the build emits (see the linux runtime's trap.ts):
 *   +0 u32 number of trap messages   +4 u32 offset of their (offset, length) table
 *   +8 u32 number of app names       +12 u32 offset of their table (by function index)
 *   +16 u32 number of runtime names  +20 u32 offset of their table
 * Offsets are from the start of the info; names may be empty (length 0).
 */
export function reportTrap(code: u32, func: u32, info: u64): void {
  if (reporting) {
    machine_exit(EXIT_TRAP, 0);
    unreachable();
  }
  reporting = true;
  begin();
  text("trap: ");
  if (info == 0 || !tableString(info, 0, 4, code)) {
    text("code ");
    decimal(code);
  }
  text(" in ");
  const runtime = (func & RUNTIME_FUNCTION) != 0;
  const index = func & ~RUNTIME_FUNCTION;
  if (runtime) text("mewz runtime ");
  if (info == 0 || !tableString(info, runtime ? 16 : 8, runtime ? 20 : 12, index)) {
    text("function ");
    decimal(index);
  }
  finish();
  machine_exit(EXIT_TRAP, 0);
  unreachable();
}
