// The RAM the page allocator may use: the device tree's /memory ranges minus everything
// below the kernel window's end (the device tree area and the window), the image and the
// device tree itself, clipped to the identity-mapped 4 GiB, in whole 4 KiB pages.
import { imageEnd, imageStart } from "./boot-info";
import { fdtAddress, fdtBytes, fdtMemoryBase, fdtMemoryCount, fdtMemorySize } from "./fdt";

const PAGE: u64 = 4096;
const KERNEL_WINDOW_END: u64 = 0x4060_0000;
const MAPPED_END: u64 = 0x1_0000_0000;

const MAX_RANGES: u32 = 64;
const MAX_HOLES: u32 = 8;
const ranges = memory.data(64 * 16, 8);
let count: u32 = 0;
const holes = memory.data(8 * 16, 8);
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

/** Builds the list from the device tree (read by fdtInit); false when it names no RAM. */
export function ramInit(): bool {
  count = 0;
  holeCount = 0;
  hole(0, KERNEL_WINDOW_END);
  hole(imageStart(), imageEnd());
  hole(fdtAddress(), fdtAddress() + fdtBytes());
  for (let i: u32 = 0; i < fdtMemoryCount(); i++) addRam(fdtMemoryBase(i), fdtMemorySize(i));
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
