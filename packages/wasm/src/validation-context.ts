import type { GlobalType, Module, RefType, TableType } from './model.js';
import { indexSpaces } from './index-spaces.js';
import { valTypeCode } from './valtypes.js';

/**
 * What validation needs to know about the module (the spec's context C), in shapes that
 * are cheap to consult per instruction: type signatures as arrays of type codes.
 */
export interface ValidationContext {
  module: Module;
  typeParams: Uint8Array[];
  typeResults: Uint8Array[];
  /** Type index of every function in the function index space. */
  funcs: number[];
  tables: TableType[];
  memoryCount: number;
  globals: GlobalType[];
  /** Type code of every global. */
  globalCodes: Uint8Array;
  elemTypes: RefType[];
  dataCount: number;
  /** 1 for functions that may be referenced by ref.func in a body (the spec's C.refs). */
  declaredRefs: Uint8Array;
}

export function buildContext(m: Module): ValidationContext {
  const spaces = indexSpaces(m);
  const typeParams = m.types.map((t) => Uint8Array.from(t.params, valTypeCode));
  const typeResults = m.types.map((t) => Uint8Array.from(t.results, valTypeCode));
  return {
    module: m,
    typeParams,
    typeResults,
    funcs: spaces.funcs,
    tables: spaces.tables,
    memoryCount: spaces.memories.length,
    globals: spaces.globals,
    globalCodes: Uint8Array.from(spaces.globals, (g) => valTypeCode(g.valType)),
    elemTypes: m.elements.map((e) => e.type),
    dataCount: m.dataCount ?? m.datas.length,
    declaredRefs: declaredFunctionRefs(m, spaces.funcs.length),
  };
}

/**
 * Functions named anywhere outside function bodies and the start section: exports, element
 * segments, and ref.func in global initialisers. Only these may be taken by ref.func in code.
 */
function declaredFunctionRefs(m: Module, funcCount: number): Uint8Array {
  const refs = new Uint8Array(funcCount);
  const mark = (i: number): void => {
    if (i < funcCount) refs[i] = 1;
  };
  for (const e of m.exports) if (e.kind === 'func') mark(e.index);
  for (const g of m.globals) for (const ins of g.init.instrs) if (ins.op === 'ref.func') mark(ins.index);
  for (const seg of m.elements) {
    if (seg.funcs) for (const f of seg.funcs) mark(f);
    if (seg.exprs) for (const x of seg.exprs) for (const ins of x.instrs) if (ins.op === 'ref.func') mark(ins.index);
  }
  return refs;
}
