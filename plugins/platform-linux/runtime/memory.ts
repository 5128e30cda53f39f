// The runtime builtins of abi/builtins.ts that need the operating system: linear memories
// and tables of the app, reserved with mmap and committed with mprotect. Generated code
// calls them (through the build's thunks) with the address of the object to fill in.
import { native, nativeCopy, peek32, peek64, poke32, poke64 } from "./native";
import { fatal } from "./report";
import { failed, MAP_ANONYMOUS, MAP_NORESERVE, MAP_PRIVATE, PROT_NONE, PROT_RW, syscall3, syscall6 } from "./syscalls";

const PAGE: u64 = 0x1_0000;
/** Unmapped bytes after every linear memory's reservation. */
const GUARD: u64 = 0x1_0000;
/** Most elements a table may hold here, whatever its declared maximum (128 MiB of addresses). */
const TABLE_CAP: u64 = 1 << 24;

// MemoryObject: base @0, byteLength @8, maxPages @16. TableObject: length u32 @0, max u32 @4, elements @8.

function mmap(bytes: u64, prot: i64): i64 {
  return syscall6(SYS_mmap, 0, <i64>bytes, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
}

/** Reserves the whole maximum (so the base never moves) plus a guard, and commits `min` pages. */
export function memory_new(object: u64, min: u32, max: u32): void {
  const maxPages: u64 = max > 0x1_0000 ? 0x1_0000 : max;
  const base = mmap(maxPages * PAGE + GUARD, PROT_NONE);
  if (failed(base)) fatal("cannot reserve address space for the app's linear memory");
  if (min > 0 && failed(syscall3(SYS_mprotect, base, <i64>min * <i64>PAGE, PROT_RW))) fatal("out of memory for the app's linear memory");
  poke64(object, <u64>base);
  poke64(object + 8, <u64>min * PAGE);
  poke64(object + 16, maxPages);
}

/** memory.grow: commits `delta` more pages; the old size in pages, or -1 past the maximum or when out of memory. */
export function memory_grow(object: u64, delta: u32): i32 {
  const bytes = peek64(object + 8);
  const old = bytes / PAGE;
  if (delta == 0) return <i32>old;
  const pages = old + <u64>delta;
  if (pages > peek64(object + 16)) return -1;
  if (failed(syscall3(SYS_mprotect, <i64>(peek64(object) + bytes), <i64>delta * <i64>PAGE, PROT_RW))) return -1;
  poke64(object + 8, pages * PAGE);
  return <i32>old;
}

function tableCapacity(max: u32): u64 {
  return <u64>max < TABLE_CAP ? <u64>max : TABLE_CAP;
}

/** A table's elements: room for its maximum (up to TABLE_CAP), all null. */
export function table_new(object: u64, min: u32, max: u32): void {
  const cap = tableCapacity(max);
  if (<u64>min > cap) fatal("table too large");
  const elements = mmap(cap == 0 ? 8 : cap * 8, PROT_RW);
  if (failed(elements)) fatal("cannot reserve address space for a table");
  poke32(object, min);
  poke32(object + 4, max);
  poke64(object + 8, <u64>elements);
}

const FILL_ENTRIES: u32 = 256;
const fill = memory.data(FILL_ENTRIES * 8, 8);

/** table.grow: appends `delta` copies of `init`; the old length, or -1 past the maximum. */
export function table_grow(object: u64, init: u64, delta: u32): i32 {
  const length = peek32(object);
  const size = <u64>length + <u64>delta;
  if (size > tableCapacity(peek32(object + 4))) return -1;
  if (delta == 0) return <i32>length;
  for (let i: u32 = 0; i < FILL_ENTRIES; i++) store<u64>(fill + i * 8, init);
  const elements = peek64(object + 8);
  for (let at = <u64>length; at < size; ) {
    const n = size - at < <u64>FILL_ENTRIES ? size - at : <u64>FILL_ENTRIES;
    nativeCopy(elements + at * 8, native(fill), n * 8);
    at += n;
  }
  poke32(object, <u32>size);
  return <i32>length;
}
