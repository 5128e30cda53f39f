import type { SectionKind } from '@mewz/object';

/** Segment permissions, spelled like `readelf` prints them: read, write, execute. */
export type Permissions = `${'r' | '-'}${'w' | '-'}${'x' | '-'}`;

/**
 * One loadable segment. Input sections of the listed kinds are gathered into one output
 * section per kind (named `.<kind>`, placed in the listed order), and the segment starts
 * on a page boundary. `bss` can only be the last kind of its segment, since it has no
 * bytes in the file.
 */
export interface SegmentSpec {
  name: string;
  kinds: SectionKind[];
  permissions: Permissions;
}

/** Where a linker-defined symbol points. */
export type SymbolAnchor =
  /** `start` is the base address; `end` is the end of the last segment rounded up to a page. */
  | { image: 'start' | 'end' }
  | { segment: string; edge: 'start' | 'end' }
  /** The output section of that kind (`.bss` for `bss`, ...). */
  | { section: SectionKind; edge: 'start' | 'end' }
  | { absolute: bigint };

/** A symbol the linker defines from the layout, e.g. `__bss_start`. */
export interface LinkerSymbol {
  name: string;
  at: SymbolAnchor;
}

/**
 * A zero-filled region the linker adds as a bss section (e.g. the boot stack), with
 * global symbols at its start and end. Like any section it is kept only if referenced.
 */
export interface RegionSpec {
  /** Section name, e.g. `.bss.stack`. */
  section: string;
  size: number;
  alignment: number;
  start?: string;
  end?: string;
}

/**
 * An ELF note the linker adds (kind `note`: always kept, covered by a PT_NOTE segment),
 * e.g. the Xen PVH entry note: owner `Xen`, type 18, the entry's address.
 */
export interface NoteSpec {
  /** The note's name (its owner), written NUL-terminated. */
  owner: string;
  type: number;
  /** The descriptor: fixed bytes, or the address of a symbol as a `size`-byte little-endian word. */
  desc: Uint8Array | { address: string; size: 4 | 8 };
}

/** How a platform wants its image laid out. */
export interface LayoutSpec {
  /** Load address of the first segment; page-aligned. */
  base: bigint;
  pageSize: number;
  segments: SegmentSpec[];
  /**
   * Reserve room at the start of the first segment for the ELF file and program headers,
   * so that they are loaded with it (what Linux static executables usually do).
   */
  headersInFirstSegment?: boolean;
  symbols?: LinkerSymbol[];
  regions?: RegionSpec[];
  /**
   * Input sections (by name) placed first in their output section, in this order, e.g.
   * a boot stub that must sit at the start of `.text`.
   */
  placeFirst?: string[];
  /** ELF notes to add; the segment holding kind `note` must exist. */
  notes?: NoteSpec[];
}

/** Text, then notes + rodata, then data, then bss; each its own page-aligned segment. */
export const STANDARD_SEGMENTS: readonly SegmentSpec[] = [
  { name: 'text', kinds: ['text'], permissions: 'r-x' },
  { name: 'rodata', kinds: ['note', 'rodata'], permissions: 'r--' },
  { name: 'data', kinds: ['data'], permissions: 'rw-' },
  { name: 'bss', kinds: ['bss'], permissions: 'rw-' },
];

export interface StandardLayoutOptions {
  base: bigint;
  pageSize?: number;
  headersInFirstSegment?: boolean;
  /** Adds `.bss.stack` with `__stack_bottom` / `__stack_top` (16-byte aligned). */
  stackSize?: number;
  placeFirst?: string[];
}

/**
 * The standard segments with `__image_start`, `__image_end`, `__bss_start`, `__bss_end`
 * (and the stack symbols when `stackSize` is given).
 */
export function standardLayout(options: StandardLayoutOptions): LayoutSpec {
  return {
    base: options.base,
    pageSize: options.pageSize ?? 4096,
    segments: STANDARD_SEGMENTS.map((s) => ({ ...s, kinds: [...s.kinds] })),
    headersInFirstSegment: options.headersInFirstSegment ?? false,
    symbols: [
      { name: '__image_start', at: { image: 'start' } },
      { name: '__image_end', at: { image: 'end' } },
      { name: '__bss_start', at: { section: 'bss', edge: 'start' } },
      { name: '__bss_end', at: { section: 'bss', edge: 'end' } },
    ],
    regions:
      options.stackSize === undefined
        ? []
        : [{ section: '.bss.stack', size: options.stackSize, alignment: 16, start: '__stack_bottom', end: '__stack_top' }],
    placeFirst: options.placeFirst ?? [],
  };
}
