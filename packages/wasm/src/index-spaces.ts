import type { FuncType, GlobalType, MemoryType, Module, TableType } from './model.js';

/**
 * The module's index spaces with imports and definitions merged: entry i of each array
 * describes index i as instructions and exports see it.
 */
export interface IndexSpaces {
  /** Type index of every function. */
  funcs: number[];
  tables: TableType[];
  memories: MemoryType[];
  globals: GlobalType[];
}

export function indexSpaces(m: Module): IndexSpaces {
  const spaces: IndexSpaces = { funcs: [], tables: [], memories: [], globals: [] };
  for (const imp of m.imports) {
    const d = imp.desc;
    if (d.kind === 'func') spaces.funcs.push(d.typeIndex);
    else if (d.kind === 'table') spaces.tables.push(d.type);
    else if (d.kind === 'memory') spaces.memories.push(d.type);
    else spaces.globals.push(d.type);
  }
  for (const t of m.functions) spaces.funcs.push(t);
  for (const t of m.tables) spaces.tables.push(t.type);
  for (const mem of m.memories) spaces.memories.push(mem.type);
  for (const g of m.globals) spaces.globals.push(g.type);
  return spaces;
}

/** The type of function `index` (imported or defined); undefined if out of range. */
export function funcType(m: Module, index: number): FuncType | undefined {
  let typeIndex: number | undefined;
  if (index < m.importedFuncCount) {
    let seen = 0;
    for (const imp of m.imports) {
      if (imp.desc.kind !== 'func') continue;
      if (seen++ === index) {
        typeIndex = imp.desc.typeIndex;
        break;
      }
    }
  } else {
    typeIndex = m.functions[index - m.importedFuncCount];
  }
  return typeIndex === undefined ? undefined : m.types[typeIndex];
}
