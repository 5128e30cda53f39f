import type { Relocation } from '@mewz/object';

/**
 * The ISA-neutral part of every backend's assembler: labels, raw data, alignment and the
 * finished code. Instructions are each backend's own typed methods (x86_64 has
 * `mov(64, rax, 1)`, `jcc('ne', label)`, …), so code that writes instructions for one ISA
 * — a platform's boot and trap stubs, encoder tests — uses that backend's assembler type
 * (`BackendPlugin<A>`), and generic code (the build) relies only on what is here.
 */
export interface Assembler {
  /** A new, unbound label. Named labels are reported by `finish()` (and may become symbols). */
  newLabel(name?: string): Label;
  /** Binds `label` to the current position; a label is bound once. */
  bind(label: Label): unknown;
  /** Raw bytes (tables, magic numbers, image headers). */
  bytes(data: ArrayLike<number>): unknown;
  /** Pads to a multiple of `alignment` (a power of two), with no-ops in code. */
  align(alignment: number): unknown;
  /** Lays out the code, resolves label references and returns it; the assembler is done. */
  finish(): AssembledCode;
}

/** A position in the code of the assembler that created it. */
export interface Label {
  readonly kind: 'label';
  readonly id: number;
  readonly name?: string;
}

/** Assembled machine code, ready to become an object-file section. */
export interface AssembledCode {
  readonly code: Uint8Array;
  /** References to symbols outside the code; `type` is one of the backend's relocation types. */
  readonly relocations: readonly Relocation[];
  /** Offsets of the named, bound labels. */
  readonly labels: ReadonlyMap<string, number>;
}
