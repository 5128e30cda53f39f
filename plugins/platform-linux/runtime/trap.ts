// The report of a trap: `trap: <message> in <function>` on stderr, exit status 134.
import { peek32 } from "./native";
import { begin, bytes, decimal, finishAndExit, text, TRAP_EXIT_STATUS } from "./report";
import { syscall1 } from "./syscalls";

/** Set while a report is being made: a trap inside the report itself ends the process at once. */
let reporting = false;

/** Function indices of the runtime's own functions carry this bit (the app's do not). */
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
 * Called through the image's trap stub with the trap code, the function index the
 * faulting code was compiled with, and the native address of the trap info the build
 * emits:
 *
 *   +0 u32 number of trap messages   +4 u32 offset of their (offset, length) table
 *   +8 u32 number of app names       +12 u32 offset of their table (by function index)
 *   +16 u32 number of runtime names  +20 u32 offset of their table
 *
 * Offsets are from the start of the info; names may be empty (length 0).
 */
export function mewz_trap(code: u32, func: u32, info: u64): void {
  if (reporting) syscall1(SYS_exit_group, TRAP_EXIT_STATUS);
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
  finishAndExit();
}
