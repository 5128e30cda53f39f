/**
 * `_start`, the image's first byte: the arm64 image header, then the boot: EL2 → EL1 when
 * entered at EL2, FP/SIMD on, bss zeroed, the boot page tables and the MMU, the vectors,
 * the boot info, the stacks, then `__mewz_main(bootInfo, stackLimit)` on SP_EL0. The
 * machine ends with `exit 0` if it returns. The vector table and the end-of-machine
 * routine follow in the same section (it is placed at the image's start, which makes the
 * table's 2 KiB alignment real).
 */
import { type Assembler, mem, sp, sym, x0, x1, x2, x3, x4, x9, x10, x11, x12, x13, x14, x15, x16, x17, x19, x20, x21, x22, x23, x24, x25, x29, x30, xzr } from '@mewz/backend-aarch64';
import { PLATFORM_SYMBOLS, type StubContext } from '@mewz/core';
import { arm64Header } from './arm64-header.js';
import { BOOT_INFO } from './boot-info.js';
import { PAGE, SYMBOLS } from './layout.js';
import { endMachine, endMachineRoutine } from './machine-exit.js';
import { DEVICE_BASE, LOAD_ADDRESS, RAM_BASE, WINDOW_BASE, WINDOW_SIZE } from './memory-map.js';
import { CNTHCTL_EL2, CNTVOFF_EL2, ELR_EL2, HCR_EL2, SPSR_EL2, WORDS } from './system-registers.js';
import { vectorTable, VECTORS } from './vectors.js';

export const BOOT_ENTRY = '__mewz_boot';

/** SCTLR_EL1's RES1 bits (Armv8.0): 29, 28, 23, 22, 20, 11. */
export const SCTLR_RES1 = 0x30d0_0800;
/** MMU (M), data cache (C), instruction cache (I). */
export const SCTLR_ON = SCTLR_RES1 | 0x1 | 0x4 | 0x1000;
/** Attr0: Normal write-back read/write-allocate; Attr1: Device-nGnRE. */
export const MAIR = 0x04ff;
/** T0SZ 25 (39-bit VA, walks start at level 1), inner/outer write-back, inner shareable, 4 KiB granule, TTBR1 walks off (EPD1), 40-bit PA. */
export const TCR = 25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 * 2 ** 32);
/** HCR_EL2.RW: EL1 is AArch64. */
const HCR_RW = 0x8000_0000;
/** EL1h with D, A, I, F masked. */
const SPSR_EL1H_MASKED = 0x3c5;
/** CPACR_EL1.FPEN = 0b11: FP/SIMD not trapped (compiled code uses them). */
const CPACR_FPEN = 3 << 20;

/** Descriptors: a block (levels 1, 2), a page (level 3), a table. AF set; Normal ones inner shareable. */
export const DESC = {
  table: 0x3n,
  /** RAM: read-write, never executable at EL1 (PXN). */
  normalBlock: 0x701n | (1n << 53n),
  normalPage: 0x703n,
  /** AP[2]: read-only. */
  readOnly: 0x80n,
  privilegedNever: 1n << 53n,
  /** Attr1 (Device-nGnRE), never executable (PXN, UXN). */
  deviceBlock: 0x405n | (1n << 53n) | (1n << 54n),
} as const;

const BLOCK_2M = 0x20_0000;

/** Room kept below the stack limit for a frame and a call after a passed limit check: at most half the stack. */
export function stackMargin(stackSize: number): number {
  return Math.min(0x1_0000, Math.floor(stackSize / 2 / 16) * 16);
}

/** Stores x9, x9 + step, … at [from, to) (8-byte entries). Uses x10, x11. */
function fill(a: Assembler, table: typeof x0, firstIndex: number, count: number, step: number): void {
  const loop = a.newLabel();
  a.add(64, x10, table, firstIndex * 8).add(64, x11, table, (firstIndex + count) * 8);
  a.bind(loop).str(64, x9, mem(x10, 8, 'post'));
  if (step % 0x1000 === 0 && step / 0x1000 < 0x1000) a.add(64, x9, x9, step);
  else a.mov(64, x12, step).add(64, x9, x9, x12);
  a.cmp(64, x10, x11).bcond('lo', loop);
}

export function bootStub(a: Assembler, context: StubContext<Assembler>): void {
  const entry = a.newLabel(BOOT_ENTRY);
  a.bind(a.newLabel(PLATFORM_SYMBOLS.entry));
  arm64Header(a, entry);

  a.bind(entry);
  a.mov(64, x19, x0);
  a.msrDaif(true, 0xf);
  // EL2: AArch64 EL1, the counters and timers open to EL1, no virtual offset; then eret to EL1.
  const atEl1 = a.newLabel();
  a.mrs(x20, 'currentel').shift('lsr', 64, x20, x20, 2).logic('and', 64, x20, x20, 3);
  a.cmp(64, x20, 2).bcond('ne', atEl1);
  a.mov(64, x9, HCR_RW).msr(HCR_EL2, x9);
  a.mov(64, x9, 3).msr(CNTHCTL_EL2, x9).msr(CNTVOFF_EL2, xzr);
  a.mov(64, x9, SCTLR_RES1).msr('sctlr_el1', x9);
  a.mov(64, x9, SPSR_EL1H_MASKED).msr(SPSR_EL2, x9);
  a.adr(x9, atEl1).msr(ELR_EL2, x9).eret();
  a.bind(atEl1);
  a.mov(64, x9, CPACR_FPEN).msr('cpacr_el1', x9).isb();
  a.mrs(x21, 'cntvct_el0');

  // bss (the loader zero-fills it for an ELF, not for a raw image): [__bss_start, __image_end),
  // page aligned; and the kernel window, which nothing loads.
  const zeroRange = () => {
    const zero = a.newLabel();
    const zeroed = a.newLabel();
    a.bind(zero).cmp(64, x9, x10).bcond('hs', zeroed).stp(64, xzr, xzr, mem(x9, 16, 'post')).b(zero);
    a.bind(zeroed);
  };
  a.loadAddress(x9, sym(SYMBOLS.bssStart)).loadAddress(x10, sym(SYMBOLS.imageEnd));
  zeroRange();
  a.mov(64, x9, WINDOW_BASE).mov(64, x10, WINDOW_BASE + WINDOW_SIZE);
  zeroRange();

  // Page tables: L1 root; L2 of [0, 1 GiB): devices from 128 MiB; L2 of [1, 2 GiB): RAM in
  // 2 MiB blocks, except the image's blocks, which point to L3 tables made right after
  // __image_end (one per block): text read-only and executable, rodata read-only, the
  // rest read-write, the guard page left out. [2, 4 GiB): two 1 GiB blocks. Only text is
  // executable.
  a.loadAddress(x22, sym(SYMBOLS.pageTables));
  a.add(64, x23, x22, PAGE).add(64, x24, x22, 2 * PAGE);
  a.logic('orr', 64, x9, x23, 3).str(64, x9, mem(x22, 0));
  a.logic('orr', 64, x9, x24, 3).str(64, x9, mem(x22, 8));
  a.mov(64, x9, 0x8000_0000n | DESC.normalBlock).str(64, x9, mem(x22, 16));
  a.mov(64, x9, 0xc000_0000n | DESC.normalBlock).str(64, x9, mem(x22, 24));
  const firstDevice = Number(DEVICE_BASE) / BLOCK_2M;
  a.mov(64, x9, DEVICE_BASE | DESC.deviceBlock);
  fill(a, x23, firstDevice, 512 - firstDevice, BLOCK_2M);
  a.mov(64, x9, RAM_BASE | DESC.normalBlock);
  fill(a, x24, 0, 512, BLOCK_2M);

  // The image's L3 entries: x13 the page, x14 the end of the image's last block.
  const page = a.newLabel();
  const notGuard = a.newLabel();
  const readOnly = a.newLabel();
  const store = a.newLabel();
  const pagesDone = a.newLabel();
  a.loadAddress(x12, sym(SYMBOLS.imageEnd)).mov(64, x13, LOAD_ADDRESS);
  a.mov(64, x9, BLOCK_2M - 1).add(64, x14, x12, x9).logic('and', 64, x14, x14, ~BigInt(BLOCK_2M - 1) & 0xffff_ffff_ffff_ffffn);
  a.loadAddress(x15, sym(SYMBOLS.rodataStart)).loadAddress(x16, sym(SYMBOLS.dataStart)).loadAddress(x17, sym(SYMBOLS.stackGuard));
  a.mov(64, x2, DESC.normalPage).mov(64, x3, DESC.readOnly).mov(64, x4, DESC.privilegedNever).mov(64, x10, x12);
  a.bind(page).cmp(64, x13, x14).bcond('hs', pagesDone);
  a.logic('orr', 64, x9, x13, x2);
  a.cmp(64, x13, x17).bcond('ne', notGuard).mov(64, x9, 0).b(store);
  a.bind(notGuard).cmp(64, x13, x15).bcond('lo', readOnly);
  a.logic('orr', 64, x9, x9, x4);
  a.cmp(64, x13, x16).bcond('hs', store);
  a.bind(readOnly).logic('orr', 64, x9, x9, x3);
  a.bind(store).str(64, x9, mem(x10, 8, 'post')).add(64, x13, x13, PAGE).b(page);
  a.bind(pagesDone);
  // L2 entries of the image's blocks → the tables; x9 ends at the tables' end.
  const block = a.newLabel();
  const blocksDone = a.newLabel();
  a.mov(64, x13, LOAD_ADDRESS).mov(64, x9, x12).add(64, x10, x24, Number((LOAD_ADDRESS - RAM_BASE) / BigInt(BLOCK_2M)) * 8);
  a.bind(block).cmp(64, x13, x14).bcond('hs', blocksDone);
  a.logic('orr', 64, x11, x9, 3).str(64, x11, mem(x10, 8, 'post')).add(64, x9, x9, PAGE).add(64, x13, x13, BLOCK_2M).b(block);
  a.bind(blocksDone).mov(64, x25, x9);

  // The MMU.
  a.mov(64, x9, MAIR).msr('mair_el1', x9);
  a.mov(64, x9, TCR).msr('tcr_el1', x9);
  a.msr('ttbr0_el1', x22).dsb('ish').word(WORDS.tlbiVmalle1).dsb('ish').isb();
  a.mov(64, x9, SCTLR_ON).msr('sctlr_el1', x9).isb();
  a.loadAddress(x9, sym(VECTORS)).msr('vbar_el1', x9).isb();

  // The boot info.
  a.loadAddress(x0, sym(SYMBOLS.bootInfo));
  a.str(64, x19, mem(x0, BOOT_INFO.entryX0)).str(64, x21, mem(x0, BOOT_INFO.entryCounter));
  a.str(64, x20, mem(x0, BOOT_INFO.entryEl)).str(64, x22, mem(x0, BOOT_INFO.rootTable));
  // The image ends after its L3 tables.
  a.str(64, x25, mem(x0, BOOT_INFO.imageEnd));
  const fields: [number, string][] = [
    [BOOT_INFO.imageStart, SYMBOLS.imageStart],
    [BOOT_INFO.stackBottom, SYMBOLS.stackBottom],
    [BOOT_INFO.stackTop, SYMBOLS.stackTop],
    [BOOT_INFO.exceptionStackBottom, SYMBOLS.exceptionStackBottom],
    [BOOT_INFO.exceptionStackTop, SYMBOLS.exceptionStackTop],
  ];
  for (const [offset, symbol] of fields) a.loadAddress(x9, sym(symbol)).str(64, x9, mem(x0, offset));

  // SP_EL1 is the exception stack; the kernel runs on SP_EL0.
  a.loadAddress(x9, sym(SYMBOLS.exceptionStackTop)).mov(64, sp, x9);
  a.word(WORDS.spselZero);
  a.loadAddress(x9, sym(SYMBOLS.stackTop)).mov(64, sp, x9);
  a.mov(64, x29, 0).mov(64, x30, 0);
  a.loadAddress(x1, sym(SYMBOLS.stackBottom, stackMargin(context.stackSize)));
  a.bl(sym(PLATFORM_SYMBOLS.main));
  endMachine(a, 'exit 0');

  endMachineRoutine(a);
  vectorTable(a);
}
