// Device discovery at boot: the machine's virtio-mmio slots and PCI bus 0. The table
// (kind, location, ids) is what drivers look their devices up in; every device found is
// logged at info level.
import { LOG_DEBUG, LOG_INFO, LOG_WARN, logBegin } from "./log";
import { machine_pci_read32, machine_virtio_mmio_base, machine_virtio_mmio_count, mmio_load32 } from "./machine";
import { decimal, finish, hex, hexDigits, text } from "./message";

export const DEVICE_VIRTIO_MMIO: u32 = 1;
export const DEVICE_PCI: u32 = 2;

const VIRTIO_MAGIC: u32 = 0x74726976; // "virt"
const MAX_DEVICES: u32 = 64;
/** Per device: kind u32 @0, device id u32 @4, vendor id u32 @8, class u32 @12, location u64 @16. */
const ENTRY: u32 = 24;
const table = memory.data(<i32>(MAX_DEVICES * ENTRY), 8);
let count: u32 = 0;

export function deviceCount(): u32 {
  return count;
}

export function deviceKind(i: u32): u32 {
  return i < count ? load<u32>(table + i * ENTRY) : 0;
}

export function deviceId(i: u32): u32 {
  return i < count ? load<u32>(table + i * ENTRY, 4) : 0;
}

export function deviceVendor(i: u32): u32 {
  return i < count ? load<u32>(table + i * ENTRY, 8) : 0;
}

/** PCI: the class code (class, subclass, interface); virtio-mmio: the transport version. */
export function deviceClass(i: u32): u32 {
  return i < count ? load<u32>(table + i * ENTRY, 12) : 0;
}

/** virtio-mmio: the slot's base address; PCI: bus << 8 | device << 3 | function. */
export function deviceLocation(i: u32): u64 {
  return i < count ? load<u64>(table + i * ENTRY, 16) : 0;
}

function add(kind: u32, location: u64, id: u32, vendor: u32, klass: u32): bool {
  if (count == MAX_DEVICES) {
    if (logBegin(LOG_WARN)) {
      text("devices: more than "); decimal(MAX_DEVICES); text(" devices; ignoring the rest");
      finish();
    }
    return false;
  }
  const e = table + count * ENTRY;
  store<u32>(e, kind);
  store<u32>(e, id, 4);
  store<u32>(e, vendor, 8);
  store<u32>(e, klass, 12);
  store<u64>(e, location, 16);
  count++;
  return true;
}

function virtioName(id: u32): string {
  switch (id) {
    case 1: return "network";
    case 2: return "block";
    case 3: return "console";
    case 4: return "entropy";
    case 5: return "balloon";
    case 9: return "9p";
    case 16: return "gpu";
    case 18: return "input";
    case 19: return "vsock";
    case 26: return "fs";
    default: return "unknown";
  }
}

function probeVirtioMmio(): void {
  const slots = machine_virtio_mmio_count();
  for (let i: u32 = 0; i < slots; i++) {
    const base = machine_virtio_mmio_base(i);
    const magic = mmio_load32(base);
    if (magic != VIRTIO_MAGIC) {
      if (logBegin(LOG_DEBUG)) {
        text("devices: virtio-mmio slot "); hex(base); text(" has no virtio magic ("); hex(magic); text(")");
        finish();
      }
      continue;
    }
    const version = mmio_load32(base + 4);
    const id = mmio_load32(base + 8);
    if (id == 0) continue; // an empty slot
    if (version != 1 && version != 2) {
      if (logBegin(LOG_WARN)) {
        text("devices: virtio-mmio "); hex(base); text(": unknown transport version "); decimal(version); text(", ignored");
        finish();
      }
      continue;
    }
    const vendor = mmio_load32(base + 12);
    if (!add(DEVICE_VIRTIO_MMIO, base, id, vendor, version)) return;
    if (logBegin(LOG_INFO)) {
      text("device: virtio-mmio "); hex(base); text(": virtio "); text(virtioName(id)); text(" (device "); decimal(id);
      text("), vendor "); hex(vendor); text(", version "); decimal(version);
      finish();
    }
  }
}

function probePci(): void {
  for (let dev: u32 = 0; dev < 32; dev++) {
    for (let fn: u32 = 0; fn < 8; fn++) {
      const bdf = (dev << 3) | fn;
      const ids = machine_pci_read32(bdf, 0);
      if ((ids & 0xffff) == 0xffff) {
        if (fn == 0) break; // no device: its other functions are absent too
        continue;
      }
      const klass = machine_pci_read32(bdf, 8) >>> 8;
      if (!add(DEVICE_PCI, bdf, ids >>> 16, ids & 0xffff, klass)) return;
      if (logBegin(LOG_INFO)) {
        text("device: pci 00:"); hexDigits(dev, 2); text("."); decimal(fn);
        text(": vendor "); hexDigits(ids & 0xffff, 4); text(" device "); hexDigits(ids >>> 16, 4);
        text(" class "); hexDigits(klass, 6);
        finish();
      }
      // Functions 1-7 exist only on a multi-function device (header type bit 7).
      if (fn == 0 && ((machine_pci_read32(bdf, 12) >>> 16) & 0x80) == 0) break;
    }
  }
}

export function probeDevices(): void {
  probeVirtioMmio();
  probePci();
}
