import { KERNEL_WINDOW, type MemoryMap } from '@mewz/core';

/** Where Linux loads a static executable (the traditional non-PIE base). */
export const LOAD_ADDRESS = 0x40_0000n;
/**
 * The kernel's window: from the lowest address Linux lets a process map (vm.mmap_min_addr
 * is 64 KiB) up to the image. `_start` maps it before the kernel is instantiated.
 */
export const WINDOW_BASE = 0x1_0000n;
export const WINDOW_SIZE = LOAD_ADDRESS - WINDOW_BASE;

export function linuxMemoryMap(isa: string): MemoryMap {
  if (isa !== 'x86_64') throw new Error(`the linux platform does not support ${isa} yet`);
  return {
    loadAddress: LOAD_ADDRESS,
    regions: [{ name: KERNEL_WINDOW, base: WINDOW_BASE, size: WINDOW_SIZE, type: 'ram' }],
  };
}
