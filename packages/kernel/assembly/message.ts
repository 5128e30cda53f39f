// Messages the kernel prints itself (log lines, panics, trap reports), assembled in a
// static buffer without allocating — a panic may come from an allocator that failed — and
// written to stderr in one piece.
import { machine_console_write } from "./machine";
import { nativeCopy } from "./native";

const CAPACITY: u32 = 1024;
const buffer = memory.data(<i32>CAPACITY);
let used: u32 = 0;

export function begin(): void {
  used = 0;
}

/** Appends an ASCII string literal (truncated to what fits, as everything here). */
export function text(s: string): void {
  for (let i = 0; i < s.length && used < CAPACITY; i++) store<u8>(buffer + used++, <u8>s.charCodeAt(i));
}

/** Appends `len` bytes at a native address. */
export function bytes(addr: u64, len: u32): void {
  const room = CAPACITY - used;
  const n = len < room ? len : room;
  nativeCopy(<u64>(buffer + used), addr, n);
  used += n;
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

/** `width` hex digits (at least; more if the value needs them), without a prefix. */
export function hexDigits(value: u64, width: i32): void {
  let digits = 1;
  while (digits < 16 && (value >> <u64>(4 * digits)) != 0) digits++;
  if (digits < width) digits = width;
  for (let d = digits - 1; d >= 0 && used < CAPACITY; d--) {
    const v = <u32>((value >> <u64>(4 * d)) & 15);
    store<u8>(buffer + used++, <u8>(v < 10 ? 48 + v : 87 + v));
  }
}

export function hex(value: u64): void {
  text("0x");
  hexDigits(value, 1);
}

/** Writes the message and a newline to stderr. */
export function finish(): void {
  if (used < CAPACITY) store<u8>(buffer + used++, 10);
  else store<u8>(buffer + CAPACITY - 1, 10);
  machine_console_write(2, <u64>buffer, used);
}
