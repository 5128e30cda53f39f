import type { LayoutRequest, LayoutSpec } from '@mewz/core';
import { BOOT_INFO_SIZE } from './boot-info.js';
import { LOAD_ADDRESS } from './memory-map.js';

export const PAGE = 4096;

/** Symbols of the layout the stubs use (linker-defined, or the edges of its regions). */
export const SYMBOLS = {
  imageStart: '__image_start',
  /** End of bss, page aligned. */
  imageEnd: '__image_end',
  bssStart: '__bss_start',
  bssEnd: '__bss_end',
  bootInfo: '__mewz_boot_info',
  rodataStart: '__rodata_start',
  dataStart: '__data_start',
  /** Level 1 root, level 2 of [0, 1 GiB), level 2 of [1 GiB, 2 GiB); 4 KiB each. The image's level 3 tables follow __image_end. */
  pageTables: '__mewz_page_tables',
  exceptionDepth: '__mewz_exception_depth',
  /** Parameter blocks and the status file's path for the semihosting calls that end the machine. */
  scratch: '__mewz_semihosting_scratch',
  stackGuard: '__stack_guard',
  stackBottom: '__stack_bottom',
  stackTop: '__stack_top',
  exceptionStackBottom: '__mewz_exception_stack_bottom',
  exceptionStackTop: '__mewz_exception_stack_top',
} as const;

/** The input section of the boot stub, placed first so that the arm64 image header starts the image. */
export const BOOT_SECTION = '.text.platform.boot';

/** Bytes of the exception stack (SP_EL1). */
export const EXCEPTION_STACK_SIZE = 0x4000;
export const STATIC_PAGE_TABLES = 3;
/** Bytes of the semihosting scratch area: a 64-byte parameter block, then the status file's path. */
export const SCRATCH_SIZE = 4096;

const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * The image at LOAD_ADDRESS: text (the boot stub first: header, entry, vectors), rodata,
 * data, bss, each page aligned. The guard page lies right below the stack and the
 * exception stack above its top (compiled code checks the stack pointer against the main
 * stack's limit, which an exception stack below it would fail).
 */
export function qemuAarch64Layout(isa: string, request: LayoutRequest): LayoutSpec {
  if (isa !== 'aarch64') throw new Error(`the qemu-aarch64 platform does not support ${isa}`);
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
    placeFirst: [BOOT_SECTION],
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
      { section: '.bss.exception_depth', size: 16, alignment: 16, start: SYMBOLS.exceptionDepth },
      { section: '.bss.semihosting', size: SCRATCH_SIZE, alignment: 16, start: SYMBOLS.scratch },
      { section: '.bss.page_tables', size: STATIC_PAGE_TABLES * PAGE, alignment: PAGE, start: SYMBOLS.pageTables },
      { section: '.bss.stack_guard', size: PAGE, alignment: PAGE, start: SYMBOLS.stackGuard },
      { section: '.bss.stack', size: roundUp(request.stackSize, PAGE), alignment: PAGE, start: SYMBOLS.stackBottom, end: SYMBOLS.stackTop },
      { section: '.bss.exception_stack', size: EXCEPTION_STACK_SIZE, alignment: PAGE, start: SYMBOLS.exceptionStackBottom, end: SYMBOLS.exceptionStackTop },
    ],
  };
}
