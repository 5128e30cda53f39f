import { BUILTINS, type BuiltinName, builtinSymbol } from '../abi/builtins.js';
import { MemoryObject, TableObject } from '../abi/instance-layout.js';
import { InterpError } from './errors.js';
import type { Machine } from './exec.js';
import type { Slot } from './values.js';

export const PAGE_SIZE = 0x1_0000;
/** The largest table maximum: 0xffffffff in TableObject.max means "unbounded". */
export const TABLE_UNBOUNDED = 0xffffffff;

/**
 * Creates the memory described by the MemoryObject at `object`: reserves `maxPages`
 * pages of addresses (never more than 65536, the 32-bit index space) and commits `minPages`.
 */
export function memoryNew(machine: Machine, object: number, minPages: number, maxPages: number): void {
  const max = Math.min(maxPages, 0x1_0000);
  if (minPages > max || minPages > machine.maxMemoryPages) {
    throw new InterpError(`cannot create a memory of ${minPages} pages (maximum ${maxPages}, the interpreter commits at most ${machine.maxMemoryPages})`);
  }
  const region = machine.memory.allocate('linear memory', minPages * PAGE_SIZE, { reserve: max * PAGE_SIZE, align: PAGE_SIZE });
  const mem = machine.memory;
  mem.store64(object + MemoryObject.base, BigInt(region.base));
  mem.store64(object + MemoryObject.byteLength, BigInt(minPages * PAGE_SIZE));
  mem.store64(object + MemoryObject.maxPages, BigInt(max));
}

/** memory.grow on the MemoryObject at `object`: the old size in pages, or -1. */
export function memoryGrow(machine: Machine, object: number, delta: number): number {
  const mem = machine.memory;
  const base = Number(mem.load64(object + MemoryObject.base));
  const length = Number(mem.load64(object + MemoryObject.byteLength));
  const maxPages = Number(mem.load64(object + MemoryObject.maxPages));
  const old = length / PAGE_SIZE;
  const pages = old + delta;
  if (pages === old) return old;
  if (pages > maxPages || pages > machine.maxMemoryPages) return -1;
  const region = mem.find(base);
  if (!region || region.base !== base) throw new InterpError(`memory_grow: MemoryObject base 0x${base.toString(16)} is not a memory`);
  try {
    region.commit(pages * PAGE_SIZE);
  } catch (error) {
    if (error instanceof RangeError) return -1; // the host is out of memory: grow fails, no trap
    throw error;
  }
  mem.store64(object + MemoryObject.byteLength, BigInt(pages * PAGE_SIZE));
  return old;
}

/** Allocates the elements of the TableObject at `object`: `min` nulls, room for `max`. */
export function tableNew(machine: Machine, object: number, min: number, max: number): void {
  const cap = Math.min(max, machine.maxTableElements);
  if (min > cap) throw new InterpError(`cannot create a table of ${min} elements (the interpreter holds at most ${machine.maxTableElements})`);
  const region = machine.memory.allocate('table elements', min * 8, { reserve: cap * 8, align: 8 });
  const mem = machine.memory;
  mem.store(object + TableObject.length, 4, min);
  mem.store(object + TableObject.max, 4, max);
  mem.store64(object + TableObject.elements, BigInt(region.base));
}

/** table.grow: the old length, or -1 past the maximum (or the interpreter's cap). */
export function tableGrow(machine: Machine, object: number, init: bigint, delta: number): number {
  const mem = machine.memory;
  const length = mem.load(object + TableObject.length, 4, false);
  const max = mem.load(object + TableObject.max, 4, false);
  const elements = Number(mem.load64(object + TableObject.elements));
  const size = length + delta;
  if (size > max || size > machine.maxTableElements) return -1;
  if (delta === 0) return length;
  const region = mem.find(elements);
  if (!region || region.base !== elements) throw new InterpError(`table_grow: TableObject elements 0x${elements.toString(16)} is not a table`);
  try {
    region.commit(size * 8);
  } catch (error) {
    if (error instanceof RangeError) return -1;
    throw error;
  }
  for (let i = length; i < size; i++) mem.store64(elements + i * 8, init);
  mem.store(object + TableObject.length, 4, size);
  return length;
}

const u32 = (v: Slot): number => (v as number) >>> 0;
const ptr = (v: Slot): number => Number(v as bigint);

const IMPLEMENTATIONS: Record<BuiltinName, (m: Machine, a: Slot[]) => Slot[]> = {
  memory_new: (m, a) => (memoryNew(m, ptr(a[0]), u32(a[1]), u32(a[2])), []),
  memory_grow: (m, a) => [memoryGrow(m, ptr(a[0]), u32(a[1])) | 0],
  table_new: (m, a) => (tableNew(m, ptr(a[0]), u32(a[1]), u32(a[2])), []),
  table_grow: (m, a) => [tableGrow(m, ptr(a[0]), a[1] as bigint, u32(a[2])) | 0],
  memmove: (m, a) => (m.memory.copy(ptr(a[0]), ptr(a[1]), ptr(a[2])), []),
  memset: (m, a) => (m.memory.fill(ptr(a[0]), a[1] as number, ptr(a[2])), []),
};

/** Defines every runtime builtin (abi/builtins.ts) as a host function of the machine. */
export function installBuiltins(machine: Machine): void {
  for (const name of Object.keys(BUILTINS) as BuiltinName[]) {
    const { params, results } = BUILTINS[name];
    const impl = IMPLEMENTATIONS[name];
    machine.defineFunction({ kind: 'host', name: builtinSymbol(name), params, results, run: (args, m) => impl(m, args) });
  }
}
