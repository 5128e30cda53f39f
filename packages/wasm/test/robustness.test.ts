// Large and adversarial shapes: deep nesting, long bodies, huge declared counts that the
// input cannot back, and very many locals. None of these may overflow the JS stack,
// allocate per declared (rather than present) item, or take long.
import {
  body,
  cat,
  repeat,
  codeSection,
  functionSection,
  functype,
  module,
  OP,
  section,
  SEC,
  T,
  typeSection,
  u32,
  vec,
  type Bytes,
} from './bytes';
import { expectInvalidFunc, expectMalformed, expectValid } from './expect';

const voidType = typeSection(functype([], []));
const oneFunc = (code: Bytes, locals: Array<[number, number]> = [], type = voidType) =>
  module(type, functionSection(0), codeSection(body(locals, cat(code, [OP.end]))));


describe('deep and long bodies', () => {
  it('validates 100000 nested blocks', () => {
    const n = 100_000;
    const code = cat(repeat([OP.block, 0x40], n), repeat([OP.end], n));
    expectValid(oneFunc(code));
  });

  it('validates 50000 nested ifs with results', () => {
    const n = 50_000;
    const open = repeat([OP.i32_const, 1, OP.if, T.i32], n);
    const close = repeat([OP.else, OP.i32_const, 2, OP.end], n);
    const bytes = oneFunc(cat(open, [OP.i32_const, 3], close), [], typeSection(functype([], [T.i32])));
    expectValid(bytes);
  });

  it('reports a type error at the bottom of 50000 nested blocks', () => {
    const n = 50_000;
    const code = cat(repeat([OP.block, 0x40], n), [OP.i32_const, 0], repeat([OP.end], n));
    expectInvalidFunc(oneFunc(code), { funcIndex: 0, at: 'end', detail: /type mismatch/ });
  });

  it('validates an operand stack 100000 values deep', () => {
    const n = 100_000;
    const code = cat(repeat([OP.i32_const, 7], n), repeat([OP.drop], n));
    expectValid(oneFunc(code));
  });

  it('validates a body of a million instructions', () => {
    const code = repeat([OP.nop], 1_000_000);
    expectValid(oneFunc(code));
  });

  it('validates a br_table with 100000 targets', () => {
    const n = 100_000;
    const code = cat([OP.block, 0x40, OP.i32_const, 0, OP.br_table], u32(n), repeat([0], n), [0, OP.end]);
    expectValid(oneFunc(code));
  });

  it('validates 20000 functions', () => {
    const n = 20_000;
    const bytes = module(voidType, functionSection(...new Array(n).fill(0)), codeSection(...new Array(n).fill(body([], [OP.end]))));
    const m = expectValid(bytes);
    expect(m.codes).toHaveLength(n);
  });
});

describe('declared counts the input cannot back', () => {
  const huge = u32(0xffffffff);

  it.each<[string, Bytes]>([
    ['types', section(SEC.type, [...huge])],
    ['imports', section(SEC.import, [...huge])],
    ['functions', section(SEC.function, [...huge])],
    ['tables', section(SEC.table, [...huge])],
    ['memories', section(SEC.memory, [...huge])],
    ['globals', section(SEC.global, [...huge])],
    ['exports', section(SEC.export, [...huge])],
    ['elements', section(SEC.element, [...huge])],
    ['data segments', section(SEC.data, [...huge])],
    ['code bodies', section(SEC.code, [...huge])],
    ['function type parameters', section(SEC.type, [0x01, T.func, ...huge])],
    ['element function indices', section(SEC.element, [0x01, 0x01, 0x00, ...huge])],
  ])('rejects a vector of 2^32-1 %s without reading past the input', (_label, sec) => {
    expectMalformed(module(sec), { detail: /unexpected end|length out of bounds/ });
  });

  it('rejects a name length of 2^32-1 without reading past the input', () => {
    expectMalformed(module(section(SEC.custom, [...huge, 0x61])), { detail: /unexpected end|length out of bounds/ });
  });

  it('rejects a br_table of 2^32-1 targets without reading past the input', () => {
    const bytes = module(voidType, functionSection(0), codeSection(body([], [OP.block, 0x40, OP.i32_const, 0, OP.br_table, ...huge, 0, 0])));
    expectMalformed(bytes);
  });

  it('rejects a typed select of 2^32-1 types without reading past the input', () => {
    const bytes = module(voidType, functionSection(0), codeSection(body([], [OP.select_t, ...huge, T.i32, OP.end])));
    expectMalformed(bytes);
  });
});

describe('many locals', () => {
  it('accepts 2^32 - 1 declared locals without materialising them', () => {
    // no parameters: the largest local index is 2^32 - 2
    const code = [OP.local_get, ...u32(0xfffffffe), OP.drop, OP.local_get, ...u32(0), OP.drop];
    const bytes = oneFunc(code, [
      [0x7fffffff, T.i32],
      [0x80000000, T.f64],
    ]);
    const m = expectValid(bytes);
    expect(m.codes[0].localCount).toBe(0xffffffff);
  });

  it('types a local in the middle of huge runs', () => {
    const code = [OP.local_get, ...u32(0x7fffffff), OP.i32_eqz, OP.drop];
    const bytes = oneFunc(code, [
      [0x7fffffff, T.i32],
      [0x80000000, T.f64],
    ]);
    // local 0x7fffffff is the first f64
    expectInvalidFunc(bytes, { funcIndex: 0, at: 'i32.eqz', detail: /type mismatch/ });
  });

  it('rejects local.get past 2^32 - 1 declared locals', () => {
    const bytes = oneFunc([OP.local_get, ...u32(0xffffffff), OP.drop], [[0xffffffff, T.i32]]);
    expectInvalidFunc(bytes, { funcIndex: 0, at: 'local.get', detail: /unknown local/ });
  });

  it('rejects many small runs adding up to 2^32 (too many locals)', () => {
    const runs: Array<[number, number]> = new Array(16).fill([0x10000000, T.i32]);
    expectMalformed(oneFunc([], runs), { detail: /too many locals/ });
  });
});

describe('vectors with many entries', () => {
  it('decodes a type section with 10000 distinct types', () => {
    const types = Array.from({ length: 10_000 }, (_, i) => functype(Array.from({ length: i % 7 }, () => T.i64), [T.i32]));
    const m = expectValid(module(section(SEC.type, vec(types))));
    expect(m.types).toHaveLength(10_000);
    expect(m.types[13].params).toHaveLength(6);
  });
});
