import type { FuncType, GlobalType, Limits, Module, TableType, ValType } from '@mewz/wasm';
import type { InstanceLayout } from '../abi/instance-layout.js';
import type { InstanceSymbols } from '../abi/symbols.js';
import type { IrType } from '../ir/types.js';

/**
 * What the lowering of any function needs to know about its module, computed once per
 * module so that lowering many functions does not rescan the import list each time.
 */
export interface ModuleInfo {
  module: Module;
  layout: InstanceLayout;
  symbols: InstanceSymbols;
  /** Type of every function in the function index space. */
  funcTypes: FuncType[];
  globals: GlobalType[];
  tables: TableType[];
  /** Limits of memory 0, if the module has a memory. */
  memory: Limits | undefined;
  /** Signature symbols referenced by generated code (call_indirect checks, FuncRefs). */
  signatures: Set<string>;
}

export function moduleInfo(module: Module, layout: InstanceLayout, symbols: InstanceSymbols): ModuleInfo {
  const funcTypes: FuncType[] = [];
  const globals: GlobalType[] = [];
  const tables: TableType[] = [];
  let memory: Limits | undefined;
  for (const imp of module.imports) {
    const d = imp.desc;
    if (d.kind === 'func') funcTypes.push(module.types[d.typeIndex]);
    else if (d.kind === 'table') tables.push(d.type);
    else if (d.kind === 'memory') memory ??= d.type.limits;
    else globals.push(d.type);
  }
  for (const t of module.functions) funcTypes.push(module.types[t]);
  for (const t of module.tables) tables.push(t.type);
  for (const m of module.memories) memory ??= m.type.limits;
  for (const g of module.globals) globals.push(g.type);
  return { module, layout, symbols, funcTypes, globals, tables, memory, signatures: new Set() };
}

/** IR type of a Wasm value type: references are native pointers (null = 0). */
export function irType(t: ValType): IrType {
  switch (t) {
    case 'funcref':
    case 'externref':
      return 'i64';
    default:
      return t;
  }
}

export const irTypes = (ts: readonly ValType[]): IrType[] => ts.map(irType);

/** Bytes a value of the type occupies in memory (globals, slots, tables). */
export function byteWidth(t: IrType): 4 | 8 | 16 {
  switch (t) {
    case 'i32':
    case 'f32':
      return 4;
    case 'v128':
      return 16;
    default:
      return 8;
  }
}
