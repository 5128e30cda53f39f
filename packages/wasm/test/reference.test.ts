// Reference types: ref.null / ref.is_null / ref.func and its declaration rule, table
// instructions, and element segments of every binary form.
import {
  body,
  codeSection,
  functionSection,
  functype,
  limits,
  module,
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
import { disasm } from './disasm';
import { expectInvalid, expectInvalidFunc, expectMalformed, expectValid } from './expect';
import { wat, watUnchecked } from './wat';

const BAD = 2;
async function bad(funcText: string, prelude = ''): Promise<Uint8Array> {
  return watUnchecked(`(module (import "m" "f" (func)) ${prelude} (func) ${funcText})`);
}

describe('reference instructions', () => {
  it('decode ref.null, ref.is_null and ref.func', async () => {
    const m = expectValid(
      await wat(`(module (elem declare func 0) (func (result i32)
        ref.null func ref.is_null drop
        ref.null extern ref.is_null drop
        ref.func 0 ref.is_null))`),
    );
    expect(disasm(m, 0)).toEqual([
      'ref.null func',
      'ref.is_null',
      'drop',
      'ref.null extern',
      'ref.is_null',
      'drop',
      'ref.func 0',
      'ref.is_null',
      'end',
    ]);
  });

  it('rejects ref.is_null on a number', async () => {
    const bytes = await bad('(func (result i32) i32.const 0 ref.is_null)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'ref.is_null', detail: /type mismatch/ });
  });

  it('rejects ref.is_null with no operand', async () => {
    const bytes = await bad('(func (result i32) ref.is_null)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'ref.is_null', detail: /type mismatch/ });
  });

  it('accepts ref.is_null on an unknown operand in unreachable code', async () => {
    expectValid(await wat('(module (func (result i32) unreachable ref.is_null))'));
  });

  it('rejects a funcref where an externref is expected', async () => {
    const bytes = await bad('(func (result externref) ref.null func)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it.each([
    ['i32', T.i32],
    ['v128', T.v128],
    ['0x6b (a heap type of later proposals)', 0x6b],
    ['0x40 (empty block type)', 0x40],
  ])('rejects ref.null with the non-reference type %s', (_label, type) => {
    const bytes = module(
      typeSection(functype([], [])),
      functionSection(0),
      codeSection(body([], [OP.ref_null, type, OP.drop, OP.end])),
    );
    expectMalformed(bytes, { detail: /malformed reference type/ });
  });

  it('rejects ref.func of an unknown function', async () => {
    const bytes = await bad('(func (result funcref) ref.func 9)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'ref.func', detail: /unknown function/ });
  });
});

describe('ref.func declaration rule', () => {
  it.each([
    ['a declarative segment', '(elem declare func $t)'],
    ['a passive segment', '(elem func $t)'],
    ['an active segment', '(table 1 funcref) (elem (i32.const 0) $t)'],
    ['an expression segment', '(elem funcref (ref.func $t))'],
    ['an export', '(export "t" (func $t))'],
    ['a global initializer', '(global funcref (ref.func $t))'],
  ])('accepts a function declared by %s', async (_label, decl) => {
    expectValid(await wat(`(module (func $t) ${decl} (func (result funcref) ref.func $t))`));
  });

  it('accepts an imported function declared by an export', async () => {
    expectValid(await wat('(module (import "m" "f" (func $i)) (export "i" (func $i)) (func (result funcref) ref.func $i))'));
  });

  it.each([
    ['nothing', ''],
    ['a call', '(func call $t)'],
    ['the start section', '(start $t)'],
    ['a declaration of another function', '(elem declare func $other)'],
    ['an element segment of another table', '(table 1 funcref) (elem (i32.const 0) $other)'],
  ])('rejects a function referenced only by %s: undeclared function reference', async (_label, decl) => {
    const bytes = await watUnchecked(`(module (import "m" "f" (func)) (func $t) (func $other) ${decl} (func (result funcref) ref.func $t))`);
    const funcIndex = decl.startsWith('(func') ? 4 : 3;
    expectInvalidFunc(bytes, { funcIndex, at: 'ref.func', detail: /undeclared function reference/ });
  });
});

describe('table instructions', () => {
  const tables = '(table $f 2 funcref) (table $e 3 10 externref) (elem $seg funcref (ref.null func)) (elem $eseg externref (ref.null extern))';

  it('decode with their table and segment immediates', async () => {
    const m = expectValid(
      await wat(`(module ${tables}
        (func (param externref)
          (table.set $e (i32.const 0) (local.get 0))
          (drop (table.get $f (i32.const 1)))
          (drop (table.size $e))
          (drop (table.grow $e (ref.null extern) (i32.const 1)))
          (table.fill $f (i32.const 0) (ref.null func) (i32.const 2))
          (table.copy $e $e (i32.const 0) (i32.const 1) (i32.const 1))
          (table.init $e $eseg (i32.const 0) (i32.const 0) (i32.const 1))
          (table.init $f $seg (i32.const 0) (i32.const 0) (i32.const 1))
          (elem.drop $eseg)))`),
    );
    const ops = disasm(m, 0).filter((s) => !/^(i32.const|local.get|ref.null|drop)/.test(s));
    expect(ops).toEqual([
      'table.set 1',
      'table.get 0',
      'table.size 1',
      'table.grow 1',
      'table.fill 0',
      'table.copy 1 1',
      'table.init 1 1', // elem, table (binary order)
      'table.init 0 0',
      'elem.drop 1',
      'end',
    ]);
    expect(m.tables.map((t) => t.type)).toEqual([
      { elemType: 'funcref', limits: { min: 2 } },
      { elemType: 'externref', limits: { min: 3, max: 10 } },
    ]);
  });

  it.each([
    ['table.get', '(drop (table.get 5 (i32.const 0)))'],
    ['table.set', '(table.set 5 (i32.const 0) (ref.null func))'],
    ['table.size', '(drop (table.size 5))'],
    ['table.grow', '(drop (table.grow 5 (ref.null func) (i32.const 0)))'],
    ['table.fill', '(table.fill 5 (i32.const 0) (ref.null func) (i32.const 0))'],
    ['table.copy', '(table.copy 5 0 (i32.const 0) (i32.const 0) (i32.const 0))'],
    ['table.init', '(table.init 5 0 (i32.const 0) (i32.const 0) (i32.const 0))'],
  ])('%s rejects an unknown table', async (op, code) => {
    const bytes = await bad(`(func ${code})`, tables);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op, detail: /unknown table/ });
  });

  it.each([
    ['table.init', '(table.init 0 7 (i32.const 0) (i32.const 0) (i32.const 0))'],
    ['elem.drop', '(elem.drop 7)'],
  ])('%s rejects an unknown element segment', async (op, code) => {
    const bytes = await bad(`(func ${code})`, tables);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op, detail: /unknown elem segment/ });
  });

  it.each([
    ['table.set of an externref into a funcref table', 'table.set', '(func (param externref) (table.set 0 (i32.const 0) (local.get 0)))'],
    ['table.get used as the other reference type', 'end', '(func (result externref) (table.get 0 (i32.const 0)))'],
    ['table.get with an i64 index', 'table.get', '(func (result funcref) (table.get 0 (i64.const 0)))'],
    ['table.grow with the wrong init value', 'table.grow', '(func (result i32) (table.grow 1 (ref.null func) (i32.const 1)))'],
    ['table.fill with the wrong value', 'table.fill', '(func (table.fill 1 (i32.const 0) (ref.null func) (i32.const 1)))'],
    ['table.size used as i64', 'end', '(func (result i64) (table.size 0))'],
    ['table.copy between funcref and externref tables', 'table.copy', '(func (table.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0)))'],
    ['table.init of an externref segment into a funcref table', 'table.init', '(func (table.init 0 1 (i32.const 0) (i32.const 0) (i32.const 0)))'],
    ['table.init with an f32 operand', 'table.init', '(func (table.init 0 0 (i32.const 0) (f32.const 0) (i32.const 0)))'],
  ])('rejects %s', async (_label, at, fn) => {
    const bytes = await bad(fn, tables);
    expectInvalidFunc(bytes, { funcIndex: BAD, at, detail: /type mismatch/ });
  });
});

describe('element segments', () => {
  const expr = (...code: Bytes) => [...code, OP.end];
  const offset0 = expr(OP.i32_const, 0);
  const funcs = vec([u32(0), u32(1)]);
  const refFuncs = vec([expr(OP.ref_func, 0), expr(OP.ref_null, T.funcref)]);
  /** One segment per binary form 0..7. */
  const forms: Bytes[] = [
    [0x00, ...offset0, ...funcs],
    [0x01, 0x00, ...funcs],
    [0x02, ...u32(1), ...offset0, 0x00, ...funcs],
    [0x03, 0x00, ...funcs],
    [0x04, ...offset0, ...refFuncs],
    [0x05, T.funcref, ...refFuncs],
    [0x06, ...u32(1), ...offset0, T.funcref, ...refFuncs],
    [0x07, T.funcref, ...refFuncs],
  ];
  const withSegments = (...segs: Bytes[]) =>
    module(
      typeSection(functype([], [])),
      functionSection(0, 0),
      tableSection([T.funcref, ...limits(4)], [T.funcref, ...limits(4)], [T.externref, ...limits(4)]),
      section(SEC.element, vec(segs)),
      codeSection(body([], [OP.end]), body([], [OP.end])),
    );

  it('decodes every binary form (flags 0 to 7)', () => {
    const m = expectValid(withSegments(...forms));
    expect(
      m.elements.map((e) => ({ mode: e.mode, type: e.type, table: e.table, count: e.count, funcs: e.funcs, exprs: e.exprs?.length })),
    ).toEqual([
      { mode: 'active', type: 'funcref', table: 0, count: 2, funcs: [0, 1], exprs: undefined },
      { mode: 'passive', type: 'funcref', table: 0, count: 2, funcs: [0, 1], exprs: undefined },
      { mode: 'active', type: 'funcref', table: 1, count: 2, funcs: [0, 1], exprs: undefined },
      { mode: 'declarative', type: 'funcref', table: 0, count: 2, funcs: [0, 1], exprs: undefined },
      { mode: 'active', type: 'funcref', table: 0, count: 2, funcs: undefined, exprs: 2 },
      { mode: 'passive', type: 'funcref', table: 0, count: 2, funcs: undefined, exprs: 2 },
      { mode: 'active', type: 'funcref', table: 1, count: 2, funcs: undefined, exprs: 2 },
      { mode: 'declarative', type: 'funcref', table: 0, count: 2, funcs: undefined, exprs: 2 },
    ]);
    for (const e of m.elements) expect(e.offsetExpr === undefined).toBe(e.mode !== 'active');
    expect(m.elements[4].exprs?.map((x) => x.instrs)).toEqual([
      [expect.objectContaining({ op: 'ref.func', index: 0 })],
      [expect.objectContaining({ op: 'ref.null', type: 'funcref' })],
    ]);
  });

  it('decodes externref segments', () => {
    const nulls = vec([expr(OP.ref_null, T.externref)]);
    const m = expectValid(withSegments([0x05, T.externref, ...nulls], [0x06, ...u32(2), ...offset0, T.externref, ...nulls]));
    expect(m.elements.map((e) => [e.mode, e.type, e.table])).toEqual([
      ['passive', 'externref', 0],
      ['active', 'externref', 2],
    ]);
  });

  it('agrees with wabt for the WAT forms', async () => {
    const m = expectValid(
      await wat(`(module (table 2 funcref) (func $a) (func $b)
        (elem (i32.const 0) $a $b)
        (elem func $b)
        (elem declare func $a)
        (elem funcref (ref.null func) (ref.func $b)))`),
    );
    expect(m.elements.map((e) => [e.mode, e.count])).toEqual([
      ['active', 2],
      ['passive', 1],
      ['declarative', 1],
      ['passive', 2],
    ]);
  });

  it.each([
    ['flag 8', [0x08, ...offset0, ...funcs]],
    ['flag 0x80 0x01 (128)', [0x80, 0x01, ...offset0, ...funcs]],
    ['elemkind 0x01 in form 1', [0x01, 0x01, ...funcs]],
    ['elemkind 0x70 in form 3', [0x03, T.funcref, ...funcs]],
    ['a non-reference type in form 5', [0x05, T.i32, ...refFuncs]],
  ])('rejects %s', (_label, seg) => {
    expectMalformed(withSegments(seg));
  });

  it.each<[string, Bytes, RegExp]>([
    ['an active segment for an unknown table', [0x02, ...u32(3), ...offset0, 0x00, ...funcs], /unknown table/],
    ['an externref segment into a funcref table', [0x06, ...u32(0), ...offset0, T.externref, ...vec([expr(OP.ref_null, T.externref)])], /type mismatch/],
    ['a funcref segment into an externref table', [0x02, ...u32(2), ...offset0, 0x00, ...funcs], /type mismatch/],
    ['an element expression of the wrong reference type', [0x05, T.funcref, ...vec([expr(OP.ref_null, T.externref)])], /type mismatch/],
    ['an element expression of a number', [0x05, T.funcref, ...vec([expr(OP.i32_const, 0)])], /type mismatch/],
    ['an element expression with two values', [0x05, T.funcref, ...vec([expr(OP.ref_func, 0, OP.ref_func, 1)])], /type mismatch/],
    ['a non-constant element expression', [0x05, T.funcref, ...vec([expr(OP.ref_func, 0, OP.ref_is_null)])], /constant expression required|type mismatch/],
    ['an i64 offset', [0x00, ...expr(OP.i64_const, 0), ...funcs], /type mismatch/],
    ['an unknown function index', [0x01, 0x00, ...vec([u32(0), u32(2)])], /unknown function/],
    ['ref.func of an unknown function', [0x07, T.funcref, ...vec([expr(OP.ref_func, 5)])], /unknown function/],
  ])('rejects %s (invalid)', (_label, seg, detail) => {
    expectInvalid(withSegments(seg), { detail });
  });

  it('accepts element segments naming imported functions and later functions', async () => {
    const m = expectValid(
      await wat(`(module (import "m" "f" (func $imp)) (table 2 funcref)
        (global funcref (ref.func $late))
        (elem (i32.const 0) $imp $late)
        (func $late))`),
    );
    expect(m.elements[0].funcs).toEqual([0, 1]);
    expect(m.globals[0].init.instrs).toEqual([expect.objectContaining({ op: 'ref.func', index: 1 })]);
  });

  it('accepts global.get of an imported funcref global as an element expression', async () => {
    expectValid(await wat('(module (import "m" "g" (global funcref)) (table 1 funcref) (elem (i32.const 0) funcref (global.get 0)))'));
  });

  it('accepts table.init and elem.drop of passive and declarative segments', async () => {
    expectValid(
      await wat(`(module (table 1 funcref) (func $f)
        (elem $p func $f) (elem $d declare func $f)
        (func
          (table.init $p (i32.const 0) (i32.const 0) (i32.const 0))
          (table.init $d (i32.const 0) (i32.const 0) (i32.const 0))
          (elem.drop $p) (elem.drop $d)))`),
    );
  });

  it('rejects an elem.drop index past the segments (invalid: unknown elem segment)', () => {
    const bytes = module(
      typeSection(functype([], [])),
      functionSection(0),
      section(SEC.element, vec([[0x01, 0x00, ...vec([u32(0)])]])),
      codeSection(body([], [OP.prefix_fc, 0x0d, 0x01, OP.end])),
    );
    expectInvalidFunc(bytes, { funcIndex: 0, at: 'elem.drop', detail: /unknown elem segment/ });
  });
});
