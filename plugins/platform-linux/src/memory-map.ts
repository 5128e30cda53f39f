import { KERNEL_WINDOW, type MemoryMap } from '@mewz/core';

/** The ISAs this platform builds for. */
export const LINUX_ISAS = ['x86_64', 'aarch64'] as const;
export type LinuxIsa = (typeof LINUX_ISAS)[number];

/** Where Linux loads a static executable (the traditional non-PIE base, on x86_64 and aarch64 alike). */
export const LOAD_ADDRESS = 0x40_0000n;
/**
 * The kernel's window: from the lowest address Linux lets a process map (vm.mmap_min_addr
 * is 64 KiB at most on both ISAs) up to the image. `_start` maps it before the kernel is
 * instantiated.
 */
export const WINDOW_BASE = 0x1_0000n;
export const WINDOW_SIZE = LOAD_ADDRESS - WINDOW_BASE;

/**
 * Load address, window and segment alignment per ISA. aarch64 Linux kernels run with 4,
 * 16 or 64 KiB pages, so its segments are aligned for the largest (as aarch64 linkers do);
 * the window's bounds are multiples of 64 KiB already.
 */
const MAPS: Readonly<Record<LinuxIsa, { load: bigint; base: bigint; size: bigint; pageSize: number }>> = Object.freeze({
  x86_64: { load: LOAD_ADDRESS, base: WINDOW_BASE, size: WINDOW_SIZE, pageSize: 0x1000 },
  aarch64: { load: LOAD_ADDRESS, base: WINDOW_BASE, size: WINDOW_SIZE, pageSize: 0x1_0000 },
});

export function isLinuxIsa(isa: string): isa is LinuxIsa {
  return (LINUX_ISAS as readonly string[]).includes(isa);
}

export function checkIsa(isa: string): LinuxIsa {
  if (!isLinuxIsa(isa)) throw new Error(`the linux platform supports ${LINUX_ISAS.join(', ')}, not ${isa}`);
  return isa;
}

/** The kernel window of `isa`'s executables. */
export function windowOf(isa: string): { base: bigint; size: bigint } {
  const { base, size } = MAPS[checkIsa(isa)];
  return { base, size };
}

export function loadAddressOf(isa: string): bigint {
  return MAPS[checkIsa(isa)].load;
}

/** The page size the executable's segments are aligned to. */
export function pageSizeOf(isa: string): number {
  return MAPS[checkIsa(isa)].pageSize;
}

export function linuxMemoryMap(isa: string): MemoryMap {
  const { load, base, size } = MAPS[checkIsa(isa)];
  return { loadAddress: load, regions: [{ name: KERNEL_WINDOW, base, size, type: 'ram' }] };
}
