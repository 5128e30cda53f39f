import type { Relocation } from './relocation.js';

/**
 * What a section holds, which decides its segment and permissions:
 * text (R-X), rodata (R--), data (RW-), bss (RW-, zero-filled, no bytes in the file),
 * note (ELF notes read by loaders, e.g. the PVH entry note; exposed as PT_NOTE).
 */
export type SectionKind = 'text' | 'rodata' | 'data' | 'bss' | 'note';

export const SECTION_KINDS: readonly SectionKind[] = ['text', 'rodata', 'data', 'bss', 'note'];

interface SectionCommon {
  /** Unique within its object, e.g. `.text.wasm_func_12`. */
  name: string;
  /** Power of two, in bytes. */
  alignment: number;
  /**
   * Keep this section even if nothing references it (like SHF_GNU_RETAIN). Note
   * sections are always kept: their reader is the loader, not code.
   */
  retain?: boolean;
}

/** A section whose contents are stored in the image. */
export interface ProgbitsSection extends SectionCommon {
  kind: 'text' | 'rodata' | 'data' | 'note';
  bytes: Uint8Array;
  relocations: Relocation[];
}

/** Zero-initialised memory: only a size; it cannot carry relocations. */
export interface BssSection extends SectionCommon {
  kind: 'bss';
  size: number;
  relocations: readonly [];
}

export type Section = ProgbitsSection | BssSection;

/** Size in memory of any section. */
export function sectionSize(section: Section): number {
  return section.kind === 'bss' ? section.size : section.bytes.length;
}
