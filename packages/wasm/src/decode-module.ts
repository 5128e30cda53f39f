import { BodySyntaxChecker } from './body-syntax.js';
import { InstructionReader } from './code-reader.js';
import { decodeConstExpr } from './const-expr.js';
import { malformed } from './errors.js';
import type {
  Code,
  Data,
  Element,
  ExternKind,
  FuncType,
  GlobalType,
  ImportDesc,
  Limits,
  LocalRun,
  MemoryType,
  Module,
  RefType,
  TableType,
  ValType,
} from './model.js';
import { parseNameSection } from './names.js';
import type { ByteReader } from './reader.js';
import { isRefTypeCode, isValTypeCode, refTypeOf, valTypeOf } from './valtypes.js';

const SectionId = {
  Custom: 0,
  Type: 1,
  Import: 2,
  Function: 3,
  Table: 4,
  Memory: 5,
  Global: 6,
  Export: 7,
  Start: 8,
  Element: 9,
  Code: 10,
  Data: 11,
  DataCount: 12,
} as const;

/** Position of each known section id in the required order (data count sits before code). */
const SECTION_RANK = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

const EXTERN_KINDS: ExternKind[] = ['func', 'table', 'memory', 'global'];

/**
 * Decodes a binary module. Checks everything the binary format demands (including a full
 * syntactic pass over every function body) and nothing that validation checks.
 * Throws WasmError with kind 'malformed'.
 */
export function decodeModule(bytes: Uint8Array): Module {
  const r = new InstructionReader(bytes);
  const m: Module = {
    types: [],
    imports: [],
    functions: [],
    tables: [],
    memories: [],
    globals: [],
    exports: [],
    elements: [],
    datas: [],
    codes: [],
    customSections: [],
    bytes,
    importedFuncCount: 0,
    importedTableCount: 0,
    importedMemoryCount: 0,
    importedGlobalCount: 0,
  };

  readHeader(r);
  const syntax = new BodySyntaxChecker();
  let lastRank = 0;
  // Where the function and data counts were read, for errors about them (-1: absent).
  let functionCountAt = -1;
  let codeSectionSeen = false;
  let dataCountAt = -1;
  let dataSectionCountAt = -1;
  while (!r.atEnd()) {
    const sectionStart = r.pos;
    const id = r.u8();
    if (id > SectionId.DataCount) throw malformed('malformed section id', sectionStart);
    const size = r.u32();
    const start = r.pos;
    if (size > bytes.length - start) throw malformed('length out of bounds', start);
    const end = start + size;
    if (id !== SectionId.Custom) {
      const rank = SECTION_RANK[id];
      // A known section out of order or repeated cannot belong to this module.
      if (rank <= lastRank) throw malformed('unexpected content after last section', sectionStart);
      lastRank = rank;
    }
    r.reset(start, end);
    switch (id) {
      case SectionId.Custom: {
        const name = r.name();
        m.customSections.push({ name, offset: start, size, data: bytes.subarray(r.pos, end) });
        r.pos = end;
        break;
      }
      case SectionId.Type:
        readVec(r, () => m.types.push(readFuncType(r)));
        break;
      case SectionId.Import:
        readVec(r, () => {
          const offset = r.pos;
          const module = r.name();
          const name = r.name();
          const desc = readImportDesc(r);
          if (desc.kind === 'func') m.importedFuncCount++;
          else if (desc.kind === 'table') m.importedTableCount++;
          else if (desc.kind === 'memory') m.importedMemoryCount++;
          else m.importedGlobalCount++;
          m.imports.push({ module, name, desc, offset });
        });
        break;
      case SectionId.Function:
        functionCountAt = r.pos;
        readVec(r, () => m.functions.push(r.u32()));
        break;
      case SectionId.Table:
        readVec(r, () => {
          const offset = r.pos;
          m.tables.push({ type: readTableType(r), offset });
        });
        break;
      case SectionId.Memory:
        readVec(r, () => {
          const offset = r.pos;
          m.memories.push({ type: readMemoryType(r), offset });
        });
        break;
      case SectionId.Global:
        readVec(r, () => {
          const offset = r.pos;
          const type = readGlobalType(r);
          m.globals.push({ type, init: decodeConstExpr(r), offset });
        });
        break;
      case SectionId.Export:
        readVec(r, () => {
          const offset = r.pos;
          const name = r.name();
          const kindAt = r.pos;
          const kind = EXTERN_KINDS[r.u8()];
          if (kind === undefined) throw malformed('malformed export kind', kindAt);
          m.exports.push({ name, kind, index: r.u32(), offset });
        });
        break;
      case SectionId.Start:
        m.startOffset = r.pos;
        m.start = r.u32();
        break;
      case SectionId.Element:
        readVec(r, () => m.elements.push(readElement(r)));
        break;
      case SectionId.DataCount:
        dataCountAt = r.pos;
        m.dataCount = r.u32();
        break;
      case SectionId.Code: {
        codeSectionSeen = true;
        const countAt = r.pos;
        const count = r.length();
        if (count !== m.functions.length) {
          throw malformed('function and code section have inconsistent lengths', countAt);
        }
        readCodes(r, m, count, syntax);
        break;
      }
      case SectionId.Data:
        dataSectionCountAt = r.pos;
        readVec(r, () => m.datas.push(readData(r)));
        break;
    }
    if (r.pos !== end) throw malformed('section size mismatch', r.pos);
    r.reset(end, bytes.length);
  }

  // (A code section with a count other than the function count failed above already.)
  if (!codeSectionSeen && m.functions.length > 0) {
    throw malformed('function and code section have inconsistent lengths', functionCountAt);
  }
  if (m.dataCount !== undefined && m.dataCount !== m.datas.length) {
    const at = dataSectionCountAt >= 0 ? dataSectionCountAt : dataCountAt;
    throw malformed('data count and data section have inconsistent lengths', at);
  }
  // Code naming data segments needs the data count section. Without any data segment such
  // an index names nothing, and validation reports it as an unknown data segment (wabt
  // leaves the section out of modules that have no data, and the suite expects 'invalid').
  if (m.dataCount === undefined && syntax.firstDataUse >= 0 && m.datas.length > 0) {
    throw malformed('data count section required', syntax.firstDataUse, syntax.firstDataUseFunc);
  }
  const nameSection = m.customSections.find((s) => s.name === 'name');
  if (nameSection !== undefined) {
    const end = nameSection.offset + nameSection.size;
    m.names = parseNameSection(bytes, end - nameSection.data.length, end);
  }
  return m;
}

function readHeader(r: ByteReader): void {
  const b = r.bytes;
  if (b.length < 4) throw malformed('unexpected end', b.length);
  if (b[0] !== 0x00 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) throw malformed('magic header not detected', 0);
  if (b.length < 8) throw malformed('unexpected end', b.length);
  if (b[4] !== 1 || b[5] !== 0 || b[6] !== 0 || b[7] !== 0) throw malformed('unknown binary version', 4);
  r.pos = 8;
}

function readVec(r: ByteReader, readOne: () => void): void {
  const n = r.u32();
  for (let i = 0; i < n; i++) readOne();
}

function readValType(r: ByteReader): ValType {
  const at = r.pos;
  const b = r.u8();
  if (!isValTypeCode(b)) throw malformed('malformed value type', at);
  return valTypeOf(b);
}

function readRefType(r: ByteReader): RefType {
  const at = r.pos;
  const b = r.u8();
  if (!isRefTypeCode(b)) throw malformed('malformed reference type', at);
  return refTypeOf(b);
}

function readFuncType(r: ByteReader): FuncType {
  const at = r.pos;
  if (r.u8() !== 0x60) throw malformed('malformed function type', at);
  const params: ValType[] = [];
  readVec(r, () => params.push(readValType(r)));
  const results: ValType[] = [];
  readVec(r, () => results.push(readValType(r)));
  return { params, results };
}

/** A one-byte flag that must be 0 or 1; LEB-style padding is rejected as such. */
function readFlag(r: ByteReader, what: string): number {
  const at = r.pos;
  const b = r.u8();
  if (b <= 1) return b;
  if (what !== '') throw malformed(what, at);
  throw malformed(b & 0x80 ? 'integer representation too long' : 'integer too large', at);
}

function readLimits(r: ByteReader): Limits {
  const hasMax = readFlag(r, '');
  const min = r.u32();
  return hasMax ? { min, max: r.u32() } : { min };
}

function readTableType(r: ByteReader): TableType {
  const elemType = readRefType(r);
  return { elemType, limits: readLimits(r) };
}

function readMemoryType(r: ByteReader): MemoryType {
  return { limits: readLimits(r) };
}

function readGlobalType(r: ByteReader): GlobalType {
  const valType = readValType(r);
  return { valType, mutable: readFlag(r, 'malformed mutability') === 1 };
}

function readImportDesc(r: ByteReader): ImportDesc {
  const at = r.pos;
  switch (r.u8()) {
    case 0:
      return { kind: 'func', typeIndex: r.u32() };
    case 1:
      return { kind: 'table', type: readTableType(r) };
    case 2:
      return { kind: 'memory', type: readMemoryType(r) };
    case 3:
      return { kind: 'global', type: readGlobalType(r) };
    default:
      throw malformed('malformed import kind', at);
  }
}

function readElement(r: InstructionReader): Element {
  const offset = r.pos;
  const flags = r.u32();
  if (flags > 7) throw malformed('malformed elements segment kind', offset);
  // Bit 0: passive or declarative (else active); bit 1: explicit table index (active) or
  // declarative (non-active); bit 2: items are expressions rather than function indices.
  const active = (flags & 1) === 0;
  const mode = active ? 'active' : flags & 2 ? 'declarative' : 'passive';
  const table = active && flags & 2 ? r.u32() : 0;
  const offsetExpr = active ? decodeConstExpr(r) : undefined;
  const usesExprs = (flags & 4) !== 0;
  let type: RefType = 'funcref';
  if (flags & 3) {
    if (usesExprs) {
      type = readRefType(r);
    } else {
      const at = r.pos;
      if (r.u8() !== 0x00) throw malformed('malformed element kind', at);
    }
  }
  const count = r.length();
  const element: Element = { mode, type, table, count, offset };
  if (offsetExpr !== undefined) element.offsetExpr = offsetExpr;
  if (usesExprs) {
    const exprs = [];
    for (let i = 0; i < count; i++) exprs.push(decodeConstExpr(r));
    element.exprs = exprs;
  } else {
    const funcs = [];
    for (let i = 0; i < count; i++) funcs.push(r.u32());
    element.funcs = funcs;
  }
  return element;
}

function readData(r: InstructionReader): Data {
  const offset = r.pos;
  const flags = r.u32();
  if (flags > 2) throw malformed('malformed data segment kind', offset);
  const memory = flags === 2 ? r.u32() : 0;
  const offsetExpr = flags === 1 ? undefined : decodeConstExpr(r);
  const n = r.u32();
  const initOffset = r.pos;
  const init = r.bytesView(n);
  const data: Data = { mode: flags === 1 ? 'passive' : 'active', memory, init, initOffset, offset };
  if (offsetExpr !== undefined) data.offsetExpr = offsetExpr;
  return data;
}

function readCodes(r: InstructionReader, m: Module, count: number, syntax: BodySyntaxChecker): void {
  const sectionEnd = r.end;
  for (let i = 0; i < count; i++) {
    const offset = r.pos;
    const size = r.u32();
    const start = r.pos;
    if (size > sectionEnd - start) throw malformed('unexpected end of section or function', start);
    const end = start + size;
    r.end = end;
    const locals: LocalRun[] = [];
    let localCount = 0;
    const runs = r.length();
    for (let j = 0; j < runs; j++) {
      const at = r.pos;
      const n = r.u32();
      localCount += n;
      if (localCount > 0xffffffff) throw malformed('too many locals', at);
      locals.push({ count: n, type: readValType(r) });
    }
    const bodyStart = r.pos;
    const code: Code = { locals, localCount, bodyStart, bodyEnd: end, offset };
    syntax.check(r, bodyStart, end, m.importedFuncCount + i);
    m.codes.push(code);
    r.reset(end, sectionEnd);
  }
}
