// Page 0 is unmapped so that null pointers fault, but boot protocols put data there (QEMU's
// PVH option ROM on q35 puts the memory map at 0x5a8). machine_init maps it read-only
// while it reads the boot data, then unmaps it again.
import { cr3_read, invlpg, mmio_load64, mmio_store64 } from "./intrinsics";

const PRESENT: u64 = 1;
const HUGE: u64 = 1 << 7;
const NO_EXECUTE: u64 = 1 << 63;
const ADDRESS_MASK: u64 = 0x000f_ffff_ffff_f000;

/** The page-table entry of page 0, or 0 when a huge page (or nothing) covers it. */
function pageZeroSlot(): u64 {
  let table = cr3_read() & ADDRESS_MASK;
  for (let level = 0; level < 3; level++) {
    const entry = mmio_load64(table);
    if ((entry & PRESENT) == 0 || (entry & HUGE) != 0) return 0;
    table = entry & ADDRESS_MASK;
  }
  return table;
}

let slot: u64 = 0;

/** Maps page 0 read-only, never executable, if it is unmapped. */
export function openPageZero(): void {
  slot = pageZeroSlot();
  if (slot == 0 || (mmio_load64(slot) & PRESENT) != 0) {
    slot = 0;
    return;
  }
  mmio_store64(slot, PRESENT | NO_EXECUTE);
  invlpg(0);
}

/** Unmaps page 0 again if openPageZero mapped it. */
export function closePageZero(): void {
  if (slot == 0) return;
  mmio_store64(slot, 0);
  invlpg(0);
  slot = 0;
}
