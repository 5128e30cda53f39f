import { KERNEL_WINDOW, type MemoryMap } from '@mewz/core';

const MiB = 0x10_0000n;
const GiB = 0x4000_0000n;

/**
 * Physical (and, being identity mapped, virtual) layout of a QEMU virt machine:
 *
 * - [0, 128 MiB): unmapped (flash on virt); page 0 faults for null pointers, and the
 *   semihosting doorbell (SEMIHOST_DOORBELL) lies here.
 * - [128 MiB, 1 GiB): devices, mapped Device-nGnRE: GICv2 distributor 0x08000000 and CPU
 *   interface 0x08010000, PL011 0x09000000, PL031 0x09010000, virtio-mmio 0x0a000000...
 * - 1 GiB: RAM. QEMU puts the device tree at its base for an ELF kernel, so the first
 *   2 MiB are left to it; [1 GiB + 2 MiB, 1 GiB + 6 MiB) is the kernel window; the image
 *   follows at 1 GiB + 6 MiB (the arm64 header's text_offset), then the boot page tables.
 *   RAM is identity mapped up to 4 GiB (Normal, write-back).
 * - [256 GiB, 512 GiB): the app region (TTBR0 level-1 entries 256–511), virtual only,
 *   unmapped at boot; the machine component maps app memories and tables there.
 */
export const RAM_BASE = 1n * GiB;
export const DTB_AREA_SIZE = 2n * MiB;
export const WINDOW_BASE = RAM_BASE + DTB_AREA_SIZE;
export const WINDOW_SIZE = 4n * MiB;
export const LOAD_ADDRESS = WINDOW_BASE + WINDOW_SIZE;
/** The arm64 image header's text_offset: where a Linux-protocol loader puts the image above the 2 MiB-aligned RAM base. */
export const TEXT_OFFSET = LOAD_ADDRESS - RAM_BASE;
export const DEVICE_BASE = 128n * MiB;
export const DEVICE_END = 1n * GiB;
/** Everything up to here is identity mapped at boot. */
export const IDENTITY_MAP_END = 4n * GiB;
export const APP_REGION_BASE = 0x40_0000_0000n;
export const APP_REGION_SIZE = 0x40_0000_0000n;

export const GICD_BASE = 0x0800_0000n;
export const GICC_BASE = 0x0801_0000n;
export const PL011_BASE = 0x0900_0000n;
export const PL031_BASE = 0x0901_0000n;
/**
 * An unmapped address whose load, with a request pending in the boot info, is a call the
 * exception stub performs (semihosting or PSCI): how the machine component reaches
 * instructions compiled code has no intrinsic for.
 */
export const SEMIHOST_DOORBELL = 0x1000n;

export function qemuAarch64MemoryMap(isa: string): MemoryMap {
  if (isa !== 'aarch64') throw new Error(`the qemu-aarch64 platform does not support ${isa}`);
  return {
    loadAddress: LOAD_ADDRESS,
    regions: [
      { name: 'low-unmapped', base: 0n, size: DEVICE_BASE, type: 'reserved' },
      { name: 'mmio', base: DEVICE_BASE, size: DEVICE_END - DEVICE_BASE, type: 'mmio' },
      { name: 'device-tree', base: RAM_BASE, size: DTB_AREA_SIZE, type: 'reserved' },
      { name: KERNEL_WINDOW, base: WINDOW_BASE, size: WINDOW_SIZE, type: 'ram' },
      { name: 'app-region', base: APP_REGION_BASE, size: APP_REGION_SIZE, type: 'reserved' },
    ],
  };
}
