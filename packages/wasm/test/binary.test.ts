// Binary format edge cases, each on a hand-built binary so that the bytes (and therefore
// the offsets an error must point at) are exactly known.
import { decodeModule } from '../src/index.js';
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
  module,
  name,
  OP,
  s32,
  section,
  sectionWithSize,
  SEC,
  singleFunc,
  slebPadded,
  T,
  tableSection,
  typeSection,
  u32,
  u32Padded,
  vec,
  type Bytes,
} from './bytes';
import { expectDecodes, expectInvalid, expectMalformed, expectValid } from './expect';
import { wat } from './wat';

const H = HEADER.length; // 8
const voidType = typeSection(functype([], []));
const emptyBody = body([], [OP.end]);

describe('module header', () => {
  it('an empty module (header only) is valid and empty', () => {
    const m = expectValid(module());
    expect(m.types).toHaveLength(0);
    expect(m.imports).toHaveLength(0);
    expect(m.functions).toHaveLength(0);
    expect(m.tables).toHaveLength(0);
    expect(m.memories).toHaveLength(0);
    expect(m.globals).toHaveLength(0);
    expect(m.exports).toHaveLength(0);
    expect(m.elements).toHaveLength(0);
    expect(m.datas).toHaveLength(0);
    expect(m.codes).toHaveLength(0);
    expect(m.customSections).toHaveLength(0);
    expect(m.start).toBeUndefined();
    expect(m.dataCount).toBeUndefined();
  });

  it.each([
    ['empty input', []],
    ['magic only', [0x00, 0x61, 0x73, 0x6d]],
    ['one version byte', [0x00, 0x61, 0x73, 0x6d, 0x01]],
    ['three version bytes', [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00]],
  ])('%s is malformed: unexpected end', (_label, bytes) => {
    expectMalformed(Uint8Array.from(bytes), { detail: /unexpected end/ });
  });

  it.each([
    ['wrong last magic byte', [0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0], 3],
    ['wrong first magic byte', [0x01, 0x61, 0x73, 0x6d, 1, 0, 0, 0], 0],
    ['text format', [0x28, 0x6d, 0x6f, 0x64, 0x75, 0x6c, 0x65, 0x29], 0],
    ['byte-swapped magic', [0x6d, 0x73, 0x61, 0x00, 1, 0, 0, 0], 0],
  ])('bad magic (%s) is malformed', (_label, bytes, lastBad) => {
    expectMalformed(Uint8Array.from(bytes), { detail: /magic header not detected/, offsetIn: [0, lastBad] });
  });

  it.each([
    ['version 0', [0, 0, 0, 0]],
    ['version 2', [2, 0, 0, 0]],
    ['version 0x0d (the component model layer)', [0x0d, 0, 0x01, 0]],
    ['big-endian version 1', [0, 0, 0, 1]],
  ])('bad version (%s) is malformed', (_label, version) => {
    expectMalformed(Uint8Array.from([0x00, 0x61, 0x73, 0x6d, ...version]), {
      detail: /unknown binary version/,
      offsetIn: [4, 7],
    });
  });
});

describe('LEB128', () => {
  it('accepts a padded (over-long but at most 5 bytes) u32', () => {
    // type section count 1 written in 5 bytes
    const m = expectValid(module(section(SEC.type, [...u32Padded(1, 5), ...functype([T.i32], [])])));
    expect(m.types).toHaveLength(1);
  });

  it('accepts the maximum u32 in 5 bytes', () => {
    // table with min 0, max 0xffffffff
    const m = expectValid(module(tableSection([T.funcref, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f])));
    expect(m.tables).toHaveLength(1);
  });

  it('rejects a u32 encoded in 6 bytes: integer representation too long', () => {
    const count = [0x81, 0x80, 0x80, 0x80, 0x80, 0x00];
    const bytes = module(section(SEC.type, [...count, ...functype([], [])]));
    // the section starts at 8: id, size (1 byte), then the LEB at 10
    expectMalformed(bytes, { detail: /integer representation too long/, offsetIn: [H + 2, H + 2 + 5] });
  });

  it.each([
    ['all four unused bits set', 0x70],
    ['one unused bit set', 0x10],
    ['top unused bit set', 0x40],
  ])('rejects a 5-byte u32 with %s in the last byte: integer too large', (_label, last) => {
    const min = [0x82, 0x80, 0x80, 0x80, last];
    const bytes = module(section(SEC.memory, [0x01, 0x00, ...min]));
    expectMalformed(bytes, { detail: /integer too large/, offsetIn: [H + 4, H + 4 + 4] });
  });

  it('rejects a LEB that runs past the end of its section', () => {
    // type section of size 1 whose only byte is a continuation byte
    const bytes = module(section(SEC.type, [0x80]));
    expectMalformed(bytes, { detail: /unexpected end|length out of bounds/ });
  });

  it('rejects a LEB that runs past the end of the input', () => {
    const bytes = Uint8Array.from([...HEADER, SEC.type, 0x80]);
    expectMalformed(bytes, { detail: /unexpected end/ });
  });

  describe('signed LEB (i32.const / i64.const in a function body)', () => {
    const i32Body = (imm: Bytes) => singleFunc({ results: [T.i32], code: [OP.i32_const, ...imm, OP.end] });
    const i64Body = (imm: Bytes) => singleFunc({ results: [T.i64], code: [OP.i64_const, ...imm, OP.end] });

    it.each([
      ['max i32', [0xff, 0xff, 0xff, 0xff, 0x07]],
      ['min i32', [0x80, 0x80, 0x80, 0x80, 0x78]],
      ['-1 padded to 5 bytes', [0xff, 0xff, 0xff, 0xff, 0x7f]],
      ['0 padded to 5 bytes', [0x80, 0x80, 0x80, 0x80, 0x00]],
      ['-64 in one byte', [0x40]],
    ])('i32.const accepts %s', (_label, imm) => {
      expectValid(i32Body(imm).bytes);
    });

    it.each([
      ['positive, sign bits set', [0x80, 0x80, 0x80, 0x80, 0x70]],
      ['negative, sign bits clear', [0xff, 0xff, 0xff, 0xff, 0x0f]],
      ['negative, one sign bit clear', [0xff, 0xff, 0xff, 0xff, 0x5f]],
      ['positive, one sign bit set', [0x80, 0x80, 0x80, 0x80, 0x20]],
    ])('i32.const rejects a 5-byte value with inconsistent unused bits (%s): integer too large', (_label, imm) => {
      const { bytes, codeStart } = i32Body(imm);
      expectMalformed(bytes, { detail: /integer too large/, offsetIn: [codeStart + 1, codeStart + 5] });
    });

    it('i32.const rejects 6 bytes: integer representation too long', () => {
      const { bytes, codeStart } = i32Body([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
      expectMalformed(bytes, { detail: /integer representation too long/, offsetIn: [codeStart + 1, codeStart + 6] });
    });

    it.each([
      ['max i64', slebPadded((1n << 63n) - 1n, 10)],
      ['min i64', slebPadded(-(1n << 63n), 10)],
      ['-1 padded to 10 bytes', slebPadded(-1n, 10)],
      ['1 padded to 10 bytes', slebPadded(1n, 10)],
    ])('i64.const accepts %s', (_label, imm) => {
      expectValid(i64Body(imm).bytes);
    });

    it.each([
      ['positive, sign bits set', [...Array(9).fill(0x80), 0x7e]],
      ['negative, sign bits clear', [...Array(9).fill(0xff), 0x01]],
      ['positive, one sign bit set', [...Array(9).fill(0x80), 0x02]],
      ['negative, one sign bit clear', [...Array(9).fill(0xff), 0x7d]],
    ])('i64.const rejects a 10-byte value with inconsistent unused bits (%s): integer too large', (_label, imm) => {
      const { bytes, codeStart } = i64Body(imm);
      expectMalformed(bytes, { detail: /integer too large/, offsetIn: [codeStart + 1, codeStart + 10] });
    });

    it('i64.const rejects 11 bytes: integer representation too long', () => {
      const { bytes, codeStart } = i64Body([...Array(10).fill(0x80), 0x00]);
      expectMalformed(bytes, { detail: /integer representation too long/, offsetIn: [codeStart + 1, codeStart + 11] });
    });
  });
});

describe('sections', () => {
  it('accepts every section in the canonical order, with custom sections anywhere', () => {
    const bytes = module(
      custom('first'),
      voidType,
      custom('after-type'),
      section(SEC.import, vec([importEntry('env', 'g', [0x03, T.i32, 0x00])])),
      functionSection(0),
      tableSection([T.funcref, ...limits(1)]),
      memorySection(limits(1)),
      section(SEC.global, vec([[T.i32, 0x00, OP.i32_const, 0x00, OP.end]])),
      section(SEC.export, vec([exportEntry('f', 0, 0)])),
      section(SEC.start, u32(0)),
      section(SEC.element, vec([[0x00, OP.i32_const, 0x00, OP.end, ...vec([u32(0)])]])),
      section(SEC.datacount, u32(1)),
      codeSection(emptyBody),
      section(SEC.data, vec([[0x01, ...name('xy')]])),
      custom('last'),
    );
    const m = expectValid(bytes);
    expect(m.customSections.map((c) => c.name)).toEqual(['first', 'after-type', 'last']);
    expect(m.imports).toHaveLength(1);
    expect(m.functions).toHaveLength(1);
    expect(m.start).toBe(0);
    expect(m.dataCount).toBe(1);
    expect(m.datas).toHaveLength(1);
  });

  it('accepts every section with an empty vector', () => {
    const empty = vec([]);
    const m = expectValid(
      module(
        section(SEC.type, empty),
        section(SEC.import, empty),
        section(SEC.function, empty),
        section(SEC.table, empty),
        section(SEC.memory, empty),
        section(SEC.global, empty),
        section(SEC.export, empty),
        section(SEC.element, empty),
        section(SEC.datacount, u32(0)),
        section(SEC.code, empty),
        section(SEC.data, empty),
      ),
    );
    expect(m.dataCount).toBe(0);
    expect(m.codes).toHaveLength(0);
  });

  it('accepts section sizes written as padded LEBs', () => {
    const content = vec([functype([T.i32], [T.i64])]);
    const bytes = module([SEC.type, ...u32Padded(content.length, 5), ...content], [SEC.custom, ...u32Padded(2, 3), ...name('n')]);
    const m = expectValid(bytes);
    expect(m.types).toEqual([{ params: ['i32'], results: ['i64'] }]);
    expect(m.customSections.map((c) => c.name)).toEqual(['n']);
  });

  it('rejects sections out of order (function before type)', () => {
    const fn = functionSection(0);
    const bytes = module(fn, voidType, codeSection(emptyBody));
    // the misplaced section is the type section at H + fn.length
    expectMalformed(bytes, { offsetIn: [H + fn.length, H + fn.length + 2] });
  });

  it('rejects the data count section after the code section', () => {
    const fn = [...voidType, ...functionSection(0), ...codeSection(emptyBody)];
    const bytes = module(fn, section(SEC.datacount, u32(0)));
    expectMalformed(bytes, { offsetIn: [H + fn.length, H + fn.length + 2] });
  });

  it('rejects the data count section after the data section', () => {
    const data = section(SEC.data, vec([]));
    const bytes = module(data, section(SEC.datacount, u32(0)));
    expectMalformed(bytes, { offsetIn: [H + data.length, H + data.length + 2] });
  });

  it('accepts the data count section between element and code sections', () => {
    const m = expectValid(module(voidType, functionSection(0), section(SEC.datacount, u32(0)), codeSection(emptyBody)));
    expect(m.dataCount).toBe(0);
  });

  it.each([
    ['type', SEC.type, vec([])],
    ['memory', SEC.memory, vec([])],
    ['start', SEC.start, u32(0)],
    ['data count', SEC.datacount, u32(0)],
  ])('rejects a duplicate %s section', (_label, id, content) => {
    const first = section(id, content);
    const bytes = module(first, section(id, content));
    expectMalformed(bytes, { offsetIn: [H + first.length, H + first.length + 2] });
  });

  it.each([[0x0d], [0x0e], [0x7f], [0xff]])('rejects the unknown section id 0x%s: malformed section id', (id) => {
    expectMalformed(module([id, 0x00]), { detail: /malformed section id/, offset: H });
  });

  it('rejects a section whose declared size is smaller than its content', () => {
    // type section with one type () -> () is 4 bytes; declare 3
    const bytes = module(sectionWithSize(SEC.type, 3, vec([functype([], [])])));
    expectMalformed(bytes, { detail: /section size mismatch|unexpected end/ });
  });

  it('rejects a section whose declared size is larger than its content (followed by another section)', () => {
    const content = vec([functype([], [])]); // 4 bytes
    const bytes = module(sectionWithSize(SEC.type, content.length + 2, content), custom(''));
    expectMalformed(bytes, { detail: /section size mismatch/ });
  });

  it('rejects a section whose declared size runs past the end of the input', () => {
    const bytes = module(sectionWithSize(SEC.type, 100, vec([functype([], [])])));
    expectMalformed(bytes, { detail: /unexpected end|length out of bounds/ });
  });

  it('rejects a custom section whose name length exceeds the section', () => {
    const bytes = module(section(SEC.custom, [0x05, 0x61, 0x62]));
    expectMalformed(bytes, { detail: /unexpected end|length out of bounds/ });
  });

  it('rejects a custom section without a name', () => {
    expectMalformed(module(section(SEC.custom, [])), { detail: /unexpected end/ });
  });

  it('rejects junk after the last section', () => {
    const secs = [...voidType, ...functionSection(0), ...codeSection(emptyBody)];
    // a lone custom section id with no size
    expectMalformed(module(secs, [0x00]), { detail: /unexpected end/ });
    // an unknown section id
    expectMalformed(module(secs, [0x2a, 0x00]), { detail: /malformed section id/, offset: H + secs.length });
  });

  it('rejects junk inside a section after its content', () => {
    // type section: count 1 plus one type, then 2 extra bytes counted in the size
    const content = [...vec([functype([], [])]), 0x00, 0x00];
    expectMalformed(module(section(SEC.type, content)), { detail: /section size mismatch/ });
  });

  it('rejects an unknown type form', () => {
    const bytes = module(section(SEC.type, vec([[0x61, 0x00, 0x00]])));
    expectMalformed(bytes, { offset: H + 3 });
  });

  it('rejects an unknown value type', () => {
    const bytes = module(section(SEC.type, vec([[T.func, 0x01, 0x7a, 0x00]])));
    expectMalformed(bytes, { offset: H + 5 });
  });
});

describe('custom sections and UTF-8', () => {
  it.each([
    ['ASCII', 'hello'],
    ['empty', ''],
    ['two-byte', 'caf\u00e9'],
    ['three-byte', '\u65e5\u672c'],
    ['four-byte', '\u{1f980}'],
    ['max code point', '\u{10ffff}'],
    ['a NUL byte', 'a\u0000b'],
  ])('accepts a custom section with a valid %s name', (_label, n) => {
    const m = expectValid(module(custom(n, [1, 2, 3])));
    expect(m.customSections).toHaveLength(1);
    expect(m.customSections[0].name).toBe(n);
  });

  const badUtf8: Array<[string, Bytes]> = [
    ['a lone continuation byte', [0x80]],
    ['a lead byte 0xff', [0xff]],
    ['a lead byte 0xfe', [0x61, 0xfe]],
    ['an overlong 2-byte NUL', [0xc0, 0x80]],
    ['an overlong 2-byte ASCII', [0xc1, 0xbf]],
    ['an overlong 3-byte encoding', [0xe0, 0x80, 0xaf]],
    ['an overlong 4-byte encoding', [0xf0, 0x8f, 0xbf, 0xbf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a 5-byte sequence', [0xf8, 0x88, 0x80, 0x80, 0x80]],
    ['a truncated 2-byte sequence', [0xc3]],
    ['a truncated 3-byte sequence', [0xe2, 0x82]],
    ['a truncated 4-byte sequence', [0xf0, 0x9f, 0xa6]],
    ['a 3-byte sequence with a bad continuation', [0xe2, 0x28, 0xa1]],
  ];

  it.each(badUtf8)('rejects a custom section name with %s', (_label, raw) => {
    const bytes = module(custom(raw));
    expectMalformed(bytes, { detail: /malformed UTF-8 encoding/, offsetIn: [H + 2, H + 3 + raw.length] });
  });

  it.each(badUtf8)('rejects an import module name with %s', (_label, raw) => {
    const bytes = module(voidType, section(SEC.import, vec([importEntry(raw, 'f', [0x00, 0x00])])));
    // the import section starts after the type section (4 + 2 bytes); the name after id, size, count
    const nameAt = H + voidType.length + 3;
    expectMalformed(bytes, { detail: /malformed UTF-8 encoding/, offsetIn: [nameAt, nameAt + raw.length] });
  });

  it.each(badUtf8)('rejects an import field name with %s', (_label, raw) => {
    const bytes = module(voidType, section(SEC.import, vec([importEntry('m', raw, [0x00, 0x00])])));
    const fieldAt = H + voidType.length + 3 + 2;
    expectMalformed(bytes, { detail: /malformed UTF-8 encoding/, offsetIn: [fieldAt, fieldAt + raw.length] });
  });

  it.each(badUtf8)('rejects an export name with %s', (_label, raw) => {
    const bytes = module(voidType, functionSection(0), section(SEC.export, vec([exportEntry(raw, 0, 0)])), codeSection(emptyBody));
    const nameAt = H + voidType.length + functionSection(0).length + 3;
    expectMalformed(bytes, { detail: /malformed UTF-8 encoding/, offsetIn: [nameAt, nameAt + raw.length] });
  });

  it('accepts multi-byte import and export names and keeps them', () => {
    const bytes = module(
      voidType,
      section(SEC.import, vec([importEntry('\u00e9nv', '\u{1f980}', [0x00, 0x00])])),
      section(SEC.export, vec([exportEntry('\u65e5', 0, 0)])),
    );
    const m = expectValid(bytes);
    expect(m.imports[0].module).toBe('\u00e9nv');
    expect(m.imports[0].name).toBe('\u{1f980}');
    expect(m.exports[0].name).toBe('\u65e5');
  });

  it('keeps the payload of a custom section', () => {
    const m = expectValid(module(custom('meta', [0xde, 0xad, 0xbe, 0xef])));
    expect(Array.from(m.customSections[0].data)).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });
});

describe('imports and exports', () => {
  it('rejects an unknown import kind', () => {
    const entry = importEntry('m', 'x', [0x04, 0x00]);
    const bytes = module(section(SEC.import, vec([entry])));
    expectMalformed(bytes, { detail: /malformed import kind/, offset: H + 3 + entry.length - 2 });
  });

  it('rejects an unknown export kind', () => {
    const bytes = module(section(SEC.export, vec([exportEntry('x', 0x04, 0)])));
    expectMalformed(bytes);
  });

  it('rejects a malformed global mutability in an import', () => {
    const bytes = module(section(SEC.import, vec([importEntry('m', 'g', [0x03, T.i32, 0x02])])));
    expectMalformed(bytes, { detail: /malformed mutability/ });
  });

  it('rejects a malformed reference type in a table', () => {
    const bytes = module(tableSection([T.i32, ...limits(0)]));
    expectMalformed(bytes, { detail: /malformed reference type/, offset: H + 3 });
  });

  it('counts imported entities', () => {
    const bytes = module(
      voidType,
      section(
        SEC.import,
        vec([
          importEntry('m', 'f1', [0x00, 0x00]),
          importEntry('m', 't', [0x01, T.externref, ...limits(0)]),
          importEntry('m', 'mem', [0x02, ...limits(1, 2)]),
          importEntry('m', 'g', [0x03, T.f64, 0x01]),
          importEntry('m', 'f2', [0x00, 0x00]),
        ]),
      ),
      functionSection(0),
      codeSection(emptyBody),
    );
    const m = expectValid(bytes);
    expect(m.imports.map((i) => [i.module, i.name])).toEqual([
      ['m', 'f1'],
      ['m', 't'],
      ['m', 'mem'],
      ['m', 'g'],
      ['m', 'f2'],
    ]);
    expect(m.importedFuncCount).toBe(2);
    expect(m.importedTableCount).toBe(1);
    expect(m.importedMemoryCount).toBe(1);
    expect(m.importedGlobalCount).toBe(1);
    expect(m.functions).toHaveLength(1);
  });

  it('rejects duplicate export names (invalid)', () => {
    const bytes = module(
      voidType,
      functionSection(0),
      section(SEC.export, vec([exportEntry('a', 0, 0), exportEntry('a', 0, 0)])),
      codeSection(emptyBody),
    );
    // the second entry starts after: types, functions, export id, size, count, first entry (4 bytes)
    const second = H + voidType.length + functionSection(0).length + 3 + 4;
    expectInvalid(bytes, { detail: /duplicate export name/, offsetIn: [second, second + 3] });
  });

  it('rejects the same export name on different kinds (invalid)', () => {
    const bytes = module(
      voidType,
      functionSection(0),
      memorySection(limits(1)),
      section(SEC.export, vec([exportEntry('x', 0, 0), exportEntry('x', 2, 0)])),
      codeSection(emptyBody),
    );
    expectInvalid(bytes, { detail: /duplicate export name/ });
  });

  it('accepts export names that differ only in case or by a multi-byte character', () => {
    const bytes = module(
      voidType,
      functionSection(0),
      section(SEC.export, vec([exportEntry('a', 0, 0), exportEntry('A', 0, 0), exportEntry('\u00e0', 0, 0)])),
      codeSection(emptyBody),
    );
    expect(expectValid(bytes).exports).toHaveLength(3);
  });

  it.each([
    ['function', 0],
    ['table', 1],
    ['memory', 2],
    ['global', 3],
  ])('rejects an export of an unknown %s (invalid)', (label, kind) => {
    const bytes = module(section(SEC.export, vec([exportEntry('x', kind, 0)])));
    expectInvalid(bytes, { detail: new RegExp(`unknown ${label}`) });
  });

  it('rejects an import of an unknown type (invalid)', () => {
    const bytes = module(section(SEC.import, vec([importEntry('m', 'f', [0x00, 0x05])])));
    expectInvalid(bytes, { detail: /unknown type/ });
  });
});

describe('limits', () => {
  it.each([
    ['memory flag 0x02', memorySection([0x02, 0x00])],
    ['memory flag 0x04', memorySection([0x04, 0x00])],
    ['memory flag 0x80 (a two-byte LEB)', memorySection([0x80, 0x00, 0x00])],
    ['table flag 0x02', tableSection([T.funcref, 0x02, 0x00])],
  ])('rejects the limits %s', (_label, sec) => {
    expectMalformed(module(sec));
  });

  it('accepts memory limits at the 65536-page bound', () => {
    const m = expectValid(module(memorySection(limits(65536, 65536))));
    expect(m.memories).toHaveLength(1);
  });

  it.each([
    ['min above 65536 pages', limits(65537)],
    ['max above 65536 pages', limits(0, 65537)],
    ['min 2^32 - 1', limits(0xffffffff)],
  ])('rejects memory %s (invalid)', (_label, lim) => {
    expectInvalid(module(memorySection(lim)), { detail: /memory size must be at most 65536 pages/ });
  });

  it('rejects memory min > max (invalid)', () => {
    expectInvalid(module(memorySection(limits(2, 1))), {
      detail: /size minimum must not be greater than maximum/,
      offsetIn: [H, H + 6],
    });
  });

  it.each([
    ['memory min > max', [0x02, 0x01, 0x02, 0x01]],
    ['memory above 65536 pages', [0x02, 0x00, 0x81, 0x80, 0x04]],
    ['table min > max', [0x01, T.funcref, 0x01, 0x03, 0x02]],
  ])('rejects an import with %s (invalid)', (_label, desc) => {
    expectInvalid(module(section(SEC.import, vec([importEntry('m', 'x', desc)]))), {
      detail: /size minimum must not be greater than maximum|memory size must be at most 65536 pages/,
    });
  });

  it('rejects table min > max (invalid)', () => {
    expectInvalid(module(tableSection([T.funcref, ...limits(10, 9)])), {
      detail: /size minimum must not be greater than maximum/,
    });
  });

  it('accepts a table with min = max = 2^32 - 1', () => {
    expectValid(module(tableSection([T.externref, ...limits(0xffffffff, 0xffffffff)])));
  });

  it('rejects two memories (invalid: multiple memories)', () => {
    expectInvalid(module(memorySection(limits(0), limits(0))), { detail: /multiple memories/ });
    expectInvalid(module(section(SEC.import, vec([importEntry('m', 'mem', [0x02, ...limits(0)])])), memorySection(limits(0))), {
      detail: /multiple memories/,
    });
  });

  it('accepts several tables', () => {
    const m = expectValid(module(tableSection([T.funcref, ...limits(0)], [T.externref, ...limits(1, 2)])));
    expect(m.tables).toHaveLength(2);
  });
});

describe('function and code sections', () => {
  it('rejects more functions than bodies', () => {
    const head = [...voidType, ...functionSection(0, 0)];
    const bytes = module(head, codeSection(emptyBody));
    // at the code section (its start or its count)
    expectMalformed(bytes, {
      detail: /function and code section have inconsistent lengths/,
      offsetIn: [H + head.length, H + head.length + 2],
    });
  });

  it('rejects more bodies than functions', () => {
    const bytes = module(voidType, functionSection(0), codeSection(emptyBody, emptyBody));
    expectMalformed(bytes, { detail: /function and code section have inconsistent lengths/ });
  });

  it('rejects a function section without a code section', () => {
    expectMalformed(module(voidType, functionSection(0)), {
      detail: /function and code section have inconsistent lengths/,
    });
  });

  it('rejects a code section without a function section', () => {
    expectMalformed(module(voidType, codeSection(emptyBody)), {
      detail: /function and code section have inconsistent lengths/,
    });
  });

  it('accepts empty function and code sections', () => {
    expectValid(module(functionSection(), codeSection()));
  });

  it('rejects a function of an unknown type (invalid)', () => {
    expectInvalid(module(voidType, functionSection(1), codeSection(emptyBody)), { detail: /unknown type/ });
  });

  it('rejects a body without the final end', () => {
    const bytes = module(voidType, functionSection(0), codeSection(body([], [OP.nop])));
    expectMalformed(bytes, { detail: /END opcode expected|unexpected end/, offsetIn: [bytes.length - 1, bytes.length], funcIndex: 0 });
  });

  it('rejects a body with bytes after the final end', () => {
    const bytes = module(voidType, functionSection(0), codeSection(body([], [OP.end, OP.nop])));
    expectMalformed(bytes, { detail: /section size mismatch|END opcode expected|unexpected end|operators remaining/ });
  });

  it('rejects a body whose size runs past the code section', () => {
    const bodyBytes = [0x10, 0x00, OP.end]; // size 16, but only 2 bytes follow
    const bytes = module(voidType, functionSection(0), section(SEC.code, vec([bodyBytes])));
    expectMalformed(bytes, { detail: /unexpected end|length out of bounds|section size mismatch/ });
  });

  it('rejects more than 2^32 - 1 locals: too many locals', () => {
    const bytes = module(
      voidType,
      functionSection(0),
      codeSection(
        body(
          [
            [0x80000000, T.i32],
            [0x80000000, T.i64],
          ],
          [OP.end],
        ),
      ),
    );
    // the locals of the only body: code section id, size (1), count (1), body size (1), locals
    const localsAt = H + voidType.length + functionSection(0).length + 4;
    expectMalformed(bytes, { detail: /too many locals/, offsetIn: [localsAt, bytes.length - 1] });
  });

  it('accepts many locals in several runs and counts them', () => {
    const { bytes } = singleFunc({
      params: [T.f32],
      locals: [
        [500, T.i32],
        [499, T.i64],
        [1, T.v128],
      ],
      code: [OP.local_get, ...u32(1000), OP.drop, OP.local_get, ...u32(500), OP.drop, OP.end],
    });
    const m = expectValid(bytes);
    expect(m.codes[0].locals.map((l) => [l.count, l.type])).toEqual([
      [500, 'i32'],
      [499, 'i64'],
      [1, 'v128'],
    ]);
  });

  it('rejects a local index past the last local (invalid: unknown local)', () => {
    const { bytes } = singleFunc({
      params: [T.f32],
      locals: [[3, T.i32]],
      code: [OP.local_get, ...u32(4), OP.drop, OP.end],
    });
    expectInvalid(bytes, { detail: /unknown local/, funcIndex: 0 });
  });

  it('rejects a local of an unknown value type', () => {
    expectMalformed(module(voidType, functionSection(0), codeSection(body([[1, 0x40]], [OP.end]))));
  });
});

describe('opcodes', () => {
  it.each([
    ['0x06 (try, not in 2.0)', [0x06]],
    ['0x0a', [0x0a]],
    ['0x12 (return_call, not in 2.0)', [0x12]],
    ['0x27 (after table.set)', [0x27]],
    ['0xc5 (after the sign-extension ops)', [0xc5]],
    ['0xd3', [0xd3]],
    ['0xff', [0xff]],
    ['0xfc 0x12 (past table.fill)', [0xfc, 0x12]],
    ['0xfc 0x80 0x01 (0xfc 128)', [0xfc, 0x80, 0x01]],
    ['0xfd 0xa2 0x01 (a SIMD gap)', [0xfd, 0xa2, 0x01]],
    ['0xfd 0x80 0x02 (relaxed SIMD, not in 2.0)', [0xfd, 0x80, 0x02]],
    ['0xfe 0x00 (threads, not in 2.0)', [0xfe, 0x00]],
  ])('rejects the unknown opcode %s', (_label, op) => {
    const { bytes, codeStart } = singleFunc({ code: [OP.nop, ...op, OP.end] });
    expectMalformed(bytes, { detail: /illegal opcode/, offsetIn: [codeStart + 1, codeStart + op.length] });
  });

  it('rejects a 0xfc sub-opcode written with more than 5 LEB bytes', () => {
    const { bytes } = singleFunc({ code: [0xfc, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, OP.end] });
    expectMalformed(bytes, { detail: /integer representation too long/ });
  });

  it('accepts a 0xfc sub-opcode written as a padded LEB (i32.trunc_sat_f32_s)', () => {
    const { bytes } = singleFunc({
      results: [T.i32],
      code: [OP.f32_const, 0, 0, 0, 0, 0xfc, 0x80, 0x80, 0x00, OP.end],
    });
    expectValid(bytes);
  });

  const memory = memorySection(limits(1));
  const table = tableSection([T.funcref, ...limits(1)]);
  it.each([
    ['memory.size', [OP.memory_size, 0x01, OP.drop]],
    ['memory.grow', [OP.i32_const, 0x00, OP.memory_grow, 0x01, OP.drop]],
    ['memory.fill', [OP.i32_const, 0, OP.i32_const, 0, OP.i32_const, 0, 0xfc, 0x0b, 0x01]],
    ['memory.copy (first)', [OP.i32_const, 0, OP.i32_const, 0, OP.i32_const, 0, 0xfc, 0x0a, 0x01, 0x00]],
    ['memory.copy (second)', [OP.i32_const, 0, OP.i32_const, 0, OP.i32_const, 0, 0xfc, 0x0a, 0x00, 0x01]],
  ])('rejects a non-zero reserved byte in %s: zero byte expected', (_label, code) => {
    const { bytes, codeStart } = singleFunc({ code: [...code, OP.end], before: [table, memory] });
    const zero = codeStart + code.lastIndexOf(0x01);
    expectMalformed(bytes, { detail: /zero byte expected/, offset: zero });
  });

  it('rejects a non-zero reserved byte in memory.init: zero byte expected', () => {
    const code = [OP.i32_const, 0, OP.i32_const, 0, OP.i32_const, 0, 0xfc, 0x08, 0x00, 0x01, OP.end];
    const { bytes, codeStart } = singleFunc({
      code,
      before: [memory, section(SEC.datacount, u32(1))],
      after: [section(SEC.data, vec([[0x01, ...name('x')]]))],
    });
    expectMalformed(bytes, { detail: /zero byte expected/, offset: codeStart + 9 });
  });

  it('accepts the reserved bytes as zero', () => {
    const code = [
      OP.memory_size, 0x00, OP.drop,
      OP.i32_const, 0, OP.memory_grow, 0x00, OP.drop,
      OP.i32_const, 0, OP.i32_const, 0, OP.i32_const, 0, 0xfc, 0x0b, 0x00,
      OP.i32_const, 0, OP.i32_const, 0, OP.i32_const, 0, 0xfc, 0x0a, 0x00, 0x00,
      OP.end,
    ];
    expectValid(singleFunc({ code, before: [memory] }).bytes);
  });
});

describe('data count', () => {
  const mem = memorySection(limits(1));
  const data1 = section(SEC.data, vec([[0x01, ...name('a')]]));

  it('rejects a data count larger than the data section', () => {
    const bytes = module(mem, section(SEC.datacount, u32(2)), data1);
    // at the data section (its start or its count)
    const dataAt = H + mem.length + 3;
    expectMalformed(bytes, {
      detail: /data count and data section have inconsistent lengths/,
      offsetIn: [dataAt, dataAt + 2],
    });
  });

  it('rejects a data count smaller than the data section', () => {
    const bytes = module(mem, section(SEC.datacount, u32(0)), data1);
    expectMalformed(bytes, { detail: /data count and data section have inconsistent lengths/ });
  });

  it('rejects a non-zero data count without a data section', () => {
    expectMalformed(module(mem, section(SEC.datacount, u32(1))), {
      detail: /data count and data section have inconsistent lengths/,
    });
  });

  it('accepts a zero data count without a data section', () => {
    expect(expectValid(module(mem, section(SEC.datacount, u32(0)))).dataCount).toBe(0);
  });

  it.each([
    ['memory.init', [OP.i32_const, 0, OP.i32_const, 0, OP.i32_const, 0, 0xfc, 0x08, 0x00, 0x00]],
    ['data.drop', [0xfc, 0x09, 0x00]],
  ])('rejects %s without a data count section: data count section required', (_label, code) => {
    const { bytes, codeStart } = singleFunc({ code: [...code, OP.end], before: [mem], after: [data1] });
    expectMalformed(bytes, { detail: /data count section required/, offsetIn: [codeStart, bytes.length] });
  });

  it.each([
    ['memory.init', [OP.i32_const, 0, OP.i32_const, 0, OP.i32_const, 0, 0xfc, 0x08, 0x00, 0x00]],
    ['data.drop', [0xfc, 0x09, 0x00]],
  ])('accepts %s with a data count section', (_label, code) => {
    const { bytes } = singleFunc({ code: [...code, OP.end], before: [mem, section(SEC.datacount, u32(1))], after: [data1] });
    expectValid(bytes);
  });

  it('rejects a data segment index past the data count (invalid: unknown data segment)', () => {
    const { bytes } = singleFunc({ code: [0xfc, 0x09, 0x01, OP.end], before: [mem, section(SEC.datacount, u32(1))], after: [data1] });
    expectInvalid(bytes, { detail: /unknown data segment/, funcIndex: 0 });
  });

  it.each([
    ['data flag 3', [0x03, OP.i32_const, 0, OP.end, ...name('a')]],
    ['data flag 4', [0x04, OP.i32_const, 0, OP.end, ...name('a')]],
    ['data flag 5 (passive plus an unknown bit)', [0x05, ...name('a')]],
    ['data flag 0x80 (LEB 0x80 0x01 = 128)', [0x80, 0x01, ...name('a')]],
  ])('rejects %s', (_label, seg) => {
    expectMalformed(module(mem, section(SEC.data, vec([seg]))));
  });

  it('rejects a data segment whose bytes run past the section', () => {
    expectMalformed(module(mem, section(SEC.data, vec([[0x01, 0x05, 0x61]]))), {
      detail: /unexpected end|length out of bounds/,
    });
  });
});

describe('globals and constant expressions', () => {
  const global = (type: number, mut: number, init: Bytes) => section(SEC.global, vec([[type, mut, ...init]]));

  it('accepts each constant instruction', () => {
    const bytes = module(
      voidType,
      section(SEC.import, vec([importEntry('m', 'g', [0x03, T.i32, 0x00])])),
      functionSection(0),
      section(
        SEC.global,
        vec([
          [T.i32, 0x00, OP.i32_const, ...s32(-5), OP.end],
          [T.i64, 0x01, OP.i64_const, 0x7f, OP.end],
          [T.f32, 0x00, OP.f32_const, 0, 0, 0x80, 0x3f, OP.end],
          [T.f64, 0x00, OP.f64_const, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, OP.end],
          [T.v128, 0x00, 0xfd, 0x0c, ...Array(16).fill(7), OP.end],
          [T.funcref, 0x00, OP.ref_null, T.funcref, OP.end],
          [T.externref, 0x00, OP.ref_null, T.externref, OP.end],
          [T.funcref, 0x00, OP.ref_func, 0x00, OP.end],
          [T.i32, 0x00, OP.global_get, 0x00, OP.end],
        ]),
      ),
      codeSection(emptyBody),
    );
    const m = expectValid(bytes);
    expect(m.globals).toHaveLength(9);
    expect(m.globals.map((g) => g.type.mutable)).toEqual([false, true, false, false, false, false, false, false, false]);
  });

  it('rejects a non-constant instruction in a global initializer (invalid: constant expression required)', () => {
    const init = [OP.i32_const, 1, OP.i32_const, 2, OP.i32_add, OP.end];
    // global section: id, size, count, type, mutability, then the init expression
    expectInvalid(module(global(T.i32, 0, init)), { detail: /constant expression required/, offset: H + 5 + 4 });
  });

  it('rejects nop in a constant expression (invalid)', () => {
    expectInvalid(module(global(T.i32, 0, [OP.nop, OP.i32_const, 1, OP.end])), { detail: /constant expression required/ });
  });

  it('rejects global.get of a module-defined global in a constant expression (invalid)', () => {
    const bytes = module(
      section(
        SEC.global,
        vec([
          [T.i32, 0x00, OP.i32_const, 0, OP.end],
          [T.i32, 0x00, OP.global_get, 0x00, OP.end],
        ]),
      ),
    );
    expectInvalid(bytes, { detail: /unknown global/ });
  });

  it('rejects global.get of a mutable imported global in a constant expression (invalid)', () => {
    const bytes = module(
      section(SEC.import, vec([importEntry('m', 'g', [0x03, T.i32, 0x01])])),
      global(T.i32, 0, [OP.global_get, 0x00, OP.end]),
    );
    expectInvalid(bytes, { detail: /constant expression required/ });
  });

  it('rejects an initializer of the wrong type (invalid: type mismatch)', () => {
    expectInvalid(module(global(T.i64, 0, [OP.i32_const, 0, OP.end])), { detail: /type mismatch/ });
  });

  it('rejects an empty initializer (invalid: type mismatch)', () => {
    expectInvalid(module(global(T.i32, 0, [OP.end])), { detail: /type mismatch/ });
  });

  it('rejects an initializer with two values (invalid: type mismatch)', () => {
    expectInvalid(module(global(T.i32, 0, [OP.i32_const, 0, OP.i32_const, 0, OP.end])), { detail: /type mismatch/ });
  });

  it('rejects a non-constant data offset (invalid)', () => {
    const bytes = module(
      memorySection(limits(1)),
      section(SEC.data, vec([[0x00, OP.i32_const, 1, OP.i32_eqz, OP.end, ...name('a')]])),
    );
    expectInvalid(bytes, { detail: /constant expression required/ });
  });

  it('rejects a malformed mutability byte', () => {
    expectMalformed(module(global(T.i32, 0x02, [OP.i32_const, 0, OP.end])), { detail: /malformed mutability/, offset: H + 4 });
  });

  it('rejects an initializer without end', () => {
    expectMalformed(module(global(T.i32, 0, [OP.i32_const, 0])), { detail: /unexpected end|END opcode expected/ });
  });
});

describe('start function', () => {
  it('records the start function', () => {
    const bytes = module(voidType, functionSection(0, 0), section(SEC.start, u32(1)), codeSection(emptyBody, emptyBody));
    expect(expectValid(bytes).start).toBe(1);
  });

  it('rejects an unknown start function (invalid)', () => {
    const head = [...voidType, ...functionSection(0)];
    const bytes = module(head, section(SEC.start, u32(1)), codeSection(emptyBody));
    expectInvalid(bytes, { detail: /unknown function/, offsetIn: [H + head.length, H + head.length + 2] });
  });

  it('rejects a start function with parameters or results (invalid: start function)', () => {
    const bytes = module(
      typeSection(functype([T.i32], [])),
      functionSection(0),
      section(SEC.start, u32(0)),
      codeSection(body([], [OP.end])),
    );
    expectInvalid(bytes, { detail: /start function/ });
    const bytes2 = module(
      typeSection(functype([], [T.i32])),
      functionSection(0),
      section(SEC.start, u32(0)),
      codeSection(body([], [OP.i32_const, 0, OP.end])),
    );
    expectInvalid(bytes2, { detail: /start function/ });
  });
});

describe('name section', () => {
  const nameSub = (id: number, content: Bytes) => [id, ...u32(content.length), ...content];
  const nameMap = (entries: Array<[number, string]>) => vec(entries.map(([i, n]) => [...u32(i), ...name(n)]));
  const threeFuncs = [
    typeSection(functype([T.i32, T.i32], [])),
    functionSection(0, 0, 0),
    codeSection(body([[1, T.f32]], [OP.end]), body([], [OP.end]), body([], [OP.end])),
  ];

  it('parses function names and local names', () => {
    const names = custom('name', [
      ...nameSub(0, name('mod')),
      ...nameSub(1, nameMap([
        [0, 'first'],
        [2, '\u00fcber'],
      ])),
      ...nameSub(2, vec([
        [...u32(0), ...nameMap([
          [0, 'a'],
          [2, 'tmp'],
        ])],
        [...u32(2), ...nameMap([[1, 'b']])],
      ])),
    ]);
    const m = expectValid(module(...threeFuncs, names));
    expect(m.names?.functions.get(0)).toBe('first');
    expect(m.names?.functions.get(1)).toBeUndefined();
    expect(m.names?.functions.get(2)).toBe('\u00fcber');
    expect(m.names?.locals.get(0)?.get(0)).toBe('a');
    expect(m.names?.locals.get(0)?.get(2)).toBe('tmp');
    expect(m.names?.locals.get(2)?.get(1)).toBe('b');
    expect(m.names?.locals.get(1)).toBeUndefined();
  });

  it('reads names produced by wabt', async () => {
    const bytes = await wat('(module (func $alpha (param $x i32) (local $y f64)) (func $beta))', { names: true });
    const m = expectValid(bytes);
    expect(m.names?.functions.get(0)).toBe('alpha');
    expect(m.names?.functions.get(1)).toBe('beta');
    expect(m.names?.locals.get(0)?.get(0)).toBe('x');
    expect(m.names?.locals.get(0)?.get(1)).toBe('y');
  });

  it.each<[string, Bytes]>([
    ['a truncated subsection', [0x01, 0x10, 0x01, 0x00]],
    ['a subsection size past the section', [0x01, 0x7f]],
    ['a function name with invalid UTF-8', nameSub(1, vec([[0x00, 0x01, 0xff]]))],
    ['a name count far too large', nameSub(1, [0xff, 0xff, 0xff, 0xff, 0x0f])],
    ['garbage', [0xff, 0xff, 0xff]],
  ])('a broken name section (%s) does not make the module fail', (_label, payload) => {
    const m = expectValid(module(...threeFuncs, custom('name', payload)));
    expect(m.functions).toHaveLength(3);
    expect(m.customSections.some((c) => c.name === 'name')).toBe(true);
  });

  it('keeps what could be read before a damaged subsection', () => {
    const names = custom('name', [
      ...nameSub(0, name('mod')),
      ...nameSub(1, nameMap([[1, 'second']])),
      0x02, 0x7f, 0x01, // local names claiming 127 bytes, with one present
    ]);
    const m = expectValid(module(...threeFuncs, names));
    expect(m.names?.module).toBe('mod');
    expect(m.names?.functions.get(1)).toBe('second');
  });

  it('names imported functions in the function index space', () => {
    const bytes = module(
      typeSection(functype([T.i32, T.i32], [])),
      section(SEC.import, vec([importEntry('m', 'f', [0x00, 0x00])])),
      functionSection(0),
      codeSection(emptyBody),
      custom('name', nameSub(1, nameMap([
        [0, 'imported'],
        [1, 'defined'],
      ]))),
    );
    const m = expectValid(bytes);
    expect(m.names?.functions.get(0)).toBe('imported');
    expect(m.names?.functions.get(1)).toBe('defined');
  });

  it('names are absent or empty without a name section', () => {
    const m = expectValid(module(...threeFuncs));
    expect(m.names?.functions.size ?? 0).toBe(0);
  });
});

describe('decoder robustness', () => {
  it('decodeModule does not validate', () => {
    // a type mismatch decodes fine
    const { bytes } = singleFunc({ results: [T.i32], code: [OP.f32_const, 0, 0, 0, 0, OP.end] });
    expect(() => decodeModule(bytes)).not.toThrow();
    expectInvalid(bytes, { detail: /type mismatch/, funcIndex: 0 });
  });

  it('does not depend on the byteOffset of a subarray', () => {
    const inner = module(voidType, functionSection(0), codeSection(emptyBody));
    const outer = new Uint8Array(inner.length + 7);
    outer.set(inner, 7);
    const m = expectDecodes(outer.subarray(7));
    expect(m.functions).toHaveLength(1);
  });
});
