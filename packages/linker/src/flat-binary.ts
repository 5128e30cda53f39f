// Raw memory image, for loaders that take bytes rather than ELF (e.g. the arm64 Linux
// `Image` format, whose header is simply the first bytes of .text).
import type { LinkedImage } from './image.js';

/**
 * The image's memory from `image.base` to its last file-backed byte: gaps between
 * segments are zero-filled and trailing bss is left out (the loaded code must clear it).
 */
export function writeFlatBinary(image: LinkedImage): Uint8Array {
  const end = image.segments.reduce((max, s) => (s.fileSize > 0 && s.address + BigInt(s.fileSize) > max ? s.address + BigInt(s.fileSize) : max), image.base);
  const out = new Uint8Array(Number(end - image.base));
  for (const section of image.sections) {
    if (section.kind !== 'bss') out.set(section.bytes, Number(section.address - image.base));
  }
  return out;
}
