// Mappings in the app region: virtual [0x80_0000_0000, 0x100_0000_0000), PML4 entry 1,
// empty at boot. Walks the 4-level tables from CR3 and adds the missing PDPT/PD/PT pages,
// taken from the kernel's page allocator (identity mapped, so a table's physical address
// is also where the kernel writes it).
import { cr3_read, invlpg, mmio_load64, mmio_store64, msr_read, msr_write } from "./intrinsics";
import { mm_alloc_page } from "./kernel";

export const APP_REGION_BASE: u64 = 0x80_0000_0000;
export const APP_REGION_SIZE: u64 = 0x80_0000_0000;

const PAGE: u64 = 4096;
const PRESENT: u64 = 1;
const WRITABLE: u64 = 2;
const HUGE: u64 = 1 << 7;
const NO_EXECUTE: u64 = 1 << 63;
const ADDRESS_MASK: u64 = 0x000f_ffff_ffff_f000;

const IA32_EFER: u32 = 0xc000_0080;
const EFER_NXE: u64 = 1 << 11;

/** Turns on EFER.NXE (the boot stub should have; the NX bit is reserved without it). */
export function pagingInit(): void {
  const efer = msr_read(IA32_EFER);
  if ((efer & EFER_NXE) == 0) msr_write(IA32_EFER, efer | EFER_NXE);
}

/** The table the entry at `slot` points to, made (zeroed) when absent; 0 when out of memory or a huge page is there. */
function next(slot: u64): u64 {
  const entry = mmio_load64(slot);
  if ((entry & PRESENT) != 0) return (entry & HUGE) != 0 ? 0 : entry & ADDRESS_MASK;
  const page = mm_alloc_page();
  if (page == 0) return 0;
  mmio_store64(slot, page | PRESENT | WRITABLE | NO_EXECUTE);
  return page;
}

function index(virt: u64, level: u64): u64 {
  return (virt >> (12 + 9 * level)) & 511;
}

function mapPage(root: u64, virt: u64, phys: u64): bool {
  const pdpt = next(root + 8 * index(virt, 3));
  if (pdpt == 0) return false;
  const pd = next(pdpt + 8 * index(virt, 2));
  if (pd == 0) return false;
  const pt = next(pd + 8 * index(virt, 1));
  if (pt == 0) return false;
  mmio_store64(pt + 8 * index(virt, 0), phys | PRESENT | WRITABLE | NO_EXECUTE);
  // Harmless for a new mapping; needed when one is replaced.
  invlpg(virt);
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
  if (phys + bytes < phys || phys + bytes > (ADDRESS_MASK | (PAGE - 1)) + 1) return false;
  const root = cr3_read() & ADDRESS_MASK;
  for (let offset: u64 = 0; offset < bytes; offset += PAGE) {
    if (!mapPage(root, virt + offset, phys + offset)) return false;
  }
  return true;
}
