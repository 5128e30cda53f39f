/**
 * The boot info record: written by the boot stub (in bss), its address is
 * `__mewz_main`'s first argument, which reaches the machine component as
 * `machine_init(bootInfo)`. All fields are little-endian u64.
 */
export const BOOT_INFO = {
  /** Physical address of the PVH hvm_start_info (ebx at entry). */
  startInfo: 0,
  /** First byte of the image (the load address). */
  imageStart: 8,
  /** End of what the image occupies: bss, then the boot page tables (4 KiB aligned). */
  imageEnd: 16,
  /** Lowest byte of the main stack; the 4 KiB page below it is the unmapped guard page. */
  stackBottom: 24,
  stackTop: 32,
  /** rdtsc at entry. */
  entryTsc: 40,
  /** The exception (IST1) stack, above the main stack's top. */
  exceptionStackBottom: 48,
  exceptionStackTop: 56,
  /** Physical address of the PML4 (what CR3 holds). */
  pml4: 64,
  /** Start of the boot page tables (the 4 KiB page tables after bss; they end at imageEnd). */
  pageTables: 72,
} as const;

/** Bytes of the record. */
export const BOOT_INFO_SIZE = 80;
