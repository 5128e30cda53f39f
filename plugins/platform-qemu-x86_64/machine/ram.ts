// The RAM the page allocator may use: what the PVH memory map calls RAM (or, without one,
// what the CMOS says), minus everything below 1 MiB, the kernel window, the image and the
// boot data, clipped to the identity-mapped 4 GiB, in whole 4 KiB pages.
import {
  imageEnd, imageStart, MEMMAP_ENTRY_SIZE, pvhCmdline, pvhMemmap, pvhMemmapEntries, pvhModuleCount,
  pvhModuleList, START_INFO_SIZE_V1, startInfoAddress,
} from "./boot-info";
import { cmosRead } from "./cmos";
import { mmio_load32, mmio_load64, mmio_load8 } from "./intrinsics";

const PAGE: u64 = 4096;
const MIB: u64 = 0x10_0000;
const KERNEL_WINDOW_END: u64 = 0x50_0000;
/** Pages above this are not identity mapped (the boot stub maps [0, 4 GiB)). */
const MAPPED_END: u64 = 0x1_0000_0000;
const E820_RAM: u32 = 1;

const MAX_RANGES: u32 = 64;
const MAX_HOLES: u32 = 16;
// Ranges as (base, end) pairs of u64.
const ranges = memory.data(64 * 16, 8);
let count: u32 = 0;
const holes = memory.data(16 * 16, 8);
let holeCount: u32 = 0;

function hole(base: u64, end: u64): void {
  if (end > base && holeCount < MAX_HOLES) {
    store<u64>(holes + 16 * holeCount, base & ~(PAGE - 1));
    store<u64>(holes + 16 * holeCount + 8, (end + PAGE - 1) & ~(PAGE - 1));
    holeCount++;
  }
}

/** Adds [base, end) minus the holes from `first` on (recursively splitting around each). */
function addPiece(base: u64, end: u64, first: u32): void {
  for (let h = first; h < holeCount; h++) {
    const hb = load<u64>(holes + 16 * h);
    const he = load<u64>(holes + 16 * h + 8);
    if (he <= base || hb >= end) continue;
    if (hb > base) addPiece(base, hb, h + 1);
    if (he < end) addPiece(he, end, h + 1);
    return;
  }
  if (end > base && count < MAX_RANGES) {
    store<u64>(ranges + 16 * count, base);
    store<u64>(ranges + 16 * count + 8, end);
    count++;
  }
}

function addRam(base: u64, size: u64): void {
  let end = base + size;
  if (end < base || end > MAPPED_END) end = MAPPED_END;
  const b = (base + PAGE - 1) & ~(PAGE - 1);
  const e = end & ~(PAGE - 1);
  if (e > b) addPiece(b, e, 0);
}

function stringEnd(addr: u64): u64 {
  let p = addr;
  while (p - addr < 0x1_0000 && mmio_load8(p) != 0) p++;
  return p + 1;
}

/** Builds the list; false when there is no memory map of any kind. */
export function ramInit(): bool {
  count = 0;
  holeCount = 0;
  hole(0, KERNEL_WINDOW_END); // low memory and the kernel window
  hole(imageStart(), imageEnd());
  const info = startInfoAddress();
  hole(info, info + START_INFO_SIZE_V1);
  const cmdline = pvhCmdline();
  if (cmdline != 0) hole(cmdline, stringEnd(cmdline));
  const modules = pvhModuleCount();
  const list = pvhModuleList();
  // Module entries: paddr u64, size u64, cmdline_paddr u64, reserved u64.
  if (modules != 0 && list != 0) {
    hole(list, list + 32 * <u64>modules);
    for (let m: u32 = 0; m < modules && m < 8; m++) {
      const at = list + 32 * <u64>m;
      const paddr = mmio_load64(at);
      hole(paddr, paddr + mmio_load64(at + 8));
    }
  }
  const map = pvhMemmap();
  const entries = pvhMemmapEntries();
  if (map != 0 && entries != 0) {
    hole(map, map + MEMMAP_ENTRY_SIZE * <u64>entries);
    for (let i: u32 = 0; i < entries; i++) {
      const at = map + MEMMAP_ENTRY_SIZE * <u64>i;
      if (mmio_load32(at + 16) == E820_RAM) addRam(mmio_load64(at), mmio_load64(at + 8));
    }
    return true;
  }
  // No memory map: the CMOS registers PC firmware (and QEMU) fill in. 0x34/0x35 count
  // 64 KiB blocks above 16 MiB (below 4 GiB); 0x30/0x31 KiB above 1 MiB (up to 64 MiB).
  const above16 = <u64>(cmosRead(0x34) | (cmosRead(0x35) << 8));
  const above1 = <u64>(cmosRead(0x30) | (cmosRead(0x31) << 8));
  if (above16 != 0 && above16 != 0xffff) addRam(MIB, 15 * MIB + above16 * 0x1_0000);
  else if (above1 != 0 && above1 != 0xffff) addRam(MIB, above1 * 1024);
  return count > 0;
}

export function ramCount(): u32 {
  return count;
}

export function ramBase(i: u32): u64 {
  return i < count ? load<u64>(ranges + 16 * i) : 0;
}

export function ramSize(i: u32): u64 {
  return i < count ? load<u64>(ranges + 16 * i + 8) - load<u64>(ranges + 16 * i) : 0;
}
