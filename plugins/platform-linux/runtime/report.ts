// Messages the runtime prints itself (traps, fatal errors), assembled in a static buffer
// without allocating and written to stderr in one piece.
import { native, nativeCopy } from "./native";
import { syscall1, syscall3 } from "./syscalls";

/**
 * Exit status of a process ended by a trap or a fatal runtime error: 134, what a shell
 * reports for SIGABRT, so scripts see "killed by abort" rather than a status the app chose.
 */
export const TRAP_EXIT_STATUS: i32 = 134;

const CAPACITY: u32 = 512;
const buffer = memory.data(CAPACITY);
let used: u32 = 0;

export function begin(): void {
  used = 0;
}

/** Appends an ASCII string literal. */
export function text(s: string): void {
  for (let i = 0; i < s.length && used < CAPACITY; i++) store<u8>(buffer + used++, <u8>s.charCodeAt(i));
}

/** Appends `len` bytes at a native address (truncated to what fits). */
export function bytes(addr: u64, len: u32): void {
  const room = CAPACITY - used;
  const n = len < room ? len : room;
  nativeCopy(native(buffer + used), addr, n);
  used += n;
}

export function decimal(value: u32): void {
  const digits = memory.data(10);
  let n = 0;
  do {
    store<u8>(digits + n++, <u8>(48 + (value % 10)));
    value /= 10;
  } while (value != 0);
  while (n > 0 && used < CAPACITY) store<u8>(buffer + used++, load<u8>(digits + --n));
}

/** Writes the message and a newline to stderr, then ends the process with TRAP_EXIT_STATUS. */
export function finishAndExit(): void {
  text("\n");
  syscall3(SYS_write, 2, <i64>buffer, used);
  syscall1(SYS_exit_group, TRAP_EXIT_STATUS);
  unreachable();
}

/** A runtime failure the app cannot handle (out of address space): `mewz: <message>`. */
export function fatal(message: string): void {
  begin();
  text("mewz: ");
  text(message);
  finishAndExit();
}
