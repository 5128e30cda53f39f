// Assembles a complete, valid Wasm 2.0 module shaped like a C program built for WASI:
// WASI imports, one memory with a stack-pointer global, a function table for indirect
// calls, exports, data segments, a name section, and as many generated functions as it
// takes to reach the requested code size.
import { BodyGenerator, type BodyContext, type FuncSig } from './body.js';
import { ByteWriter } from './byte-writer.js';
import { VALTYPE_BYTE, type ValType } from './opcodes.js';
import { Rng } from './rng.js';

export interface SyntheticModuleOptions {
  /** Stop adding functions once the code section holds at least this many bytes. */
  codeBytes: number;
  /** PRNG seed; the same seed and size always give the same bytes. */
  seed?: number;
}

export interface SyntheticModule {
  bytes: Uint8Array;
  /** Defined functions (imports not included). */
  functionCount: number;
  importedFunctionCount: number;
  /** Size of the code section's contents. */
  codeBytes: number;
}

export const DEFAULT_SEED = 0x6d65777a; // "mewz"

const TYPES: readonly FuncSig[] = [
  { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }, // fd_write
  { params: ['i32'], results: [] }, // proc_exit
  { params: ['i32', 'i64', 'i32'], results: ['i32'] }, // clock_time_get
  { params: ['i32', 'i32'], results: ['i32'] }, // args_sizes_get
  { params: [], results: [] }, // _start
  { params: ['i32'], results: ['i32'] },
  { params: ['i32', 'i32'], results: [] },
  { params: ['i64', 'i64'], results: ['i64'] },
  { params: ['f64', 'f64'], results: ['f64'] },
  { params: ['f32', 'i32'], results: ['f32'] },
  { params: ['i32', 'i64', 'f64'], results: ['i32'] },
  { params: [], results: ['i32'] },
  { params: ['i32', 'i32', 'i32'], results: ['i64'] },
  { params: ['f64'], results: ['f64'] },
];

const IMPORTS: readonly { name: string; typeIndex: number }[] = [
  { name: 'fd_write', typeIndex: 0 },
  { name: 'proc_exit', typeIndex: 1 },
  { name: 'clock_time_get', typeIndex: 2 },
  { name: 'args_sizes_get', typeIndex: 3 },
];

const START_TYPE = 4;

const GLOBALS: readonly { type: ValType; mutable: boolean; init: number }[] = [
  { type: 'i32', mutable: true, init: 1 << 20 }, // __stack_pointer
  { type: 'i64', mutable: true, init: 0 },
  { type: 'f64', mutable: true, init: 0 },
  { type: 'i32', mutable: false, init: 4096 }, // __data_end
];

const MEMORY_PAGES = { min: 17, max: 1024 };

/** One entry per section id, in the order the binary format requires. */
const SECTION = { custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6, export: 7, element: 9, code: 10, data: 11, dataCount: 12 } as const;

export function generateSyntheticModule(options: SyntheticModuleOptions): SyntheticModule {
  const rng = new Rng(options.seed ?? DEFAULT_SEED);
  // The table is sized up front (calls are generated before the function count is known);
  // indirect calls only use constant indices below this bound.
  const tableSize = 256;
  const callees = new Map<ValType | 'void', { index: number; typeIndex: number }[]>();
  const typesByResult = new Map<ValType | 'void', number[]>();
  TYPES.forEach((sig, typeIndex) => push(typesByResult, resultKey(sig), typeIndex));
  IMPORTS.forEach((imp, index) => push(callees, resultKey(TYPES[imp.typeIndex]), { index, typeIndex: imp.typeIndex }));
  const ctx: BodyContext = { types: TYPES, globals: GLOBALS, callees, typesByResult, tableSize };
  const gen = new BodyGenerator(rng, ctx);

  const code = new ByteWriter(options.codeBytes + 64 * 1024);
  const body = new ByteWriter(64 * 1024);
  const funcTypes: number[] = [];
  while (funcTypes.length === 0 || code.length < options.codeBytes) {
    const typeIndex = funcTypes.length === 0 ? START_TYPE : rng.int(START_TYPE, TYPES.length - 1);
    gen.generate(TYPES[typeIndex], body.reset());
    code.sized(body);
    const index = IMPORTS.length + funcTypes.length;
    funcTypes.push(typeIndex);
    // Calls go only to earlier functions, so the call graph is acyclic like most programs'.
    push(callees, resultKey(TYPES[typeIndex]), { index, typeIndex });
  }

  const out = new ByteWriter(code.length + 256 * 1024);
  out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const section = (id: number, fill: (s: ByteWriter) => void): void => {
    const s = new ByteWriter();
    fill(s);
    out.byte(id).sized(s);
  };
  const firstDefined = IMPORTS.length;
  const funcCount = IMPORTS.length + funcTypes.length;

  section(SECTION.type, (s) => {
    s.u32(TYPES.length);
    for (const sig of TYPES) {
      s.byte(0x60).u32(sig.params.length);
      for (const p of sig.params) s.byte(VALTYPE_BYTE[p]);
      s.u32(sig.results.length);
      for (const r of sig.results) s.byte(VALTYPE_BYTE[r]);
    }
  });
  section(SECTION.import, (s) => {
    s.u32(IMPORTS.length);
    for (const imp of IMPORTS) s.name('wasi_snapshot_preview1').name(imp.name).byte(0x00).u32(imp.typeIndex);
  });
  section(SECTION.function, (s) => {
    s.u32(funcTypes.length);
    for (const t of funcTypes) s.u32(t);
  });
  section(SECTION.table, (s) => s.u32(1).byte(0x70).byte(0x01).u32(tableSize).u32(tableSize));
  section(SECTION.memory, (s) => s.u32(1).byte(0x01).u32(MEMORY_PAGES.min).u32(MEMORY_PAGES.max));
  section(SECTION.global, (s) => {
    s.u32(GLOBALS.length);
    for (const g of GLOBALS) {
      s.byte(VALTYPE_BYTE[g.type]).byte(g.mutable ? 1 : 0);
      if (g.type === 'i32') s.byte(0x41).s32(g.init);
      else if (g.type === 'i64') s.byte(0x42).s64(BigInt(g.init));
      else if (g.type === 'f32') s.byte(0x43).f32(g.init);
      else s.byte(0x44).f64(g.init);
      s.byte(0x0b);
    }
  });
  const exported: [string, number][] = [['_start', firstDefined]];
  for (let i = firstDefined + 1; i < funcCount; i += 97) exported.push([`api_${i}`, i]);
  section(SECTION.export, (s) => {
    s.u32(exported.length + 2);
    s.name('memory').byte(0x02).u32(0);
    s.name('__indirect_function_table').byte(0x01).u32(0);
    for (const [name, index] of exported) s.name(name).byte(0x00).u32(index);
  });
  // Slot 0 stays null (as in clang output); the rest point at defined functions.
  section(SECTION.element, (s) => {
    const n = Math.min(tableSize - 1, funcTypes.length);
    s.u32(1).byte(0x00).byte(0x41).s32(1).byte(0x0b).u32(n);
    for (let i = 0; i < n; i++) s.u32(firstDefined + Math.floor((i * funcTypes.length) / n));
  });
  const data = dataSegments(rng);
  section(SECTION.dataCount, (s) => s.u32(data.length));
  section(SECTION.code, (s) => s.u32(funcTypes.length).bytes(code.view8()));
  section(SECTION.data, (s) => {
    s.u32(data.length);
    for (const d of data) s.byte(0x00).byte(0x41).s32(d.offset).byte(0x0b).u32(d.bytes.length).bytes(d.bytes);
  });
  section(SECTION.custom, (s) => {
    s.name('name');
    const names = new ByteWriter();
    names.u32(funcCount);
    IMPORTS.forEach((imp, i) => names.u32(i).name(imp.name));
    for (let i = firstDefined; i < funcCount; i++) names.u32(i).name(i === firstDefined ? '_start' : `fn_${i}`);
    s.byte(1).sized(names); // subsection 1: function names
  });

  return { bytes: out.finish(), functionCount: funcTypes.length, importedFunctionCount: IMPORTS.length, codeBytes: code.length };
}

function dataSegments(rng: Rng): { offset: number; bytes: Uint8Array }[] {
  const text = new TextEncoder().encode('synthetic module for the mewz frontend benchmark\n\0');
  const table = new Uint8Array(1024);
  for (let i = 0; i < table.length; i++) table[i] = rng.int(0, 255);
  return [
    { offset: 1024, bytes: text },
    { offset: 2048, bytes: table },
  ];
}

function resultKey(sig: FuncSig): ValType | 'void' {
  return sig.results.length === 0 ? 'void' : sig.results[0];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
