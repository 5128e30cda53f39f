// Memory instructions: loads and stores with their alignments and offsets, memory.size
// and memory.grow, bulk memory operations, and data segments (active and passive).
import {
  body,
  codeSection,
  functionSection,
  functype,
  limits,
  memorySection,
  module,
  name,
  OP,
  section,
  SEC,
  typeSection,
  u32,
  vec,
} from './bytes';
import { disasm } from './disasm';
import { expectInvalid, expectInvalidFunc, expectValid } from './expect';
import { wat, watUnchecked } from './wat';

const PRE = '(import "m" "f" (func)) (func)';
const BAD = 2;

interface MemOp {
  name: string;
  /** log2 of the natural alignment */
  natural: number;
  /** the value type loaded or stored */
  type: 'i32' | 'i64' | 'f32' | 'f64';
  store: boolean;
}

const MEM_OPS: MemOp[] = [
  ['i32.load', 2, 'i32'],
  ['i64.load', 3, 'i64'],
  ['f32.load', 2, 'f32'],
  ['f64.load', 3, 'f64'],
  ['i32.load8_s', 0, 'i32'],
  ['i32.load8_u', 0, 'i32'],
  ['i32.load16_s', 1, 'i32'],
  ['i32.load16_u', 1, 'i32'],
  ['i64.load8_s', 0, 'i64'],
  ['i64.load8_u', 0, 'i64'],
  ['i64.load16_s', 1, 'i64'],
  ['i64.load16_u', 1, 'i64'],
  ['i64.load32_s', 2, 'i64'],
  ['i64.load32_u', 2, 'i64'],
  ['i32.store', 2, 'i32'],
  ['i64.store', 3, 'i64'],
  ['f32.store', 2, 'f32'],
  ['f64.store', 3, 'f64'],
  ['i32.store8', 0, 'i32'],
  ['i32.store16', 1, 'i32'],
  ['i64.store8', 0, 'i64'],
  ['i64.store16', 1, 'i64'],
  ['i64.store32', 2, 'i64'],
].map(([n, a, t]) => ({ name: n as string, natural: a as number, type: t as MemOp['type'], store: (n as string).includes('store') }));

/** A function using `op` with the given memarg text; loads return their value. */
function memFunc(op: MemOp, memarg: string, addrType = 'i32', valueType: string = op.type): string {
  return op.store
    ? `(func (param ${addrType} ${valueType}) local.get 0 local.get 1 ${op.name} ${memarg})`
    : `(func (param ${addrType}) (result ${valueType}) local.get 0 ${op.name} ${memarg})`;
}

describe('loads and stores', () => {
  it('accept every alignment up to the natural one, and record align and offset', async () => {
    const funcs: string[] = [];
    const expected: string[] = [];
    for (const op of MEM_OPS) {
      for (let a = 0; a <= op.natural; a++) {
        const offset = 1000 * a + 3;
        funcs.push(memFunc(op, `offset=${offset} align=${2 ** a}`));
        expected.push(`${op.name} align=${2 ** a} offset=${offset}`);
      }
    }
    const m = expectValid(await wat(`(module (memory 1) ${funcs.join('\n')})`));
    expect(m.codes).toHaveLength(expected.length);
    expected.forEach((text, i) => {
      expect(disasm(m, i)).toContain(text);
    });
  });

  it('accept the largest offset', async () => {
    const m = expectValid(await wat('(module (memory 1) (func (result i32) i32.const 0 i32.load offset=4294967295))'));
    expect(disasm(m, 0)[1]).toBe('i32.load align=4 offset=4294967295');
  });

  it.each(MEM_OPS.map((o) => [o.name, o] as const))('%s rejects an alignment above the natural one', async (_n, op) => {
    const bytes = await watUnchecked(`(module ${PRE} (memory 1) ${memFunc(op, `align=${2 ** (op.natural + 1)}`)})`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op.name, detail: /alignment must not be larger than natural/ });
  });

  it.each([
    ['32', 32],
    ['64 (the multi-memory flag bit, not in Wasm 2.0)', 64],
    ['2^32 - 1', 0xffffffff],
  ])('rejects an alignment exponent of %s', (_label, exp) => {
    const bytes = module(
      typeSection(functype([], [])),
      functionSection(0),
      memorySection(limits(1)),
      codeSection(body([], [OP.i32_const, 0, OP.i32_load, ...u32(exp), 0x00, OP.drop, OP.end])),
    );
    expectInvalidFunc(bytes, { funcIndex: 0, at: 'i32.load', detail: /alignment must not be larger than natural/ });
  });

  it.each(MEM_OPS.map((o) => [o.name, o] as const))('%s needs a memory', async (_n, op) => {
    const bytes = await watUnchecked(`(module ${PRE} ${memFunc(op, '')})`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op.name, detail: /unknown memory/ });
  });

  it.each(MEM_OPS.map((o) => [o.name, o] as const))('%s rejects an i64 address', async (_n, op) => {
    const bytes = await watUnchecked(`(module ${PRE} (memory 1) ${memFunc(op, '', 'i64')})`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op.name, detail: /type mismatch/ });
  });

  it.each(MEM_OPS.map((o) => [o.name, o] as const))('%s rejects a value of the wrong type', async (_n, op) => {
    const wrong = op.type === 'i32' ? 'i64' : 'i32';
    const bytes = await watUnchecked(`(module ${PRE} (memory 1) ${memFunc(op, '', 'i32', wrong)})`);
    // stores see the wrong operand; loads produce a result that does not match the function's
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op.store ? op.name : 'end', detail: /type mismatch/ });
  });

  it('accept an imported memory', async () => {
    const m = expectValid(await wat('(module (import "env" "mem" (memory 1 2)) (func (result i32) i32.const 0 i32.load))'));
    expect(m.importedMemoryCount).toBe(1);
    expect(m.memories).toHaveLength(0);
    expect(m.imports[0].desc).toEqual({ kind: 'memory', type: { limits: { min: 1, max: 2 } } });
  });
});

describe('memory.size and memory.grow', () => {
  it('have types [] -> [i32] and [i32] -> [i32]', async () => {
    const m = expectValid(await wat('(module (memory 1 10) (func (result i32) memory.size memory.grow))'));
    expect(disasm(m, 0)).toEqual(['memory.size', 'memory.grow', 'end']);
    expect(m.memories[0].type.limits).toEqual({ min: 1, max: 10 });
  });

  it('memory.grow rejects an i64 operand', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (memory 1) (func (result i32) i64.const 1 memory.grow))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'memory.grow', detail: /type mismatch/ });
  });

  it('memory.size does not produce an i64', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (memory 1) (func (result i64) memory.size))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it.each([
    ['memory.size', 'memory.size drop'],
    ['memory.grow', 'i32.const 1 memory.grow drop'],
  ])('%s needs a memory', async (op, code) => {
    const bytes = await watUnchecked(`(module ${PRE} (func ${code}))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op, detail: /unknown memory/ });
  });
});

describe('bulk memory', () => {
  const mem = '(memory 1) (data $p "passive") (data (i32.const 0) "active")';

  it('accepts memory.init, data.drop, memory.copy and memory.fill', async () => {
    const m = expectValid(
      await wat(`(module ${mem} (func
        (memory.init $p (i32.const 0) (i32.const 1) (i32.const 2))
        (data.drop 1)
        (memory.copy (i32.const 0) (i32.const 10) (i32.const 3))
        (memory.fill (i32.const 0) (i32.const 255) (i32.const 3))))`),
    );
    const ops = disasm(m, 0).filter((s) => !s.startsWith('i32.const'));
    expect(ops).toEqual(['memory.init 0', 'data.drop 1', 'memory.copy', 'memory.fill', 'end']);
    expect(m.dataCount).toBe(2);
  });

  it.each([
    ['memory.init', '(memory.init 0 (i32.const 0) (i32.const 0) (i64.const 0))'],
    ['memory.copy', '(memory.copy (i32.const 0) (f32.const 0) (i32.const 0))'],
    ['memory.fill', '(memory.fill (i64.const 0) (i32.const 0) (i32.const 0))'],
  ])('%s rejects an operand of the wrong type', async (op, code) => {
    const bytes = await watUnchecked(`(module ${PRE} ${mem} (func ${code}))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op, detail: /type mismatch/ });
  });

  it.each([
    ['memory.init', '(memory.init 2 (i32.const 0) (i32.const 0) (i32.const 0))'],
    ['data.drop', '(data.drop 2)'],
  ])('%s rejects an unknown data segment', async (op, code) => {
    const bytes = await watUnchecked(`(module ${PRE} ${mem} (func ${code}))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op, detail: /unknown data segment/ });
  });

  it.each([
    ['memory.copy', '(memory.copy (i32.const 0) (i32.const 0) (i32.const 0))'],
    ['memory.fill', '(memory.fill (i32.const 0) (i32.const 0) (i32.const 0))'],
    ['memory.init', '(memory.init 0 (i32.const 0) (i32.const 0) (i32.const 0))'],
  ])('%s needs a memory', async (op, code) => {
    const bytes = await watUnchecked(`(module ${PRE} (data "x") (func ${code}))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op, detail: /unknown memory/ });
  });

  it('a data count of 0 leaves no data segment to name', () => {
    const bytes = module(
      typeSection(functype([], [])),
      functionSection(0),
      section(SEC.datacount, u32(0)),
      codeSection(body([], [OP.prefix_fc, 0x09, 0x00, OP.end])),
    );
    expectInvalidFunc(bytes, { funcIndex: 0, at: 'data.drop', detail: /unknown data segment/ });
  });

  it('data.drop does not need a memory', async () => {
    expectValid(await wat('(module (data "x") (func (data.drop 0)))'));
  });
});

describe('data segments', () => {
  it('decodes active and passive segments with their bytes and offsets', async () => {
    const m = expectValid(
      await wat(`(module (import "m" "base" (global i32)) (memory 1)
        (data (i32.const 16) "abc")
        (data "\\00\\ff")
        (data (global.get 0) "")
        (data (memory 0) (offset (i32.const 7)) "z"))`),
    );
    expect(m.datas.map((d) => [d.mode, d.memory, Array.from(d.init)])).toEqual([
      ['active', 0, [0x61, 0x62, 0x63]],
      ['passive', 0, [0x00, 0xff]],
      ['active', 0, []],
      ['active', 0, [0x7a]],
    ]);
    expect(m.datas[0].offsetExpr?.instrs).toEqual([expect.objectContaining({ op: 'i32.const', value: 16 })]);
    expect(m.datas[1].offsetExpr).toBeUndefined();
    expect(m.datas[2].offsetExpr?.instrs).toEqual([expect.objectContaining({ op: 'global.get', index: 0 })]);
    for (const d of m.datas) {
      expect(Array.from(m.bytes.subarray(d.initOffset, d.initOffset + d.init.length))).toEqual(Array.from(d.init));
    }
  });

  it('decodes each binary form (flags 0, 1, 2)', () => {
    const bytes = module(
      memorySection(limits(1)),
      section(
        SEC.data,
        vec([
          [0x00, OP.i32_const, 4, OP.end, ...name('a')],
          [0x01, ...name('bc')],
          [0x02, 0x00, OP.i32_const, 8, OP.end, ...name('d')],
        ]),
      ),
    );
    const m = expectValid(bytes);
    expect(m.datas.map((d) => [d.mode, d.memory, d.init.length])).toEqual([
      ['active', 0, 1],
      ['passive', 0, 2],
      ['active', 0, 1],
    ]);
  });

  it('rejects an active segment without a memory (invalid: unknown memory)', async () => {
    expectInvalid(await watUnchecked('(module (data (i32.const 0) "x"))'), { detail: /unknown memory/ });
  });

  it('rejects an active segment for memory 1 (invalid: unknown memory)', () => {
    const bytes = module(memorySection(limits(1)), section(SEC.data, vec([[0x02, 0x01, OP.i32_const, 0, OP.end, ...name('x')]])));
    expectInvalid(bytes, { detail: /unknown memory/ });
  });

  it('rejects an i64 offset (invalid: type mismatch)', async () => {
    expectInvalid(await watUnchecked('(module (memory 1) (data (i64.const 0) "x"))'), { detail: /type mismatch/ });
  });

  it('rejects an offset from a mutable global (invalid)', async () => {
    const bytes = await watUnchecked('(module (import "m" "g" (global (mut i32))) (memory 1) (data (global.get 0) "x"))');
    expectInvalid(bytes, { detail: /constant expression required/ });
  });

  it('accepts a passive segment without a memory', async () => {
    expect(expectValid(await wat('(module (data "x"))')).datas[0].mode).toBe('passive');
  });

  it('points the offset of a segment error at the segment', () => {
    const seg = [0x00, OP.i64_const, 0, OP.end, ...name('x')];
    const head = [...memorySection(limits(1))];
    const bytes = module(head, section(SEC.data, vec([seg])));
    // header 8 + memory section, then data id, size, count
    const segStart = 8 + head.length + 3;
    expectInvalid(bytes, { detail: /type mismatch/, offsetIn: [segStart, segStart + seg.length] });
  });

  it('reads data segments whose bytes are large', () => {
    const payload = new Array(300).fill(0x5a);
    const m = expectValid(module(memorySection(limits(1)), section(SEC.data, vec([[0x01, ...u32(300), ...payload]]))));
    expect(m.datas[0].init.length).toBe(300);
  });
});
