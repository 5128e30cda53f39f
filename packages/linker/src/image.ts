import type { SectionKind, SymbolBinding, SymbolType } from '@mewz/object';
import { LinkError } from './errors.js';
import type { Permissions } from './layout-spec.js';

/** Where one input section ended up. */
export interface Placement {
  object: string;
  section: string;
  address: bigint;
  size: number;
}

/** All live input sections of one kind, relocated. */
export interface OutputSection {
  /** `.text`, `.rodata`, `.data`, `.bss`, `.note`. */
  name: string;
  kind: SectionKind;
  address: bigint;
  size: number;
  alignment: number;
  /** Final contents; empty for bss. */
  bytes: Uint8Array;
  inputs: Placement[];
  /** Name of the segment holding it. */
  segment: string;
}

/** A loadable segment; only segments with something in them appear in an image. */
export interface ImageSegment {
  name: string;
  permissions: Permissions;
  /** Page-aligned start. */
  address: bigint;
  /** Bytes backed by the file, from `address` (includes reserved header space). */
  fileSize: number;
  /** Bytes in memory, from `address` (adds trailing bss). */
  memSize: number;
  sections: OutputSection[];
  /** The first `headerSpace` bytes are reserved for the file headers. */
  containsHeaders: boolean;
}

export interface ImageSymbol {
  name: string;
  address: bigint;
  size: number;
  binding: SymbolBinding;
  type: SymbolType;
  /** Output section name; absent for linker-defined (absolute) symbols. */
  section?: string;
  /** Defining object; absent for linker-defined symbols. */
  object?: string;
}

export interface RemovedSection {
  object: string;
  section: string;
  size: number;
}

/** What dead-code removal did. Bytes count memory size (bss included). */
export interface LinkStats {
  keptSections: number;
  removedSections: number;
  keptBytes: number;
  removedBytes: number;
  removed: RemovedSection[];
}

export interface LinkedImage {
  isa: string;
  entry: bigint;
  entrySymbol: string;
  base: bigint;
  pageSize: number;
  /** Bytes reserved for file headers at the start of the first segment (0 if none). */
  headerSpace: number;
  segments: ImageSegment[];
  /** Output sections in address order, including empty ones (their symbols still point somewhere). */
  sections: OutputSection[];
  symbols: ImageSymbol[];
  stats: LinkStats;
}

/** Address of a global (or linker-defined) symbol of the image. */
export function symbolAddress(image: LinkedImage, name: string): bigint {
  const sym = image.symbols.find((s) => s.name === name && s.binding !== 'local');
  if (!sym) throw new LinkError(`symbol ${name} is not defined in the image`);
  return sym.address;
}
