// The flattened device tree (devicetree specification v0.4, big-endian): RAM from the
// /memory nodes, virtio-mmio transports from the /virtio_mmio nodes and the command line
// from /chosen/bootargs. QEMU passes it in x0 under the Linux boot protocol and puts it at
// the base of RAM for an ELF kernel; the address is checked by its magic.
import { mmio_load32, mmio_load8 } from "./intrinsics";

const MAGIC: u32 = 0xd00d_feed;
const BEGIN_NODE: u32 = 1;
const END_NODE: u32 = 2;
const PROP: u32 = 3;
const NOP: u32 = 4;
const END: u32 = 9;

export const RAM_BASE: u64 = 0x4000_0000;
const MAPPED_END: u64 = 0x1_0000_0000;

let fdt: u64 = 0;
let fdtSize: u64 = 0;

const MAX_MEMORY: u32 = 16;
const memory_ = memory.data(16 * 16, 8);
let memoryCount: u32 = 0;
const MAX_VIRTIO: u32 = 64;
const virtio = memory.data(64 * 8, 8);
let virtioCount_: u32 = 0;
let bootargs: u64 = 0;

function be32(a: u64): u32 {
  return bswap<u32>(mmio_load32(a));
}

function cells(a: u64, n: u32): u64 {
  return n == 2 ? (<u64>be32(a) << 32) | <u64>be32(a + 4) : <u64>be32(a);
}

function valid(at: u64): bool {
  return at >= RAM_BASE && at < MAPPED_END - 64 && (at & 7) == 0 && be32(at) == MAGIC;
}

/** Whether the NUL-terminated text at `a` starts with `s` (and, when `whole`, ends there). */
function textIs(a: u64, s: string, whole: bool): bool {
  for (let i = 0; i < s.length; i++) if (mmio_load8(a + <u64>i) != <u32>s.charCodeAt(i)) return false;
  return !whole || mmio_load8(a + <u64>s.length) == 0;
}

function textLength(a: u64, limit: u64): u64 {
  let n: u64 = 0;
  while (n < limit && mmio_load8(a + n) != 0) n++;
  return n;
}

const NODE_OTHER: u32 = 0;
const NODE_MEMORY: u32 = 1;
const NODE_VIRTIO: u32 = 2;
const NODE_CHOSEN: u32 = 3;

function addVirtio(base: u64): void {
  if (virtioCount_ >= MAX_VIRTIO) return;
  // Kept in ascending order (QEMU lists the transports from the top down).
  let i = virtioCount_++;
  while (i > 0 && load<u64>(virtio + 8 * (i - 1)) > base) {
    store<u64>(virtio + 8 * i, load<u64>(virtio + 8 * (i - 1)));
    i--;
  }
  store<u64>(virtio + 8 * i, base);
}

/**
 * Finds and reads the device tree: `candidate` (x0 at entry) when it holds one, else the
 * base of RAM. False when neither does or the tree is malformed.
 */
export function fdtInit(candidate: u64): bool {
  fdt = valid(candidate) ? candidate : valid(RAM_BASE) ? RAM_BASE : 0;
  if (fdt == 0) return false;
  fdtSize = <u64>be32(fdt + 4);
  const end = fdt + fdtSize;
  const strings = fdt + <u64>be32(fdt + 12);
  let p = fdt + <u64>be32(fdt + 8);
  let depth: i32 = 0;
  let node = NODE_OTHER;
  let addressCells: u32 = 2;
  let sizeCells: u32 = 1;
  while (p + 4 <= end) {
    const token = be32(p);
    p += 4;
    if (token == BEGIN_NODE) {
      depth++;
      node = NODE_OTHER;
      if (depth == 2) {
        if (textIs(p, "memory", false)) node = NODE_MEMORY;
        else if (textIs(p, "virtio_mmio", false)) node = NODE_VIRTIO;
        else if (textIs(p, "chosen", true)) node = NODE_CHOSEN;
      }
      p += (textLength(p, end - p) + 4) & ~(<u64>3);
    } else if (token == END_NODE) {
      depth--;
      node = NODE_OTHER;
      if (depth < 0) return false;
    } else if (token == PROP) {
      const len = <u64>be32(p);
      const name = strings + <u64>be32(p + 4);
      const value = p + 8;
      p = value + ((len + 3) & ~(<u64>3));
      if (p > end) return false;
      if (depth == 1 && textIs(name, "#address-cells", true)) addressCells = be32(value);
      else if (depth == 1 && textIs(name, "#size-cells", true)) sizeCells = be32(value);
      else if (depth == 2 && textIs(name, "reg", true)) {
        const entry = <u64>(addressCells + sizeCells) * 4;
        if (entry == 0 || addressCells > 2 || sizeCells > 2) continue;
        if (node == NODE_MEMORY) {
          for (let at = value; at + entry <= value + len && memoryCount < MAX_MEMORY; at += entry) {
            store<u64>(memory_ + 16 * memoryCount, cells(at, addressCells));
            store<u64>(memory_ + 16 * memoryCount + 8, cells(at + <u64>addressCells * 4, sizeCells));
            memoryCount++;
          }
        } else if (node == NODE_VIRTIO && len >= entry) {
          addVirtio(cells(value, addressCells));
        }
      } else if (depth == 2 && node == NODE_CHOSEN && textIs(name, "bootargs", true) && len > 0) {
        bootargs = value;
      }
    } else if (token == NOP) {
      continue;
    } else if (token == END) {
      return true;
    } else {
      return false;
    }
  }
  return false;
}

export function fdtAddress(): u64 { return fdt; }
export function fdtBytes(): u64 { return fdtSize; }
export function fdtMemoryCount(): u32 { return memoryCount; }
export function fdtMemoryBase(i: u32): u64 { return i < memoryCount ? load<u64>(memory_ + 16 * i) : 0; }
export function fdtMemorySize(i: u32): u64 { return i < memoryCount ? load<u64>(memory_ + 16 * i + 8) : 0; }
export function fdtVirtioCount(): u32 { return virtioCount_; }
export function fdtVirtioBase(i: u32): u64 { return i < virtioCount_ ? load<u64>(virtio + 8 * i) : 0; }
/** /chosen/bootargs in the tree (NUL-terminated), 0 when absent. */
export function fdtBootargs(): u64 { return bootargs; }
