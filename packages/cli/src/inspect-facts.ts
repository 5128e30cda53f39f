// What `mewz inspect` reports, as plain JSON-ready data. The text output is rendered from
// this same object, so `--json` and the human view never disagree. Field names are part of
// the CLI's interface (documented in README.md): add fields, do not rename them.
import type { ConstExpr, ConstInstr, FuncType, Limits, Module, ValType } from '@mewz/wasm';
import type { InputFormat } from './load-input.js';

export const WASM_PAGE_SIZE = 65536;

export interface LimitsFacts {
  min: number;
  /** null: no maximum. */
  max: number | null;
}

export interface SignatureFacts {
  typeIndex: number;
  /** null when the type index is out of range (the module would not validate). */
  params: ValType[] | null;
  results: ValType[] | null;
}

export type ImportFacts = { module: string; name: string } & (
  | ({ kind: 'func'; index: number } & SignatureFacts)
  | { kind: 'table'; index: number; elemType: ValType; limits: LimitsFacts }
  | { kind: 'memory'; index: number; pages: LimitsFacts; bytes: LimitsFacts }
  | { kind: 'global'; index: number; type: ValType; mutable: boolean }
);

export type ExportFacts =
  | {
      name: string;
      kind: 'func';
      index: number;
      /** null (and params/results null) when the function index is out of range. */
      typeIndex: number | null;
      params: ValType[] | null;
      results: ValType[] | null;
    }
  | { name: string; kind: 'table' | 'memory' | 'global'; index: number };

export interface MemoryFacts {
  index: number;
  /** `module.name` it is imported from; null for a defined memory. */
  import: string | null;
  pages: LimitsFacts;
  bytes: LimitsFacts;
}

export interface TableFacts {
  index: number;
  import: string | null;
  elemType: ValType;
  /** In elements. */
  limits: LimitsFacts;
}

export interface GlobalFacts {
  index: number;
  import: string | null;
  type: ValType;
  mutable: boolean;
  /** The initializer as WAT-like text (`i32.const 1024`); null for an imported global. */
  init: string | null;
}

export interface InspectFacts {
  file: string;
  format: InputFormat;
  /** Size of the Wasm binary in bytes (for WAT input: of the binary wabt produced). */
  size: number;
  types: number;
  imports: ImportFacts[];
  exports: ExportFacts[];
  functions: { imported: number; defined: number; total: number };
  memories: MemoryFacts[];
  tables: TableFacts[];
  globals: GlobalFacts[];
  /** The start function, with its name from the name section if there is one. */
  start: { index: number; name: string | null } | null;
  elementSegments: number;
  dataSegments: number;
  /** Sum of the data segments' initial bytes. */
  dataBytes: number;
  /** `size` is the section's payload size, the name included. */
  customSections: { name: string; size: number }[];
}

export function inspectFacts(mod: Module, input: { file: string; format: InputFormat }): InspectFacts {
  const signature = (typeIndex: number): SignatureFacts => {
    const type: FuncType | undefined = mod.types[typeIndex];
    return { typeIndex, params: type ? [...type.params] : null, results: type ? [...type.results] : null };
  };
  const importTypes = funcImportTypes(mod);
  const funcType = (funcIndex: number): number | undefined =>
    funcIndex < mod.importedFuncCount ? importTypes[funcIndex] : mod.functions[funcIndex - mod.importedFuncCount];

  const counters = { func: 0, table: 0, memory: 0, global: 0 };
  const memories: MemoryFacts[] = [];
  const tables: TableFacts[] = [];
  const globals: GlobalFacts[] = [];
  const imports = mod.imports.map((imp): ImportFacts => {
    const index = counters[imp.desc.kind]++;
    const from = `${imp.module}.${imp.name}`;
    const base = { module: imp.module, name: imp.name };
    switch (imp.desc.kind) {
      case 'func':
        return { ...base, kind: 'func', index, ...signature(imp.desc.typeIndex) };
      case 'table':
        tables.push({ index, import: from, elemType: imp.desc.type.elemType, limits: limits(imp.desc.type.limits) });
        return { ...base, kind: 'table', index, elemType: imp.desc.type.elemType, limits: limits(imp.desc.type.limits) };
      case 'memory': {
        const mem = memoryLimits(imp.desc.type.limits);
        memories.push({ index, import: from, ...mem });
        return { ...base, kind: 'memory', index, ...mem };
      }
      case 'global':
        globals.push({ index, import: from, type: imp.desc.type.valType, mutable: imp.desc.type.mutable, init: null });
        return { ...base, kind: 'global', index, type: imp.desc.type.valType, mutable: imp.desc.type.mutable };
    }
  });
  mod.memories.forEach((m, i) => memories.push({ index: mod.importedMemoryCount + i, import: null, ...memoryLimits(m.type.limits) }));
  mod.tables.forEach((t, i) =>
    tables.push({ index: mod.importedTableCount + i, import: null, elemType: t.type.elemType, limits: limits(t.type.limits) }),
  );
  mod.globals.forEach((g, i) =>
    globals.push({ index: mod.importedGlobalCount + i, import: null, type: g.type.valType, mutable: g.type.mutable, init: constExprText(g.init) }),
  );

  const exports = mod.exports.map((exp): ExportFacts => {
    if (exp.kind !== 'func') return { name: exp.name, kind: exp.kind, index: exp.index };
    const typeIndex = funcType(exp.index);
    const sig = typeIndex === undefined ? { typeIndex: null, params: null, results: null } : signature(typeIndex);
    return { name: exp.name, kind: 'func', index: exp.index, ...sig };
  });

  return {
    file: input.file,
    format: input.format,
    size: mod.bytes.length,
    types: mod.types.length,
    imports,
    exports,
    functions: { imported: mod.importedFuncCount, defined: mod.functions.length, total: mod.importedFuncCount + mod.functions.length },
    memories,
    tables,
    globals,
    start: mod.start === undefined ? null : { index: mod.start, name: mod.names?.functions.get(mod.start) ?? null },
    elementSegments: mod.elements.length,
    dataSegments: mod.datas.length,
    dataBytes: mod.datas.reduce((sum, d) => sum + d.init.length, 0),
    customSections: mod.customSections.map((s) => ({ name: s.name, size: s.size })),
  };
}

function funcImportTypes(mod: Module): number[] {
  const out: number[] = [];
  for (const imp of mod.imports) if (imp.desc.kind === 'func') out.push(imp.desc.typeIndex);
  return out;
}

function limits(l: Limits): LimitsFacts {
  return { min: l.min, max: l.max ?? null };
}

function memoryLimits(l: Limits): { pages: LimitsFacts; bytes: LimitsFacts } {
  return {
    pages: limits(l),
    bytes: { min: l.min * WASM_PAGE_SIZE, max: l.max === undefined ? null : l.max * WASM_PAGE_SIZE },
  };
}

/** A constant expression as WAT-like text, e.g. `i32.const 1024` or `global.get 0`. */
export function constExprText(expr: ConstExpr): string {
  return expr.instrs.map(constInstrText).join('; ');
}

function constInstrText(instr: ConstInstr): string {
  switch (instr.op) {
    case 'i32.const':
    case 'i64.const':
      return `${instr.op} ${instr.value.toString()}`;
    case 'f32.const':
      return `f32.const ${new Float32Array(new Uint32Array([instr.bits]).buffer)[0]}`;
    case 'f64.const':
      return `f64.const ${new Float64Array(new BigUint64Array([instr.bits]).buffer)[0]}`;
    case 'v128.const':
      return `v128.const i8x16 ${[...instr.bytes].join(' ')}`;
    case 'ref.null':
      return `ref.null ${instr.type === 'funcref' ? 'func' : 'extern'}`;
    case 'ref.func':
      return `ref.func ${instr.index}`;
    case 'global.get':
      return `global.get ${instr.index}`;
    case 'other':
      return `<opcode 0x${instr.opcode.toString(16)}>`;
  }
}
