/**
 * The boot info record: written by the boot stub (in bss), its address is
 * `__mewz_main`'s first argument, which reaches the machine component as
 * `machine_init(bootInfo)`. All fields are little-endian u64.
 */
export const BOOT_INFO = {
  /** x0 at entry: the device tree's address under the Linux boot protocol (QEMU passes none to an ELF kernel). */
  entryX0: 0,
  /** First byte of the image (the load address). */
  imageStart: 8,
  /** End of what the image occupies: bss, then the image's level-3 page tables (4 KiB aligned). */
  imageEnd: 16,
  /** Lowest byte of the main stack; the 4 KiB page below it is the unmapped guard page. */
  stackBottom: 24,
  stackTop: 32,
  /** cntvct_el0 at entry. */
  entryCounter: 40,
  /** The exception stack (SP_EL1), above the main stack's top. */
  exceptionStackBottom: 48,
  exceptionStackTop: 56,
  /** The level-1 translation table (what TTBR0_EL1 holds). */
  rootTable: 64,
  /** The exception level the image was entered at (1 or 2). */
  entryEl: 72,
  /** A doorbell request: kind (DOORBELL_KIND), x0 and x1 for the call, and x0 after it. */
  callKind: 80,
  callX0: 88,
  callX1: 96,
  callResult: 104,
} as const;

/** Bytes of the record. */
export const BOOT_INFO_SIZE = 112;

/** What a doorbell load asks the exception stub to do (BOOT_INFO.callKind; reset to 0 by the stub). */
export const DOORBELL_KIND = {
  /** hlt #0xf000 with x0 = operation, x1 = parameter (Arm semihosting); -1 when semihosting is off. */
  semihosting: 0x5348,
  /** hvc #0 with x0 = the PSCI function (x1 = its first argument). */
  psci: 0x5053,
  /** Ends the machine: x0 = the status line's address, x1 = its length | the exit code << 16 (machine-exit.ts). */
  exit: 0x4558,
} as const;
