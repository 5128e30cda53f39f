// Messages of kernel-mm (panics and log lines), assembled in a static buffer without
// allocating: the allocator reports its own failures, so it must not need memory to do so.
import { kernel_log, kernel_panic } from "./imports";

const CAPACITY: u32 = 256;
const buffer = memory.data(CAPACITY);
let used: u32 = 0;

export const LOG_INFO: u32 = 2;
export const LOG_WARN: u32 = 1;

export function begin(): void {
  used = 0;
}

/** Appends an ASCII string literal (truncated to what fits). */
export function text(s: string): void {
  for (let i = 0; i < s.length && used < CAPACITY; i++) store<u8>(buffer + used++, <u8>s.charCodeAt(i));
}

export function decimal(value: u64): void {
  const digits = memory.data(20);
  let n = 0;
  do {
    store<u8>(digits + n++, <u8>(48 + <u32>(value % 10)));
    value /= 10;
  } while (value != 0);
  while (n > 0 && used < CAPACITY) store<u8>(buffer + used++, load<u8>(digits + --n));
}

export function hex(value: u64): void {
  text("0x");
  let started = false;
  for (let shift = 60; shift >= 0; shift -= 4) {
    const d = <u32>((value >> <u64>shift) & 15);
    if (d == 0 && !started && shift > 0) continue;
    started = true;
    if (used < CAPACITY) store<u8>(buffer + used++, <u8>(d < 10 ? 48 + d : 87 + d));
  }
}

/** Ends the machine with the message assembled since begin(); never returns. */
export function panicNow(): void {
  kernel_panic(<u64>buffer, used);
  unreachable();
}

/** Logs the message assembled since begin() at `level`. */
export function logNow(level: u32): void {
  kernel_log(level, <u64>buffer, used);
}

/** A panic with a fixed message. */
export function panic(message: string): void {
  begin();
  text(message);
  panicNow();
}
