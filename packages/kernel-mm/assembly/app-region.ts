// The app region: virtual addresses for app memories and tables, handed out by a bump
// pointer (reservations are never released: an app's memories and tables live as long
// as the app), and backed page by page with zeroed physical pages as they grow.
import { machine_app_region_base, machine_app_region_size, machine_map } from "./imports";
import { allocPage, availablePages, freePage, PAGE_SIZE } from "./pages";

/** Reservations are aligned to a Wasm page. */
const ALIGN: u64 = 0x1_0000;

let next: u64 = 0;
let end: u64 = 0;
let ready = false;

/** `bytes` (rounded up to 64 KiB) of unmapped virtual addresses; 0 when the region is full. */
export function reserve(bytes: u64): u64 {
  if (!ready) {
    ready = true;
    const base = machine_app_region_base();
    next = (base + ALIGN - 1) & ~(ALIGN - 1);
    end = base + machine_app_region_size();
  }
  const size = (bytes + ALIGN - 1) & ~(ALIGN - 1);
  if (size < bytes || next > end || size > end - next) return 0;
  const at = next;
  next += size;
  return at;
}

/**
 * Whether mapping `bytes` more is likely to succeed: the data pages plus the page-table
 * pages the machine may need (one per 2 MiB, one per 1 GiB, and one more at each level
 * where the range may start in a new table).
 * Checked before mapping because mappings cannot be undone.
 */
export function canBack(bytes: u64): bool {
  const pages = bytes / PAGE_SIZE;
  return availablePages() >= pages + (pages >> 9) + (pages >> 18) + 3;
}

/**
 * Maps [virt, virt + bytes) (4 KiB aligned) to fresh zeroed pages, contiguous physical
 * runs in one machine_map call. False when RAM runs out or the machine refuses; pages
 * mapped before the failure stay mapped (remapping them later replaces them).
 */
export function back(virt: u64, bytes: u64): bool {
  let runVirt = virt;
  let runPhys: u64 = 0;
  let runBytes: u64 = 0;
  for (let at: u64 = 0; at < bytes; at += PAGE_SIZE) {
    const page = allocPage();
    if (page == 0) {
      if (runBytes != 0 && !machine_map(runVirt, runPhys, runBytes)) release(runPhys, runBytes);
      return false;
    }
    if (runBytes != 0 && page == runPhys + runBytes) {
      runBytes += PAGE_SIZE;
      continue;
    }
    if (runBytes != 0 && !machine_map(runVirt, runPhys, runBytes)) {
      release(runPhys, runBytes);
      freePage(page);
      return false;
    }
    runVirt = virt + at;
    runPhys = page;
    runBytes = PAGE_SIZE;
  }
  if (runBytes != 0 && !machine_map(runVirt, runPhys, runBytes)) {
    release(runPhys, runBytes);
    return false;
  }
  return true;
}

function release(phys: u64, bytes: u64): void {
  for (let at: u64 = 0; at < bytes; at += PAGE_SIZE) freePage(phys + at);
}
