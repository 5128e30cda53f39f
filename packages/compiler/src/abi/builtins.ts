import type { IrType } from '../ir/types.js';

/**
 * Functions of the runtime that generated code calls by symbol, for the operations too
 * large or too platform-specific to inline. Each runtime (the linux platform's, the
 * kernel, the IR interpreter used in tests) implements all of them with exactly these
 * signatures. Builtins take no context argument: the runtime is a singleton.
 * Pointers are i64; sizes of memories are in bytes, of tables in elements.
 */
export const BUILTINS = {
  /** Reserves `maxPages` pages for the MemoryObject at `memory` and commits `minPages`; traps if it cannot. */
  memory_new: { params: ['i64', 'i32', 'i32'], results: [] },
  /** memory.grow: old size in pages, or -1 (no trap) when past the maximum or out of memory. */
  memory_grow: { params: ['i64', 'i32'], results: ['i32'] },
  /** Allocates the element array of the TableObject at `table` with `min` null entries, maximum `max`. */
  table_new: { params: ['i64', 'i32', 'i32'], results: [] },
  /** table.grow(table, init, delta): old length or -1. */
  table_grow: { params: ['i64', 'i64', 'i32'], results: ['i32'] },
  /** memmove(dst, src, n) on native addresses already bounds-checked by the caller. */
  memmove: { params: ['i64', 'i64', 'i64'], results: [] },
  /** memset(dst, byte, n) on native addresses already bounds-checked by the caller. */
  memset: { params: ['i64', 'i32', 'i64'], results: [] },
} as const satisfies Record<string, { params: readonly IrType[]; results: readonly IrType[] }>;

export type BuiltinName = keyof typeof BUILTINS;

/** The linker symbol of a builtin. */
export const builtinSymbol = (name: BuiltinName): string => `__mewz_${name}`;

/**
 * The trap entry: every compiled trap path ends in `call __mewz_trap` with the trap code
 * (a TrapCode) as the first integer argument and the function index the code was compiled
 * with as the second, in the plain calling convention. It never returns. It is entered
 * with whatever stack is left, possibly none (stack exhaustion traps), so the platform's
 * stub must switch to a stack of its own before calling anything deep.
 */
export const TRAP_SYMBOL = '__mewz_trap';
