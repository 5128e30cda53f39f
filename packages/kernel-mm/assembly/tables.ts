// App tables (the runtime builtins table_new and table_grow): the element array (8-byte
// references, null = 0) is reserved for the table's maximum in the app region, so it never
// moves, and mapped as the table grows; mapped pages are zero, so new elements are null.
// TableObject (abi/instance-layout.ts): length u32 @0, max u32 @4 (0xffffffff: none), elements u64 @8.
import { back, canBack, reserve } from "./app-region";
import { GUARD } from "./memories";
import { PAGE_SIZE } from "./pages";
import { nativeCopy, peek32, peek64, poke32, poke64 } from "./native";
import { begin, decimal, panicNow, text } from "./report";

/** Most elements a table may hold here, whatever its declared maximum (128 MiB of addresses). */
export const TABLE_CAP: u64 = 1 << 24;

function capacity(max: u32): u64 {
  return <u64>max < TABLE_CAP ? <u64>max : TABLE_CAP;
}

/** Bytes of the element array that must be mapped for `length` elements. */
function mappedBytes(length: u64): u64 {
  return (length * 8 + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

/** A table of `min` null elements; running out is a kernel panic (the app cannot start). */
export function tableNew(object: u64, min: u32, max: u32): void {
  const cap = capacity(max);
  if (<u64>min > cap) {
    begin();
    text("table_new: a table of "); decimal(min); text(" elements is larger than this kernel allows ("); decimal(cap); text(")");
    panicNow();
  }
  const elements = reserve(cap * 8 + GUARD);
  if (elements == 0) {
    begin();
    text("out of address space for a table of "); decimal(cap); text(" elements");
    panicNow();
  }
  const bytes = mappedBytes(min);
  if (!canBack(bytes) || !back(elements, bytes)) {
    begin();
    text("out of memory: a table of "); decimal(min); text(" elements needs "); decimal(bytes / 1024); text(" KiB");
    panicNow();
  }
  poke32(object, min);
  poke32(object + 4, max);
  poke64(object + 8, elements);
}

const FILL_ENTRIES: u32 = 256;
const fill = memory.data(<i32>FILL_ENTRIES * 8, 8);

/** table.grow: appends `delta` copies of `init`; the old length, or -1 past the maximum or when RAM runs out. */
export function tableGrow(object: u64, init: u64, delta: u32): i32 {
  const length = <u64>peek32(object);
  const size = length + <u64>delta;
  if (size > capacity(peek32(object + 4))) return -1;
  if (delta == 0) return <i32>length;
  const elements = peek64(object + 8);
  const have = mappedBytes(length);
  const need = mappedBytes(size);
  if (need > have && (!canBack(need - have) || !back(elements + have, need - have))) return -1;
  // Elements past the length are still zero (mapped zeroed, never written), so null needs no fill.
  if (init != 0) {
    for (let i: u32 = 0; i < FILL_ENTRIES; i++) store<u64>(fill + i * 8, init);
    for (let at = length; at < size; ) {
      const n = size - at < <u64>FILL_ENTRIES ? size - at : <u64>FILL_ENTRIES;
      nativeCopy(elements + at * 8, <u64>fill, n * 8);
      at += n;
    }
  }
  poke32(object, <u32>size);
  return <i32>length;
}
