import type { Relocation } from '@mewz/object';

/**
 * The small assembler API every backend exposes. Platform stubs (boot, trap entry) and
 * encoder tests write machine code through it without importing the backend package:
 * the build hands the platform whatever backend the config selected.
 *
 * The API is ISA-neutral in shape only: mnemonics, register names and which operand
 * combinations exist are the backend's, and it throws on anything it cannot encode.
 */
export interface Assembler {
  /** The ISA this assembler encodes, as in target triples (`x86_64`, `aarch64`). */
  readonly isa: string;
  /** Number of bytes emitted so far: the offset the next instruction will start at. */
  readonly offset: number;
  /** A new, unbound label. The name only shows up in error messages and listings. */
  newLabel(name?: string): Label;
  /** Binds `label` to the current offset; a label is bound once. */
  bind(label: Label): void;
  /** Makes a bound label visible to the linker as symbol `name`. */
  global(name: string, label: Label): void;
  /**
   * Encodes one instruction, e.g. `inst('mov', 'rax', 1n)` or `inst('b', label)`.
   * Branches to labels are fixed up by `finish()`.
   */
  inst(mnemonic: string, ...operands: Operand[]): void;
  /** Raw bytes (data tables, magic numbers, image headers). */
  bytes(data: ArrayLike<number>): void;
  /** Pads with `fill` (default: the ISA's no-op or 0) up to a multiple of `alignment` bytes. */
  align(alignment: number, fill?: number): void;
  /** Resolves label fixups and returns the code; the assembler is not used afterwards. */
  finish(): AssembledCode;
}

export interface Label {
  readonly kind: 'label';
  readonly id: number;
  readonly name?: string;
}

/** A register name as the backend spells it (`rax`, `x0`, `v3`). */
export type RegisterOperand = string;
/** An immediate value; `bigint` for values beyond 2^53. */
export type ImmediateOperand = number | bigint;

/** `[base + index * scale + displacement]`; which parts are legal is the ISA's business. */
export interface MemoryOperand {
  readonly kind: 'mem';
  readonly base?: string;
  readonly index?: string;
  readonly scale?: number;
  readonly displacement?: number;
}

/** A symbol outside this code, left to the linker as a relocation of the backend's choice. */
export interface SymbolOperand {
  readonly kind: 'symbol';
  readonly name: string;
  readonly addend?: bigint | number;
}

export type Operand = RegisterOperand | ImmediateOperand | Label | MemoryOperand | SymbolOperand;

/** Assembled machine code in the shape of one object-file section. */
export interface AssembledCode {
  readonly bytes: Uint8Array;
  /** Symbols made visible with `global()`, at their offsets in `bytes`. */
  readonly symbols: readonly { readonly name: string; readonly offset: number }[];
  /** References to symbols outside `bytes`; `type` is one of the backend's relocation types. */
  readonly relocations: readonly Relocation[];
}
