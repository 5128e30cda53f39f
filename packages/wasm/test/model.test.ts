// The module model: index spaces, function types, and the byte offsets that every entity
// carries (checked on a hand-built module whose layout is known byte for byte).
import { blockResultType, BLOCK_EMPTY, decodeModule, funcType, indexSpaces, InstructionReader, Op } from '../src/index.js';
import {
  body,
  codeSection,
  custom,
  exportEntry,
  functionSection,
  functype,
  HEADER,
  importEntry,
  limits,
  memorySection,
  name,
  OP,
  section,
  SEC,
  T,
  tableSection,
  typeSection,
  u32,
  vec,
  type Bytes,
} from './bytes';
import { expectValid } from './expect';

/** Lay out sections after the header and remember where each one's content starts. */
function layout(secs: Array<[string, Bytes]>): { bytes: Uint8Array; at: Record<string, number> } {
  const out: number[] = [...HEADER];
  const at: Record<string, number> = {};
  for (const [label, sec] of secs) {
    // content starts after the id byte and the size, one LEB byte for these small sections
    if (sec[1] >= 0x80) throw new Error(`layout: section ${label} is too large for this helper`);
    at[label] = out.length + 2;
    out.push(...sec);
  }
  return { bytes: Uint8Array.from(out), at };
}

describe('module model', () => {
  const types = typeSection(functype([], []), functype([T.i32], [T.i64]));
  const importEntries = [
    importEntry('env', 'f', [0x00, 0x01]),
    importEntry('env', 'g', [0x03, T.f32, 0x00]),
    importEntry('env', 't', [0x01, T.externref, ...limits(1)]),
  ];
  const imports = section(SEC.import, vec(importEntries));
  const funcs = functionSection(0, 1);
  const table = tableSection([T.funcref, ...limits(2, 3)]);
  const memory = memorySection(limits(1));
  const globalEntry = [T.i64, 0x01, OP.i64_const, 0x2a, OP.end];
  const globals = section(SEC.global, vec([globalEntry]));
  const exportEntries = [exportEntry('run', 0, 1), exportEntry('g', 3, 1)];
  const exports = section(SEC.export, vec(exportEntries));
  const start = section(SEC.start, u32(1));
  const elemEntry = [0x02, 0x01, OP.i32_const, 0x01, OP.end, 0x00, ...vec([u32(2)])];
  const elems = section(SEC.element, vec([elemEntry]));
  const body0 = body([[2, T.f64]], [OP.nop, OP.end]);
  const body1 = body([], [OP.local_get, 0, OP.i64_extend_i32_s, OP.end]);
  const code = codeSection(body0, body1);
  const dataEntry = [0x00, OP.i32_const, 0x10, OP.end, ...name('hi')];
  const datas = section(SEC.data, vec([dataEntry]));
  const meta = custom('meta', [9, 8, 7]);

  const { bytes, at } = layout([
    ['types', types],
    ['imports', imports],
    ['funcs', funcs],
    ['table', table],
    ['memory', memory],
    ['globals', globals],
    ['exports', exports],
    ['start', start],
    ['elems', elems],
    ['code', code],
    ['datas', datas],
    ['meta', meta],
  ]);

  it('decodes the test module', () => {
    expect(bytes.length).toBe(HEADER.length + [types, imports, funcs, table, memory, globals, exports, start, elems, code, datas, meta].flat().length);
    expectValid(bytes);
  });

  it('merges imports and definitions into index spaces', () => {
    const m = expectValid(bytes);
    expect(indexSpaces(m)).toEqual({
      funcs: [1, 0, 1],
      tables: [
        { elemType: 'externref', limits: { min: 1 } },
        { elemType: 'funcref', limits: { min: 2, max: 3 } },
      ],
      memories: [{ limits: { min: 1 } }],
      globals: [
        { valType: 'f32', mutable: false },
        { valType: 'i64', mutable: true },
      ],
    });
    expect(funcType(m, 0)).toEqual({ params: ['i32'], results: ['i64'] });
    expect(funcType(m, 1)).toEqual({ params: [], results: [] });
    expect(funcType(m, 2)).toEqual({ params: ['i32'], results: ['i64'] });
    expect(funcType(m, 3)).toBeUndefined();
    expect([m.importedFuncCount, m.importedTableCount, m.importedMemoryCount, m.importedGlobalCount]).toEqual([1, 1, 0, 1]);
  });

  it('gives every entity the offset where its encoding starts', () => {
    const m = expectValid(bytes);
    // vectors: content starts with a one-byte count
    let p = at.imports + 1;
    m.imports.forEach((imp, i) => {
      expect(imp.offset).toBe(p);
      p += importEntries[i].length;
    });
    expect(m.tables[0].offset).toBe(at.table + 1);
    expect(m.memories[0].offset).toBe(at.memory + 1);
    expect(m.globals[0].offset).toBe(at.globals + 1);
    p = at.exports + 1;
    m.exports.forEach((e, i) => {
      expect(e.offset).toBe(p);
      p += exportEntries[i].length;
    });
    expect(m.startOffset).toBe(at.start);
    expect(m.elements[0].offset).toBe(at.elems + 1);
    expect(m.codes[0].offset).toBe(at.code + 1);
    expect(m.codes[1].offset).toBe(at.code + 1 + body0.length);
    expect(m.datas[0].offset).toBe(at.datas + 1);
  });

  it('gives bodies, constant expressions and data their byte ranges', () => {
    const m = expectValid(bytes);
    // body 0: size byte, locals vector (count 1, run: 2 f64), then code
    expect(m.codes[0].bodyStart).toBe(at.code + 1 + 1 + 3);
    expect(m.codes[0].bodyEnd).toBe(at.code + 1 + body0.length);
    expect(Array.from(m.bytes.subarray(m.codes[1].bodyStart, m.codes[1].bodyEnd))).toEqual([
      OP.local_get,
      0,
      OP.i64_extend_i32_s,
      OP.end,
    ]);
    const g = m.globals[0].init;
    expect(Array.from(m.bytes.subarray(g.start, g.end))).toEqual([OP.i64_const, 0x2a, OP.end]);
    expect(g.instrs).toEqual([{ op: 'i64.const', value: 42n, offset: g.start }]);
    const e = m.elements[0];
    expect(e.offsetExpr?.instrs).toEqual([{ op: 'i32.const', value: 1, offset: e.offsetExpr?.start }]);
    expect(e).toMatchObject({ mode: 'active', table: 1, type: 'funcref', funcs: [2], count: 1 });
    const d = m.datas[0];
    expect(d.initOffset).toBe(at.datas + 1 + dataEntry.length - 2);
    expect(Array.from(d.init)).toEqual([0x68, 0x69]);
  });

  it('records custom sections with their payload position', () => {
    const m = expectValid(bytes);
    const c = m.customSections[0];
    expect(c.name).toBe('meta');
    expect(c.offset).toBe(at.meta);
    expect(c.size).toBe(meta.length - 2);
    expect(Array.from(c.data)).toEqual([9, 8, 7]);
    expect(Array.from(m.bytes.subarray(c.offset + c.size - 3, c.offset + c.size))).toEqual([9, 8, 7]);
  });

  it('keeps the input bytes as module.bytes', () => {
    const m = decodeModule(bytes);
    expect(m.bytes).toBe(bytes);
  });
});

describe('InstructionReader', () => {
  it('walks a body with atEnd, exposing block types and immediates', () => {
    const bytes = Uint8Array.from([
      ...HEADER,
      ...typeSection(functype([], [])),
      ...functionSection(0),
      ...codeSection(
        body([], [OP.block, 0x40, OP.block, T.f32, OP.f32_const, 0, 0, 0xc0, 0x7f, OP.end, OP.drop, OP.end, OP.block, 0x00, OP.end, OP.end]),
      ),
    ]);
    const m = expectValid(bytes);
    const r = new InstructionReader(m.bytes);
    r.reset(m.codes[0].bodyStart, m.codes[0].bodyEnd);
    const seen: Array<[number, number | string | undefined]> = [];
    while (!r.atEnd()) {
      r.next();
      if (r.op === Op.Block) seen.push([r.op, r.blockType === BLOCK_EMPTY ? 'empty' : r.blockType < 0 ? blockResultType(r.blockType) : r.blockType]);
      else if (r.op === Op.F32Const) seen.push([r.op, r.f32bits]);
      else seen.push([r.op, undefined]);
    }
    expect(seen).toEqual([
      [Op.Block, 'empty'],
      [Op.Block, 'f32'],
      [Op.F32Const, 0x7fc00000],
      [Op.End, undefined],
      [Op.Drop, undefined],
      [Op.End, undefined],
      [Op.Block, 0],
      [Op.End, undefined],
      [Op.End, undefined],
    ]);
    expect(r.pos).toBe(m.codes[0].bodyEnd);
  });
});
