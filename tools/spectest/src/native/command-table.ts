import type { GlueData } from '@mewz/core';

/**
 * The command table of a native spec image: what the driver runs, in script order. Each
 * entry is a call `fn(a0, a1, a2)` made under the trap catcher (an instantiate function,
 * an invoke trampoline, a global read, a link-time size check), with the status the
 * driver writes back and what the report needs to print it:
 *
 *   +0  fn       code address
 *   +8  a0       first argument (a context, a FuncRef, a global's cell)
 *   +16 a1       second argument (an imports array, the argument slots)
 *   +24 a2       third argument: the result slots (the report prints `results` of them)
 *   +32 dep      address of another entry's status, or 0: run only if that one returned
 *   +40 status   written by the driver: 0 returned, 1 + trap code | funcIndex << 32, or NOT_RUN
 *   +48 u32 index, +52 u32 line (the script's), +56 u32 results, +60 unused
 */
export const ENTRY = { fn: 0, a0: 8, a1: 16, a2: 24, dep: 32, status: 40, index: 48, line: 52, results: 56, size: 64 } as const;

/**
 * The status of an entry that was not run because the entry it depends on did not return
 * (a trap's status has 1 + its code in the low half, so it is never all ones).
 */
export const NOT_RUN = -1n;

/** An address in the image: a symbol plus a byte offset. */
export interface Ref {
  symbol: string;
  addend: number;
}

export const ref = (symbol: string, addend = 0): Ref => ({ symbol, addend });

export interface TableEntry {
  fn: Ref;
  a0?: Ref;
  a1?: Ref;
  a2?: Ref;
  /** Index of the entry this one depends on. */
  dep?: number;
  line: number;
  /** Result slots the report prints. */
  results: number;
}

/** The table as a writable data object: zeros and line numbers, addresses as relocations. */
export function encodeCommandTable(symbol: string, entries: readonly TableEntry[]): GlueData {
  const bytes = new Uint8Array(ENTRY.size * Math.max(entries.length, 1));
  const view = new DataView(bytes.buffer);
  const refs: NonNullable<GlueData['refs']> = [];
  entries.forEach((e, i) => {
    const at = ENTRY.size * i;
    const put = (offset: number, r: Ref | undefined): void => {
      if (r !== undefined) refs.push({ offset: at + offset, symbol: r.symbol, addend: r.addend });
    };
    put(ENTRY.fn, e.fn);
    put(ENTRY.a0, e.a0);
    put(ENTRY.a1, e.a1);
    put(ENTRY.a2, e.a2);
    if (e.dep !== undefined) {
      if (e.dep >= i) throw new Error(`command table entry ${i} depends on entry ${e.dep}, which does not run before it`);
      put(ENTRY.dep, ref(symbol, ENTRY.size * e.dep + ENTRY.status));
    }
    view.setUint32(at + ENTRY.index, i, true);
    view.setUint32(at + ENTRY.line, e.line, true);
    view.setUint32(at + ENTRY.results, e.results, true);
  });
  return { symbol, bytes, align: 8, writable: true, refs };
}

/**
 * Argument slots of every invocation, one blob: 8 bytes per argument, an i32 or f32 in the
 * low 4 (what the invoke trampolines read). `add` returns the offset of a list.
 */
export class ArgumentSlots {
  private readonly words: bigint[] = [];

  add(values: readonly bigint[]): number {
    const offset = 8 * this.words.length;
    this.words.push(...values.map((v) => BigInt.asUintN(64, v)));
    return offset;
  }

  data(symbol: string): GlueData {
    const bytes = new Uint8Array(8 * Math.max(this.words.length, 1));
    const view = new DataView(bytes.buffer);
    this.words.forEach((w, i) => view.setBigUint64(8 * i, w, true));
    return { symbol, bytes, align: 8 };
  }
}
