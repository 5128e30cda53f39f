/**
 * The arm64 Linux image header (the kernel's Documentation/arch/arm64/booting.rst): 64
 * bytes at the image's start, whose first instruction branches over it.
 *
 *   +0  code0: b <entry>     +4  code1: 0
 *   +8  text_offset (u64): the image's offset from a 2 MiB-aligned RAM base
 *   +16 image_size (u64): bytes from the image's start to the end of its bss, plus L3_TABLE_ROOM
 *   +24 flags (u64): bit 0 big-endian (0), bits 1–2 page size (1: 4 KiB), bit 3 placed
 *       anywhere in RAM (0: near the RAM base, as text_offset says)
 *   +32 res2, +40 res3, +48 res4 (0)   +56 magic "ARM\x64"   +60 res5 (0: no PE header)
 */
import { type Assembler, type Label, sym } from '@mewz/backend-aarch64';
import { SYMBOLS } from './layout.js';
import { LOAD_ADDRESS, TEXT_OFFSET } from './memory-map.js';

export const ARM64_HEADER = { code0: 0, textOffset: 8, imageSize: 16, flags: 24, magic: 56, size: 64 } as const;
/** Bytes after __image_end the header claims: the boot stub's level-3 tables of an image of up to 32 MiB. */
export const L3_TABLE_ROOM = 16 * 4096;
/** "ARM\x64", little-endian. */
export const ARM64_MAGIC = 0x644d_5241;
/** Little-endian, 4 KiB pages, near the RAM base. */
export const ARM64_FLAGS = 0b0010n;

export function arm64Header(a: Assembler, entry: Label): void {
  a.b(entry).u32(0);
  a.u64(TEXT_OFFSET);
  // __image_end - LOAD_ADDRESS (the image is linked at LOAD_ADDRESS), plus the room of the
  // level-3 tables the boot stub makes after __image_end, so that a loader puts nothing there.
  a.address(8, sym(SYMBOLS.imageEnd), -LOAD_ADDRESS + BigInt(L3_TABLE_ROOM));
  a.u64(ARM64_FLAGS).u64(0n).u64(0n).u64(0n);
  a.u32(ARM64_MAGIC).u32(0);
}

/** The header's fields read from an image's first 64 bytes; an Error when it has none. */
export function parseArm64Header(bytes: Uint8Array): { textOffset: bigint; imageSize: bigint; flags: bigint; code0: number } | Error {
  if (bytes.length < ARM64_HEADER.size) return new Error(`${bytes.length} bytes: too short for the arm64 image header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(ARM64_HEADER.magic, true);
  if (magic !== ARM64_MAGIC) return new Error(`no arm64 image header (magic 0x${magic.toString(16)} at +56)`);
  return {
    code0: view.getUint32(ARM64_HEADER.code0, true),
    textOffset: view.getBigUint64(ARM64_HEADER.textOffset, true),
    imageSize: view.getBigUint64(ARM64_HEADER.imageSize, true),
    flags: view.getBigUint64(ARM64_HEADER.flags, true),
  };
}
