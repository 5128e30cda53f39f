// The physical page allocator: 4 KiB pages from the machine's RAM ranges. Pages never
// handed out are taken in address order from each range (a bump pointer per range); pages
// given back go on a free stack threaded through the pages themselves (the first 8 bytes
// of a free page hold the address of the next), so the allocator needs no kernel memory
// in proportion to RAM. Every page is zeroed when handed out, since freed pages come back dirty.
import { machine_ram_base, machine_ram_count, machine_ram_size } from "./imports";
import { nativeZero, peek64, poke64 } from "./native";
import { begin, decimal, hex, LOG_INFO, LOG_WARN, logNow, panicNow, text } from "./report";

export const PAGE_SIZE: u64 = 4096;
const MAX_RANGES: u32 = 64;

const rangeStart = memory.data(<i32>MAX_RANGES * 8, 8);
/** Next page never handed out, per range. */
const rangeNext = memory.data(<i32>MAX_RANGES * 8, 8);
const rangeEnd = memory.data(<i32>MAX_RANGES * 8, 8);
let ranges: u32 = 0;
/** The first range that may still have untouched pages. */
let current: u32 = 0;
let freeHead: u64 = 0;
let available: u64 = 0;
let ready = false;

/** Reads the RAM ranges on first use: the machine is initialised by then (mewz_init ran machine_init). */
function init(): void {
  if (ready) return;
  ready = true;
  const count = machine_ram_count();
  for (let i: u32 = 0; i < count; i++) {
    let start = (machine_ram_base(i) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    const end = (machine_ram_base(i) + machine_ram_size(i)) & ~(PAGE_SIZE - 1);
    // Address 0 means "no page" to callers, so page 0 is never handed out.
    if (start == 0) start = PAGE_SIZE;
    if (end <= start) continue;
    if (ranges == MAX_RANGES) {
      begin();
      text("mm: more than "); decimal(MAX_RANGES); text(" RAM ranges; ignoring ");
      hex(start); text("-"); hex(end);
      logNow(LOG_WARN);
      continue;
    }
    store<u64>(rangeStart + ranges * 8, start);
    store<u64>(rangeNext + ranges * 8, start);
    store<u64>(rangeEnd + ranges * 8, end);
    available += (end - start) / PAGE_SIZE;
    ranges++;
  }
  begin();
  text("mm: "); decimal(available * 4); text(" KiB of RAM in "); decimal(ranges); text(" ranges");
  logNow(LOG_INFO);
}

/** A zeroed physical page, or 0 when none is left. */
export function allocPage(): u64 {
  init();
  let page: u64 = 0;
  if (freeHead != 0) {
    page = freeHead;
    freeHead = peek64(page);
  } else {
    while (current < ranges) {
      const next = load<u64>(rangeNext + current * 8);
      if (next < load<u64>(rangeEnd + current * 8)) {
        page = next;
        store<u64>(rangeNext + current * 8, next + PAGE_SIZE);
        break;
      }
      current++;
    }
    if (page == 0) return 0;
  }
  available--;
  nativeZero(page, PAGE_SIZE);
  return page;
}

/**
 * Gives a page back. A page that was never handed out (misaligned, outside RAM, or not yet
 * reached by the bump pointer) is a kernel bug: panic rather than corrupt the free stack.
 * Freeing a page twice is not detected.
 */
export function freePage(addr: u64): void {
  init();
  if ((addr & (PAGE_SIZE - 1)) != 0 || !handedOut(addr)) {
    begin();
    text("mm_free_page: "); hex(addr); text(" is not a page the allocator handed out");
    panicNow();
  }
  poke64(addr, freeHead);
  freeHead = addr;
  available++;
}

function handedOut(addr: u64): bool {
  for (let i: u32 = 0; i < ranges; i++) {
    if (addr >= load<u64>(rangeStart + i * 8) && addr < load<u64>(rangeNext + i * 8)) return true;
  }
  return false;
}

/** Pages allocPage can still hand out. */
export function availablePages(): u64 {
  init();
  return available;
}
