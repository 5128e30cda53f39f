/**
 * The decoded module. Everything is plain data; function bodies and constant expressions
 * stay byte ranges of `Module.bytes` (read them with InstructionReader) so that a large
 * module costs little memory and no per-instruction objects.
 *
 * Every entity carries `offset`, the byte offset in `Module.bytes` where its encoding
 * starts, so that later stages can point at it in messages.
 */

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';
export type VecType = 'v128';
export type RefType = 'funcref' | 'externref';
export type ValType = NumType | VecType | RefType;

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface Limits {
  min: number;
  max?: number;
}

export interface TableType {
  elemType: RefType;
  limits: Limits;
}

export interface MemoryType {
  limits: Limits;
}

export interface GlobalType {
  valType: ValType;
  mutable: boolean;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global';

export type ImportDesc =
  | { kind: 'func'; typeIndex: number }
  | { kind: 'table'; type: TableType }
  | { kind: 'memory'; type: MemoryType }
  | { kind: 'global'; type: GlobalType };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
  offset: number;
}

export interface Export {
  name: string;
  kind: ExternKind;
  index: number;
  offset: number;
}

/** A defined (not imported) table. */
export interface Table {
  type: TableType;
  offset: number;
}

/** A defined (not imported) memory. */
export interface Memory {
  type: MemoryType;
  offset: number;
}

/**
 * One instruction of a constant expression, decoded for evaluation. Instructions that are
 * not constant are kept as `other` so that validation can reject them ("constant
 * expression required") while decoding stays purely syntactic.
 */
export type ConstInstr =
  | { op: 'i32.const'; value: number; offset: number }
  | { op: 'i64.const'; value: bigint; offset: number }
  | { op: 'f32.const'; bits: number; offset: number }
  | { op: 'f64.const'; bits: bigint; offset: number }
  | { op: 'v128.const'; bytes: Uint8Array; offset: number }
  | { op: 'ref.null'; type: RefType; offset: number }
  | { op: 'ref.func'; index: number; offset: number }
  | { op: 'global.get'; index: number; offset: number }
  | { op: 'other'; opcode: number; offset: number };

/** A constant expression: bytes [start, end) of Module.bytes (the final `end` included). */
export interface ConstExpr {
  start: number;
  end: number;
  /** The instructions before the final `end`. */
  instrs: ConstInstr[];
}

/** A defined (not imported) global. */
export interface Global {
  type: GlobalType;
  init: ConstExpr;
  offset: number;
}

export type SegmentMode = 'active' | 'passive' | 'declarative';

/** An element segment (any of the binary forms 0–7). */
export interface Element {
  mode: SegmentMode;
  type: RefType;
  /** Target table of an active segment (0 otherwise). */
  table: number;
  /** Offset expression of an active segment. */
  offsetExpr?: ConstExpr;
  /**
   * The items. Forms 0–3 encode function indices: those arrive as `funcs` and `exprs` is
   * undefined. Forms 4–7 encode expressions: `exprs` is set and `funcs` is undefined.
   */
  funcs?: number[];
  exprs?: ConstExpr[];
  /** Number of items, whichever the encoding. */
  count: number;
  offset: number;
}

/** A data segment. Declarative mode does not exist for data. */
export interface Data {
  mode: 'active' | 'passive';
  /** Target memory of an active segment (0 otherwise). */
  memory: number;
  offsetExpr?: ConstExpr;
  /** The initial bytes (a view into Module.bytes). */
  init: Uint8Array;
  /** Offset of the first init byte in Module.bytes. */
  initOffset: number;
  offset: number;
}

/** A run of `count` locals of one type, as declared in the binary. */
export interface LocalRun {
  count: number;
  type: ValType;
}

/** The body of one defined function. */
export interface Code {
  /** Local declarations (parameters not included). */
  locals: LocalRun[];
  /** Total number of declared locals (sum of the runs). */
  localCount: number;
  /** First instruction byte. */
  bodyStart: number;
  /** One past the final `end` opcode, which belongs to the body. */
  bodyEnd: number;
  /** Offset of the entry's size field. */
  offset: number;
}

export interface CustomSection {
  name: string;
  /** Offset of the section payload (where the name starts). */
  offset: number;
  /** Size of the payload, name included. */
  size: number;
  /** The payload after the name (a view into Module.bytes). */
  data: Uint8Array;
}

/** What the `name` custom section says (only the subsections we use). */
export interface NameSection {
  module?: string;
  /** Function index (in the function index space) → name. */
  functions: Map<number, string>;
  /** Function index → local index → name. */
  locals: Map<number, Map<number, string>>;
}

export interface Module {
  types: FuncType[];
  imports: Import[];
  /** Type index of each defined function, in order. */
  functions: number[];
  tables: Table[];
  memories: Memory[];
  globals: Global[];
  exports: Export[];
  /** Index of the start function, if any. */
  start?: number;
  /** Offset of the start section's function index. */
  startOffset?: number;
  elements: Element[];
  datas: Data[];
  /** Count from the data count section, if present. */
  dataCount?: number;
  codes: Code[];
  customSections: CustomSection[];
  /** Parsed `name` section; absent if there is none. A damaged one yields what could be read. */
  names?: NameSection;
  /** The module's bytes; all offsets refer to this array. */
  bytes: Uint8Array;
  /**
   * Sizes of the imported part of each index space: function i is imported when
   * i < importedFuncCount and defined (functions[i - importedFuncCount]) otherwise.
   */
  importedFuncCount: number;
  importedTableCount: number;
  importedMemoryCount: number;
  importedGlobalCount: number;
}
