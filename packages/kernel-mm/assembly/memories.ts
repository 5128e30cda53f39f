// App linear memories (the runtime builtins memory_new and memory_grow, semantics of
// abi/builtins.ts): the whole maximum plus a guard is reserved in the app region, so the
// base never moves; pages are mapped as the memory grows.
// MemoryObject (abi/instance-layout.ts): base u64 @0, byteLength u64 @8, maxPages u64 @16.
import { back, canBack, reserve } from "./app-region";
import { availablePages, PAGE_SIZE } from "./pages";
import { peek64, poke64 } from "./native";
import { begin, decimal, panicNow, text } from "./report";

const WASM_PAGE: u64 = 0x1_0000;
/** Unmapped bytes after every memory's reservation. */
export const GUARD: u64 = 0x1_0000;
const MAX_WASM_PAGES: u64 = 0x1_0000;

/** Reserves the memory's maximum and maps `min` pages; running out is a kernel panic (the app cannot start). */
export function memoryNew(object: u64, min: u32, max: u32): void {
  const maxPages: u64 = <u64>max > MAX_WASM_PAGES ? MAX_WASM_PAGES : <u64>max;
  if (<u64>min > maxPages) {
    begin();
    text("memory_new: the app's memory starts at "); decimal(min); text(" pages, more than its maximum of "); decimal(maxPages);
    panicNow();
  }
  const base = reserve(maxPages * WASM_PAGE + GUARD);
  if (base == 0) {
    begin();
    text("out of address space for the app's linear memory ("); decimal(maxPages * 64); text(" KiB reserved)");
    panicNow();
  }
  const bytes = <u64>min * WASM_PAGE;
  if (!canBack(bytes) || !back(base, bytes)) {
    begin();
    text("out of memory: the app's linear memory needs "); decimal(bytes / 1024);
    text(" KiB at start, "); decimal(availablePages() * (PAGE_SIZE / 1024)); text(" KiB are free");
    panicNow();
  }
  poke64(object, base);
  poke64(object + 8, bytes);
  poke64(object + 16, maxPages);
}

/** memory.grow: the old size in pages, or -1 past the maximum or when RAM runs out. */
export function memoryGrow(object: u64, delta: u32): i32 {
  const bytes = peek64(object + 8);
  const old = bytes / WASM_PAGE;
  if (delta == 0) return <i32>old;
  const pages = old + <u64>delta;
  if (pages > peek64(object + 16)) return -1;
  const more = <u64>delta * WASM_PAGE;
  if (!canBack(more) || !back(peek64(object) + bytes, more)) return -1;
  poke64(object + 8, pages * WASM_PAGE);
  return <i32>old;
}
