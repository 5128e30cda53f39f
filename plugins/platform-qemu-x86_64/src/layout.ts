import type { LayoutRequest, LayoutSpec } from '@mewz/core';
import { BOOT_INFO_SIZE } from './boot-info.js';
import { LOAD_ADDRESS } from './memory-map.js';

export const PAGE = 4096;

/** Symbols of the layout the stubs use (linker-defined, or the edges of its regions). */
export const SYMBOLS = {
  imageStart: '__image_start',
  /** End of bss, page aligned; the boot page tables start here. */
  imageEnd: '__image_end',
  bssStart: '__bss_start',
  bssEnd: '__bss_end',
  rodataStart: '__rodata_start',
  dataStart: '__data_start',
  bootInfo: '__mewz_boot_info',
  cpuTables: '__mewz_cpu_tables',
  idt: '__mewz_idt',
  /** PML4, PDPT and the four page directories of [0, 4 GiB), 4 KiB each in this order. */
  pageTables: '__mewz_page_tables',
  stackGuard: '__stack_guard',
  stackBottom: '__stack_bottom',
  stackTop: '__stack_top',
  exceptionStackBottom: '__mewz_exception_stack_bottom',
  exceptionStackTop: '__mewz_exception_stack_top',
} as const;

/** Offsets inside the cpu tables region. */
export const CPU_TABLES = {
  /** null, 64-bit code (0x08), data (0x10), the TSS (0x18, 16 bytes). */
  gdt: 0,
  gdtBytes: 40,
  /** The 10-byte operands of lgdt and lidt. */
  gdtr: 48,
  idtr: 64,
  /** The 64-bit TSS (104 bytes): IST1 at +0x24, I/O map base at +0x66. */
  tss: 128,
  tssBytes: 104,
  /** Exceptions being handled (nesting depth); a nested one ends the machine. */
  exceptionDepth: 240,
  size: 256,
} as const;

export const SELECTORS = { code: 0x08, data: 0x10, tss: 0x18 } as const;

/** Bytes of the exception (IST1) stack. */
export const EXCEPTION_STACK_SIZE = 0x4000;
/** PML4 + PDPT + 4 page directories. */
export const STATIC_PAGE_TABLES = 6;

const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * The image at LOAD_ADDRESS: text (r-x), notes + rodata (r--), data and bss (rw-), each
 * page aligned so the boot page tables can give each its permissions. The regions follow
 * every object's bss in this order, so the guard page lies right below the stack and the
 * exception stack above its top (compiled code checks the stack pointer against the main
 * stack's limit, which an exception stack below it would fail).
 */
export function qemuLayout(isa: string, request: LayoutRequest): LayoutSpec {
  if (isa !== 'x86_64') throw new Error(`the qemu-x86_64 platform does not support ${isa}`);
  if (!Number.isSafeInteger(request.stackSize) || request.stackSize <= 0) throw new Error(`stack size ${request.stackSize} is not a positive number of bytes`);
  return {
    base: LOAD_ADDRESS,
    pageSize: PAGE,
    segments: [
      { name: 'text', kinds: ['text'], permissions: 'r-x' },
      { name: 'rodata', kinds: ['note', 'rodata'], permissions: 'r--' },
      { name: 'data', kinds: ['data'], permissions: 'rw-' },
      { name: 'bss', kinds: ['bss'], permissions: 'rw-' },
    ],
    headersInFirstSegment: false,
    symbols: [
      { name: SYMBOLS.imageStart, at: { image: 'start' } },
      { name: SYMBOLS.imageEnd, at: { image: 'end' } },
      { name: SYMBOLS.bssStart, at: { section: 'bss', edge: 'start' } },
      { name: SYMBOLS.bssEnd, at: { section: 'bss', edge: 'end' } },
      { name: SYMBOLS.rodataStart, at: { segment: 'rodata', edge: 'start' } },
      { name: SYMBOLS.dataStart, at: { segment: 'data', edge: 'start' } },
    ],
    regions: [
      { section: '.bss.boot_info', size: BOOT_INFO_SIZE, alignment: 16, start: SYMBOLS.bootInfo },
      { section: '.bss.cpu_tables', size: CPU_TABLES.size, alignment: 64, start: SYMBOLS.cpuTables },
      { section: '.bss.idt', size: PAGE, alignment: PAGE, start: SYMBOLS.idt },
      { section: '.bss.page_tables', size: STATIC_PAGE_TABLES * PAGE, alignment: PAGE, start: SYMBOLS.pageTables },
      { section: '.bss.stack_guard', size: PAGE, alignment: PAGE, start: SYMBOLS.stackGuard },
      { section: '.bss.stack', size: roundUp(request.stackSize, PAGE), alignment: PAGE, start: SYMBOLS.stackBottom, end: SYMBOLS.stackTop },
      { section: '.bss.exception_stack', size: EXCEPTION_STACK_SIZE, alignment: PAGE, start: SYMBOLS.exceptionStackBottom, end: SYMBOLS.exceptionStackTop },
    ],
    notes: [{ owner: 'Xen', type: XEN_ELFNOTE_PHYS32_ENTRY, desc: { address: '_start', size: 8 } }],
  };
}

/** The Xen note type holding the 32-bit physical entry point (PVH boot). */
export const XEN_ELFNOTE_PHYS32_ENTRY = 18;
