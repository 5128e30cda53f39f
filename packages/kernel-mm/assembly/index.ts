// The kernel-mm component: physical pages for other components (`mewz:kernel` services
// mm_alloc_page and mm_free_page), and the runtime builtins generated code calls through
// the build's thunks (memory_new, memory_grow, table_new, table_grow).
import { memoryGrow, memoryNew } from "./memories";
import { allocPage, freePage } from "./pages";
import { tableGrow, tableNew } from "./tables";

/** A zeroed 4 KiB physical page (identity mapped), 0 when none is left. */
export function mm_alloc_page(): u64 {
  return allocPage();
}

/** Gives back a page from mm_alloc_page (it may be dirty). */
export function mm_free_page(addr: u64): void {
  freePage(addr);
}

export function memory_new(object: u64, min: u32, max: u32): void {
  memoryNew(object, min, max);
}

export function memory_grow(object: u64, delta: u32): i32 {
  return memoryGrow(object, delta);
}

export function table_new(object: u64, min: u32, max: u32): void {
  tableNew(object, min, max);
}

export function table_grow(object: u64, init: u64, delta: u32): i32 {
  return tableGrow(object, init, delta);
}
