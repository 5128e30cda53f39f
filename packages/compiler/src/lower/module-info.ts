import type { FuncType, GlobalType, Limits, Module, TableType, ValType } from '@mewz/wasm';
import type { InstanceLayout } from '../abi/instance-layout.js';
import { INTRINSICS, INTRINSICS_MODULE, type IntrinsicInfo, type IntrinsicName, isIntrinsicName } from '../abi/intrinsics.js';
import type { InstanceSymbols } from '../abi/symbols.js';
import type { IrType } from '../ir/types.js';

/** How a module is lowered besides its symbols (see LowerOptions). */
export interface ModuleMode {
  /** Kernel mode: memory at address 0 without bounds checks, intrinsics, static memory and tables. */
  trusted: boolean;
  /** Trusted mode: bytes of the identity-mapped window, the memory's fixed size. */
  windowBytes: number;
  /** Imported function index → defined function of this module that the import is bound to. */
  directImports: ReadonlyMap<number, number>;
  /** Cap on the maximum of a defined memory (pages), whatever the module declares. */
  maxMemoryPages: number;
}

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
  mode: ModuleMode;
  /** Trusted mode: imported function index → the intrinsic it names. */
  intrinsicImports: Map<number, IntrinsicName>;
}

const DEFAULT_MODE: ModuleMode = { trusted: false, windowBytes: 0, directImports: new Map(), maxMemoryPages: 0x1_0000 };

export function moduleInfo(module: Module, layout: InstanceLayout, symbols: InstanceSymbols, mode: ModuleMode = DEFAULT_MODE): ModuleInfo {
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
  const intrinsicImports = mode.trusted ? intrinsicImportsOf(module, funcTypes) : new Map<number, IntrinsicName>();
  for (const [imp, target] of mode.directImports) {
    if (imp >= module.importedFuncCount || target < module.importedFuncCount || target >= funcTypes.length) {
      throw new Error(`direct import binding ${imp} → ${target} does not bind an imported function to a defined one`);
    }
    if (!sameType(funcTypes[imp], funcTypes[target])) throw new Error(`direct import binding ${imp} → ${target}: the types differ`);
  }
  return { module, layout, symbols, funcTypes, globals, tables, memory, signatures: new Set(), mode, intrinsicImports };
}

const sameType = (a: FuncType, b: FuncType): boolean => a.params.join() === b.params.join() && a.results.join() === b.results.join();

/** Function imports from `mewz:intrinsics`, each checked against the intrinsic's signature. */
function intrinsicImportsOf(module: Module, funcTypes: FuncType[]): Map<number, IntrinsicName> {
  const found = new Map<number, IntrinsicName>();
  let index = 0;
  for (const imp of module.imports) {
    if (imp.desc.kind !== 'func') continue;
    const funcIndex = index++;
    if (imp.module !== INTRINSICS_MODULE) continue;
    if (!isIntrinsicName(imp.name)) throw new Error(`unknown intrinsic ${INTRINSICS_MODULE}.${imp.name}`);
    const info: IntrinsicInfo = INTRINSICS[imp.name];
    const type = funcTypes[funcIndex];
    const want = `(${info.params.join(', ')}) -> (${info.results.join(', ')})`;
    const got = `(${irTypes(type.params).join(', ')}) -> (${irTypes(type.results).join(', ')})`;
    if (want !== got) throw new Error(`intrinsic ${INTRINSICS_MODULE}.${imp.name} is imported as ${got}, but its type is ${want}`);
    found.set(funcIndex, imp.name);
  }
  return found;
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
