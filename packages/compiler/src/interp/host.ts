import type { FuncType, ValType } from '@mewz/wasm';
import { FuncRef, MemoryObject, TableObject } from '../abi/instance-layout.js';
import { signatureSymbol } from '../abi/symbols.js';
import { PAGE_SIZE, TABLE_UNBOUNDED, memoryNew, tableNew } from './builtins.js';
import type { Machine } from './exec.js';
import { irTypeOf, type Slot } from './values.js';

/**
 * Objects an embedder provides without compiling them (the spec runner's `spectest`
 * module, test fixtures): each is laid out exactly as compiled instances lay out theirs,
 * so generated code cannot tell the difference. Every function returns the address an
 * import slot expects (FuncRef, TableObject, MemoryObject, global cell).
 */

/** The address of the per-signature identity symbol (defined weakly, shared by all). */
export function signatureAddress(machine: Machine, type: FuncType): number {
  return machine.defineData(signatureSymbol(type.params, type.results), new Uint8Array(1), 1, true, false);
}

/** A host function reachable through a FuncRef; `run` gets the Wasm arguments only. */
export function hostFunction(machine: Machine, name: string, type: FuncType, run: (args: Slot[]) => Slot[]): bigint {
  const sym = machine.defineFunction({
    kind: 'host',
    name,
    // Called through a FuncRef, so the context pointer comes first.
    params: ['i64', ...type.params.map(irTypeOf)],
    results: type.results.map(irTypeOf),
    run: (args) => run(args.slice(1)),
  });
  const ref = machine.memory.allocate(`funcref ${name}`, FuncRef.size, { align: 8 });
  const mem = machine.memory;
  mem.store64(ref.base + FuncRef.code, BigInt(sym.code));
  mem.store64(ref.base + FuncRef.vmctx, 0n);
  mem.store64(ref.base + FuncRef.typeId, BigInt(signatureAddress(machine, type)));
  return BigInt(ref.base);
}

/** A global's value cell holding `value` (a slot of the global's type). */
export function hostGlobal(machine: Machine, type: ValType, value: Slot): bigint {
  const cell = machine.memory.allocate(`global ${type}`, type === 'v128' ? 16 : 8, { align: type === 'v128' ? 16 : 8 });
  writeCell(machine, cell.base, type, value);
  return BigInt(cell.base);
}

export function readCell(machine: Machine, address: number, type: ValType): Slot {
  const mem = machine.memory;
  switch (type) {
    case 'i32':
      return mem.load(address, 4, true);
    case 'f32':
      return mem.load(address, 4, false);
    case 'v128':
      return mem.load128(address);
    default:
      return mem.load64(address);
  }
}

export function writeCell(machine: Machine, address: number, type: ValType, value: Slot): void {
  const mem = machine.memory;
  if (type === 'v128') mem.store128(address, value as bigint);
  else if (typeof value === 'number') mem.store64(address, BigInt(value >>> 0));
  else mem.store64(address, value);
}

/** A table of `min` null references growing up to `max` (unbounded when absent). */
export function hostTable(machine: Machine, min: number, max?: number): bigint {
  const obj = machine.memory.allocate('host table', TableObject.size, { align: 8 });
  tableNew(machine, obj.base, min, max ?? TABLE_UNBOUNDED);
  return BigInt(obj.base);
}

/** A zeroed memory of `min` pages growing up to `max` (65536 when absent). */
export function hostMemory(machine: Machine, min: number, max?: number): bigint {
  const obj = machine.memory.allocate('host memory', MemoryObject.size, { align: 8 });
  memoryNew(machine, obj.base, min, max ?? 0x1_0000);
  return BigInt(obj.base);
}

export interface TableState {
  length: number;
  /** Undefined when unbounded. */
  max: number | undefined;
  elements: number;
}

export function readTable(machine: Machine, address: number): TableState {
  const mem = machine.memory;
  const max = mem.load(address + TableObject.max, 4, false);
  return {
    length: mem.load(address + TableObject.length, 4, false),
    max: max === TABLE_UNBOUNDED ? undefined : max,
    elements: Number(mem.load64(address + TableObject.elements)),
  };
}

export interface MemoryState {
  base: number;
  pages: number;
  maxPages: number;
}

export function readMemory(machine: Machine, address: number): MemoryState {
  const mem = machine.memory;
  return {
    base: Number(mem.load64(address + MemoryObject.base)),
    pages: Number(mem.load64(address + MemoryObject.byteLength)) / PAGE_SIZE,
    maxPages: Number(mem.load64(address + MemoryObject.maxPages)),
  };
}

export interface FuncRefState {
  code: number;
  vmctx: bigint;
  typeId: number;
}

export function readFuncRef(machine: Machine, address: number): FuncRefState {
  const mem = machine.memory;
  return {
    code: Number(mem.load64(address + FuncRef.code)),
    vmctx: mem.load64(address + FuncRef.vmctx),
    typeId: Number(mem.load64(address + FuncRef.typeId)),
  };
}
