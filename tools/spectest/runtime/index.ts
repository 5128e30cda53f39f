// The spec runner's report, a kernel component compiled with the platform's runtime:
// after the driver has run an entry of the command table, `spectest_report` writes one
// line about it to stdout through the platform's `platform_write` service:
//
//   <index> <line> ok[ <result as 16 hex digits>...]
//   <index> <line> trap <code> <function index>
//   <index> <line> not-run          (the entry it depends on did not return)
//
// The entry layout is src/native/command-table.ts's. Entries live in the image, outside
// the kernel's window, so they are read through the memmove intrinsic.

@external("mewz:intrinsics", "memmove")
declare function memmove(dst: u64, src: u64, n: u64): void;

@external("mewz:kernel", "platform_write")
declare function platform_write(fd: u32, addr: u64, len: u32): i64;

const RESULT_AREA: u64 = 24;
const STATUS: u64 = 40;
const INDEX: u64 = 48;
const LINE: u64 = 52;
const RESULT_COUNT: u64 = 56;
/** A trap's status has 1 + its code in the low half, never all ones. */
const NOT_RUN: u64 = 0xffff_ffff_ffff_ffff;

const CAPACITY: u32 = 8192;
const line = memory.data(CAPACITY);
const cell = memory.data(8, 8);
let used: u32 = 0;

function peek64(addr: u64): u64 {
  memmove(<u64>cell, addr, 8);
  return load<u64>(cell);
}

function peek32(addr: u64): u32 {
  memmove(<u64>cell, addr, 4);
  return load<u32>(cell);
}

function put(c: u32): void {
  if (used < CAPACITY) store<u8>(line + used++, <u8>c);
}

function text(s: string): void {
  for (let i = 0; i < s.length; i++) put(s.charCodeAt(i));
}

function decimal(value: u64): void {
  const digits = memory.data(20);
  let n = 0;
  do {
    store<u8>(digits + n++, <u8>(48 + <u32>(value % 10)));
    value /= 10;
  } while (value != 0);
  while (n > 0) put(load<u8>(digits + --n));
}

function hex64(value: u64): void {
  for (let shift: i32 = 60; shift >= 0; shift -= 4) {
    const nibble = <u32>((value >> <u64>shift) & 15);
    put(nibble < 10 ? 48 + nibble : 87 + nibble);
  }
}

export function spectest_report(entry: u64): void {
  used = 0;
  decimal(peek32(entry + INDEX));
  put(32);
  decimal(peek32(entry + LINE));
  const status = peek64(entry + STATUS);
  if (status == 0) {
    text(" ok");
    const count = peek32(entry + RESULT_COUNT);
    const area = peek64(entry + RESULT_AREA);
    for (let i: u32 = 0; i < count; i++) {
      put(32);
      hex64(peek64(area + 8 * <u64>i));
    }
  } else if (status == NOT_RUN) {
    text(" not-run");
  } else {
    text(" trap ");
    decimal((status & 0xffff_ffff) - 1);
    put(32);
    decimal(status >> 32);
  }
  put(10);
  // A pipe may take a long line in pieces.
  let at: u32 = 0;
  while (at < used) {
    const n = platform_write(1, <u64>(line + at), used - at);
    if (n <= 0) break;
    at += <u32>n;
  }
}
