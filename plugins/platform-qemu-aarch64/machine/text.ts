// A fixed buffer for building ASCII messages (panic texts, the exit status line) without
// allocating: the exception path may run when the heap is what failed.
import { kernel_panic } from "./kernel";

const CAPACITY: u32 = 256;
const buffer = memory.data(256, 8);
let length: u32 = 0;

export function begin(): void {
  length = 0;
}

export function byte(b: u32): void {
  if (length < CAPACITY) store<u8>(buffer + length++, <u8>b);
}

/** Appends an ASCII string (characters above 0x7f become '?'). */
export function text(s: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = <u32>s.charCodeAt(i);
    byte(c < 0x80 ? c : 0x3f);
  }
}

export function decimal(value: u64): void {
  const digits = memory.data(20);
  let n: u32 = 0;
  do {
    store<u8>(digits + n++, <u8>(0x30 + <u32>(value % 10)));
    value /= 10;
  } while (value != 0);
  while (n > 0) byte(load<u8>(digits + --n));
}

/** `0x` and the value in lowercase hexadecimal, without leading zeros. */
export function hex(value: u64): void {
  text("0x");
  let shift: i32 = 60;
  while (shift > 0 && ((value >> <u64>shift) & 0xf) == 0) shift -= 4;
  for (; shift >= 0; shift -= 4) {
    const d = <u32>((value >> <u64>shift) & 0xf);
    byte(d < 10 ? 0x30 + d : 0x57 + d);
  }
}

export function address(): usize {
  return buffer;
}

export function size(): u32 {
  return length;
}

/** Hands the message built so far to the kernel's panic (which does not return). */
export function panicWithText(): void {
  kernel_panic(<u64>buffer, length);
}

/** Starts a message, appends `s` and panics with it. */
export function panic(s: string): void {
  begin();
  text(s);
  panicWithText();
}
