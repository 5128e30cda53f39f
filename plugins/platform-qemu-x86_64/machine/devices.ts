// What the kernel probes for devices: QEMU microvm's virtio-mmio slots (0x200 bytes each
// from 0xfeb00000: 8 of them, 24 with its second I/O APIC) and PCI configuration space
// through ports 0xcf8/0xcfc (q35). Both are detected at boot, not assumed from the
// machine type.
import { mmio_load32, port_in32, port_out32 } from "./intrinsics";

const VIRTIO_MMIO_BASE: u64 = 0xfeb0_0000;
const VIRTIO_MMIO_SLOT: u64 = 0x200;
const VIRTIO_MMIO_MAX: u32 = 24;
const VIRTIO_MAGIC: u32 = 0x7472_6976; // "virt"

const PCI_ADDRESS: u32 = 0xcf8;
const PCI_DATA: u32 = 0xcfc;
const PCI_ENABLE: u32 = 0x8000_0000;

let virtioSlots: u32 = 0;
let hasPci = false;

export function devicesInit(): void {
  // A transport answers with the magic even with no device behind it (device id 0), so
  // the slots are the leading run of answers.
  virtioSlots = 0;
  while (virtioSlots < VIRTIO_MMIO_MAX && mmio_load32(VIRTIO_MMIO_BASE + VIRTIO_MMIO_SLOT * virtioSlots) == VIRTIO_MAGIC) virtioSlots++;
  // Configuration mechanism #1 keeps the address written with the enable bit; nothing
  // at port 0xcf8 reads back 0xffffffff.
  port_out32(PCI_ADDRESS, PCI_ENABLE);
  hasPci = port_in32(PCI_ADDRESS) == PCI_ENABLE;
  port_out32(PCI_ADDRESS, 0);
}

export function virtioCount(): u32 {
  return virtioSlots;
}

export function virtioBase(i: u32): u64 {
  return i < virtioSlots ? VIRTIO_MMIO_BASE + VIRTIO_MMIO_SLOT * <u64>i : 0;
}

export function pciPresent(): bool {
  return hasPci;
}

export function pciRead32(bdf: u32, offset: u32): u32 {
  if (!hasPci || bdf > 0xffff || offset > 0xfc || (offset & 3) != 0) return 0xffff_ffff;
  port_out32(PCI_ADDRESS, PCI_ENABLE | (bdf << 8) | offset);
  return port_in32(PCI_DATA);
}
