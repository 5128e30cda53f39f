import type { RelocationType } from '@mewz/object';
import type { AssembledCode, Assembler } from './assembler.js';
import type { PluginBase } from './plugin.js';

export type RegisterClass = 'int' | 'float' | 'vector';

export const REGISTER_CLASSES: readonly RegisterClass[] = ['int', 'float', 'vector'];

export interface Register {
  /** As the backend's assembler spells it: `rax`, `x0`, `xmm3`, `v3`. */
  readonly name: string;
  readonly class: RegisterClass;
  /** The number the encoder puts in instruction fields. */
  readonly encoding: number;
  /**
   * Whether the register allocator may hand it out; the stack pointer, and registers the
   * backend reserves for itself (instance context, scratch), are not.
   */
  readonly allocatable: boolean;
}

/** Register names per class, in order of use (first argument first). */
export type RegistersByClass = Readonly<Partial<Record<RegisterClass, readonly string[]>>>;

/**
 * How compiled functions call each other, as data the ISA-neutral register allocator and
 * the platform stubs read. Every name must be in the backend's `registers`.
 */
export interface CallingConvention {
  readonly name: string;
  readonly arguments: RegistersByClass;
  readonly results: RegistersByClass;
  /** Preserved across calls; everything else allocatable is caller-saved. */
  readonly calleeSaved: readonly string[];
  readonly stackPointer: string;
  readonly framePointer?: string;
  /** Stack pointer alignment at call sites, in bytes. */
  readonly stackAlignment: number;
}

/**
 * How the build drives a backend's code generation. `Fn` is @mewz/compiler's IrFunction
 * (core's plugin types stay independent of the compiler's).
 */
export interface CompileHooks<Fn = unknown> {
  /**
   * Compiles one IR function, already optimised, to machine code (instruction selection,
   * register allocation, emission). Its symbol is the function's name; references to
   * other symbols are relocations. `funcIndex` is the number its trap paths report to
   * `__mewz_trap`, which the build maps back to a function name.
   */
  compileFunction(fn: Fn, funcIndex: number): AssembledCode;
  /**
   * Optional, for `mewz dump`: the backend's stages of compiling `fn` exactly as
   * `compileFunction` does, each printed, in pipeline order (instruction selection to
   * machine code; the IR stages before them are the compiler's, printed by the caller).
   * Like `compileFunction` it may modify `fn` (a backend may split critical edges), so
   * print the IR first. `options.stages` names the stages wanted, all when absent; a
   * backend may skip the work of the others.
   */
  explainFunction?(fn: Fn, funcIndex: number, options?: ExplainOptions): Promise<CompileStage[]>;
}

/**
 * One stage of compiling a function as text. Backends name theirs after the usual
 * pipeline, so `mewz dump --dump-<name>` means the same on every ISA: `vcode` (instruction
 * selection over virtual registers), `regalloc` (the allocation), `asm` (machine code).
 */
export interface CompileStage {
  /** A short key: `vcode`, `regalloc`, `asm`. */
  readonly name: string;
  /** The heading: `instruction selection (VCode)`. */
  readonly title: string;
  /** The listing, lines joined by `\n`, without a trailing newline. */
  readonly text: string;
}

export interface ExplainOptions {
  /** Names of the stages wanted (see CompileStage); all of them when absent. */
  readonly stages?: readonly string[];
}

/** One ISA: registers and calling convention as data, relocations, intrinsics, encoder. */
export interface BackendPlugin<A extends Assembler = Assembler> extends PluginBase<'backend'> {
  /** The ISA as in target triples: `x86_64`, `aarch64`. Built-in backends are named after it. */
  readonly isa: string;
  /** Bytes in a native pointer. */
  readonly pointerSize: 4 | 8;
  readonly endianness: 'little' | 'big';
  readonly registers: readonly Register[];
  readonly callingConvention: CallingConvention;
  /**
   * The relocation types the encoder emits, keyed by their `name` (`abs64`, `pc32`, …):
   * the linker's lookup table. It does the arithmetic of each type's kind and calls
   * `patch`, which range-checks and writes bits. Build it with `relocationTable`.
   */
  readonly relocations: Readonly<Record<string, RelocationType>>;
  /**
   * The imports of the kernel intrinsics module (port/MMIO access, system registers,
   * fences, halt, …) this backend lowers inline, by import name.
   */
  readonly intrinsics: readonly string[];
  /** A fresh assembler; each call returns an independent one. */
  createAssembler(): A;
  /** Code generation; a backend without it can only assemble stubs. */
  readonly compile?: CompileHooks;
}

/** The `relocations` table of a backend from a list of its relocation types. */
export function relocationTable(types: readonly RelocationType[]): Readonly<Record<string, RelocationType>> {
  const table: Record<string, RelocationType> = {};
  for (const type of types) {
    if (type.name in table) throw new Error(`relocation type "${type.name}" is listed twice`);
    table[type.name] = type;
  }
  return table;
}
