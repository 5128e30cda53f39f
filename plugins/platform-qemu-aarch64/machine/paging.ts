// Mappings in the app region: virtual [256 GiB, 512 GiB), level-1 entries 256–511 of the
// boot stub's TTBR0 tables (39-bit addresses, 4 KiB granule, walks from level 1), empty at
// boot. Missing level-2/3 tables come from the kernel's page allocator (identity mapped,
// so a table's physical address is also where the kernel writes it). Only invalid entries
// become valid, which needs no TLB invalidation, only the barriers before the next access.
import { rootTable } from "./boot-info";
import { mmio_load64, mmio_store64, page_table_sync } from "./intrinsics";
import { mm_alloc_page } from "./kernel";

export const APP_REGION_BASE: u64 = 0x40_0000_0000;
export const APP_REGION_SIZE: u64 = 0x40_0000_0000;

const PAGE: u64 = 4096;
const VALID: u64 = 1;
const TABLE: u64 = 3;
const ADDRESS_MASK: u64 = 0x0000_ffff_ffff_f000;
/** Normal memory (Attr0), inner shareable, accessed, read-write at EL1, never executable (PXN, UXN). */
const APP_PAGE: u64 = 0x703 | (<u64>1 << 53) | (<u64>1 << 54);

/** The table the entry at `slot` points to, made (zeroed) when absent; 0 when out of memory or a block is there. */
function next(slot: u64): u64 {
  const entry = mmio_load64(slot);
  if ((entry & VALID) != 0) return (entry & TABLE) == TABLE ? entry & ADDRESS_MASK : 0;
  const page = mm_alloc_page();
  if (page == 0) return 0;
  mmio_store64(slot, page | TABLE);
  return page;
}

function index(virt: u64, level: u64): u64 {
  return (virt >> (12 + 9 * (3 - level))) & 511;
}

function mapPage(root: u64, virt: u64, phys: u64): bool {
  const l2 = next(root + 8 * index(virt, 1));
  if (l2 == 0) return false;
  const l3 = next(l2 + 8 * index(virt, 2));
  if (l3 == 0) return false;
  mmio_store64(l3 + 8 * index(virt, 3), phys | APP_PAGE);
  return true;
}

/**
 * Maps [virt, virt + bytes) to [phys, …) read-write, never executable. False (and nothing
 * more mapped) for unaligned or out-of-region ranges; false when a table page cannot be
 * allocated, with the pages before it left mapped.
 */
export function map(virt: u64, phys: u64, bytes: u64): bool {
  if (((virt | phys | bytes) & (PAGE - 1)) != 0) return false;
  if (virt < APP_REGION_BASE || bytes > APP_REGION_SIZE || virt - APP_REGION_BASE > APP_REGION_SIZE - bytes) return false;
  if (phys + bytes < phys || phys + bytes > ADDRESS_MASK + PAGE) return false;
  const root = rootTable();
  if (root == 0) return false;
  let ok = true;
  for (let offset: u64 = 0; offset < bytes; offset += PAGE) {
    if (!mapPage(root, virt + offset, phys + offset)) {
      ok = false;
      break;
    }
  }
  page_table_sync();
  return ok;
}
