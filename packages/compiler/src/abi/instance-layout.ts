import type { Module } from '@mewz/wasm';

/**
 * The instance context ("vmctx"): one block of memory per Wasm instance, whose address
 * every compiled function receives as its hidden first argument. Generated code finds
 * everything of the instance through it at offsets fixed at compile time. Images are
 * static, so each instance's context is a zero-initialised data object that the
 * instance's generated `instantiate` function fills in.
 *
 *   0                     stack limit: calls trap when the stack pointer is below it
 *   8                     base address of memory 0 (constant: the memory's whole maximum
 *                         is reserved up front, so growing never moves it)
 *   16                    pointer to memory 0's MemoryObject (own or imported)
 *   tables                pointer to each table's TableObject (own or imported)
 *   importedFuncs         pointer to the FuncRef of each imported function
 *   globals               defined globals: the value; imported: a pointer to the value
 *   segment lengths       u32 per data and element segment: its length until dropped, then 0
 *   ownMemory             the MemoryObject of a defined memory
 *   ownTables             the TableObject of each defined table
 *   funcRefs              a FuncRef for each defined function that can become a reference
 *                         (ref.func, element segments, exports)
 *   elemItems             the evaluated items of each element segment (8 bytes each)
 *
 * Offsets are in bytes; pointers are 8 bytes (both supported ISAs are 64-bit).
 */
export interface InstanceLayout {
  size: number;
  stackLimit: number;
  memoryBase: number;
  memoryObject: number;
  tables: number[];
  importedFuncs: number[];
  /** Slot of each global in the global index space; `indirect` for imported globals. */
  globals: { offset: number; indirect: boolean }[];
  dataLengths: number[];
  elemLengths: number[];
  /** The MemoryObject of a defined memory, or -1. */
  ownMemory: number;
  /** The TableObject of each defined table (by defined-table index). */
  ownTables: number[];
  /** FuncRef of defined functions that can be referenced, by function index. */
  funcRefs: Map<number, number>;
  /** First item of each element segment. */
  elemItems: number[];
}

/** A memory as generated code sees it. Only the runtime writes it (memory.grow). */
export const MemoryObject = { base: 0, byteLength: 8, maxPages: 16, size: 24 } as const;

/** A table: `elements` points to `length` 8-byte references; `max` is 0xffffffff when unbounded. */
export const TableObject = { length: 0, max: 4, elements: 8, size: 16 } as const;

/**
 * A function reference (what a funcref value points to; null is 0): the code, the context
 * it must be called with, and the identity of its signature — the address of a
 * per-signature symbol that every object defines weakly, so equal signatures in
 * different instances share one address after linking.
 */
export const FuncRef = { code: 0, vmctx: 8, typeId: 16, size: 24 } as const;

const align = (n: number, a: number): number => (n + a - 1) & -a;

/** Functions that may become references: named by ref.func anywhere, in an element segment, or exported. */
export function referencedFunctions(module: Module): Set<number> {
  const set = new Set<number>();
  for (const e of module.exports) if (e.kind === 'func') set.add(e.index);
  for (const el of module.elements) {
    for (const f of el.funcs ?? []) set.add(f);
    for (const expr of el.exprs ?? []) for (const i of expr.instrs) if (i.op === 'ref.func') set.add(i.index);
  }
  for (const g of module.globals) for (const i of g.init.instrs) if (i.op === 'ref.func') set.add(i.index);
  // ref.func inside code is found by the validator's declaration rule: such functions are
  // always declared in an element segment or an export, so they are already in the set.
  return set;
}

export function layoutInstance(module: Module): InstanceLayout {
  let at = 24;
  const take = (bytes: number, alignment = 8): number => {
    at = align(at, alignment);
    const offset = at;
    at += bytes;
    return offset;
  };
  const tableCount = module.importedTableCount + module.tables.length;
  const tables = Array.from({ length: tableCount }, () => take(8));
  const importedFuncs = Array.from({ length: module.importedFuncCount }, () => take(8));
  const globals: InstanceLayout['globals'] = [];
  for (const imp of module.imports) if (imp.desc.kind === 'global') globals.push({ offset: take(8), indirect: true });
  for (const g of module.globals) {
    const wide = g.type.valType === 'v128';
    globals.push({ offset: take(wide ? 16 : 8, wide ? 16 : 8), indirect: false });
  }
  const dataLengths = module.datas.map(() => take(4, 4));
  const elemLengths = module.elements.map(() => take(4, 4));
  const ownMemory = module.memories.length > 0 ? take(MemoryObject.size) : -1;
  const ownTables = module.tables.map(() => take(TableObject.size));
  const funcRefs = new Map<number, number>();
  for (const f of [...referencedFunctions(module)].sort((a, b) => a - b)) {
    if (f >= module.importedFuncCount) funcRefs.set(f, take(FuncRef.size));
  }
  const elemItems = module.elements.map((e) => take(8 * e.count));
  return {
    size: align(at, 16),
    stackLimit: 0,
    memoryBase: 8,
    memoryObject: 16,
    tables,
    importedFuncs,
    globals,
    dataLengths,
    elemLengths,
    ownMemory,
    ownTables,
    funcRefs,
    elemItems,
  };
}
