import { KERNEL_WINDOW, type MemoryMap } from '@mewz/core';

const MiB = 0x10_0000n;
const GiB = 0x4000_0000n;

/**
 * Physical (and, being identity mapped, virtual) layout of a qemu-x86_64 machine:
 *
 * - [0, 1 MiB): low memory, the firmware's and the boot protocol's (QEMU puts the PVH
 *   start_info, memory map and command line there). Page 0 is unmapped so null pointers fault.
 * - [1 MiB, 5 MiB): the kernel window, the kernel's linear memory (data, then heap).
 * - 5 MiB: the image (text, rodata, data, bss), then the boot page tables.
 * - [3 GiB, 4 GiB): MMIO (IOAPIC 0xFEC00000, LAPIC 0xFEE00000, virtio-mmio 0xFEB00000...),
 *   mapped cache-disabled.
 * - [0x80_0000_0000, 0x100_0000_0000): the app region (PML4 entry 1), virtual only,
 *   unmapped at boot; the machine component maps app memories and tables there.
 */
export const LOW_MEMORY_END = 1n * MiB;
export const WINDOW_BASE = 1n * MiB;
export const WINDOW_SIZE = 4n * MiB;
export const LOAD_ADDRESS = WINDOW_BASE + WINDOW_SIZE;
export const MMIO_BASE = 3n * GiB;
export const MMIO_END = 4n * GiB;
/** Everything up to here is identity mapped at boot. */
export const IDENTITY_MAP_END = 4n * GiB;
export const APP_REGION_BASE = 0x80_0000_0000n;
export const APP_REGION_SIZE = 0x80_0000_0000n;

export const LAPIC_BASE = 0xfee0_0000n;
/** The xAPIC end-of-interrupt register; interrupt stubs write 0 there. */
export const LAPIC_EOI = LAPIC_BASE + 0xb0n;
export const IOAPIC_BASE = 0xfec0_0000n;

export function qemuMemoryMap(isa: string): MemoryMap {
  if (isa !== 'x86_64') throw new Error(`the qemu-x86_64 platform does not support ${isa}`);
  return {
    loadAddress: LOAD_ADDRESS,
    regions: [
      { name: 'low-memory', base: 0n, size: LOW_MEMORY_END, type: 'reserved' },
      { name: KERNEL_WINDOW, base: WINDOW_BASE, size: WINDOW_SIZE, type: 'ram' },
      { name: 'mmio', base: MMIO_BASE, size: MMIO_END - MMIO_BASE, type: 'mmio' },
      { name: 'app-region', base: APP_REGION_BASE, size: APP_REGION_SIZE, type: 'reserved' },
    ],
  };
}
