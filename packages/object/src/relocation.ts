// The relocation contract between backends and the linker. The linker owns the
// arithmetic (one formula per kind); a backend's relocation type only range-checks the
// computed value and writes it into the instruction or data field.

/**
 * How the linker computes the value handed to `RelocationType.patch`
 * (S = symbol address, A = addend, P = address of the patched field):
 * - `abs`:         S + A
 * - `pcrel`:       S + A - P
 * - `page-pcrel`:  Page(S + A) - Page(P), with 4 KiB pages (aarch64 ADRP style)
 * - `page-offset`: (S + A) & 0xfff (the low 12 bits that go with a page-pcrel pair)
 */
export type RelocationKind = 'abs' | 'pcrel' | 'page-pcrel' | 'page-offset';

export const RELOCATION_KINDS: readonly RelocationKind[] = ['abs', 'pcrel', 'page-pcrel', 'page-offset'];

/** One relocation type of a backend, e.g. x86_64 `R_X86_64_PC32` or aarch64 `R_AARCH64_CALL26`. */
export interface RelocationType {
  /** The name relocations refer to (`Relocation.type`). */
  name: string;
  kind: RelocationKind;
  /** Bytes patched at the relocation offset; the linker checks they lie inside the section. */
  size: number;
  /** Range-check `value` (throw `RelocationRangeError`), then patch the bits at `offset`. */
  patch(code: Uint8Array, offset: number, value: bigint): void;
}

/** A reference from a section to a symbol, patched at link time. */
export interface Relocation {
  /** Byte offset of the patched field inside its section. */
  offset: number;
  /** Name of a backend relocation type (a key of the linker's relocation table). */
  type: string;
  /** Name of the target symbol: a local symbol of the same object, else a global one. */
  symbol: string;
  addend: bigint;
}

/** Shorthand for a relocation literal. */
export function relocation(offset: number, type: string, symbol: string, addend: bigint = 0n): Relocation {
  return { offset, type, symbol, addend };
}

/**
 * A computed value does not fit the field of a relocation type (or is misaligned for it).
 * The message names the type, the value and what was allowed; the linker wraps it with
 * the symbol, section and offset, which only it knows.
 */
export class RelocationRangeError extends Error {
  constructor(
    readonly relocationType: string,
    readonly value: bigint,
    readonly min: bigint,
    readonly max: bigint,
    /** Set when the value was in range but not a multiple of this. */
    readonly alignment?: number,
  ) {
    super(
      alignment === undefined
        ? `${relocationType}: value ${formatValue(value)} is out of range [${formatValue(min)}, ${formatValue(max)}]`
        : `${relocationType}: value ${formatValue(value)} is not a multiple of ${alignment}`,
    );
    this.name = 'RelocationRangeError';
  }
}

/** Hex with a sign, then decimal: relocation values are addresses and distances. */
export function formatValue(value: bigint): string {
  const hex = value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
  return `${hex} (${value})`;
}
