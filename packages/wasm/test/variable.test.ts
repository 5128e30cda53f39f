// Variable instructions: locals (params and declared locals), globals and mutability.
import { disasm } from './disasm';
import { expectInvalid, expectInvalidFunc, expectValid } from './expect';
import { wat, watUnchecked } from './wat';

const PRE = '(import "m" "f" (func)) (func)';
const BAD = 2;

describe('locals', () => {
  it('reads parameters and declared locals by index', async () => {
    const m = expectValid(
      await wat(`(module (func (param i32 f64) (result f64) (local i64 i64 f64)
        local.get 0 local.set 0
        i64.const 5 local.tee 3 local.set 2
        local.get 1 local.get 4 f64.add))`),
    );
    expect(disasm(m, 0)).toEqual([
      'local.get 0',
      'local.set 0',
      'i64.const 5',
      'local.tee 3',
      'local.set 2',
      'local.get 1',
      'local.get 4',
      'f64.add',
      'end',
    ]);
    expect(m.codes[0].locals).toEqual([
      { count: 2, type: 'i64' },
      { count: 1, type: 'f64' },
    ]);
    expect(m.codes[0].localCount).toBe(3);
  });

  it('local.tee leaves the value of the local type', async () => {
    expectValid(await wat('(module (func (result i32) (local i32) i32.const 1 local.tee 0))'));
    const bytes = await watUnchecked(`(module ${PRE} (func (result i64) (local i32) i32.const 1 local.tee 0))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it.each([
    ['local.get of a parameter index past the end', '(param i32) local.get 1 drop', 'local.get 1'],
    ['local.set of an unknown local', '(local i32) i32.const 0 local.set 1', 'local.set 1'],
    ['local.tee of an unknown local', 'i32.const 0 local.tee 0 drop', 'local.tee 0'],
  ])('rejects %s: unknown local', async (_label, fn, at) => {
    const bytes = await watUnchecked(`(module ${PRE} (func ${fn}))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at, detail: /unknown local/ });
  });

  it.each([
    ['local.set', '(local f32) i32.const 0 local.set 0'],
    ['local.tee', '(local f32) i64.const 0 local.tee 0 drop'],
  ])('rejects %s with a value of the wrong type', async (op, fn) => {
    const bytes = await watUnchecked(`(module ${PRE} (func ${fn}))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op, detail: /type mismatch/ });
  });

  it('uses the local types of the right function', async () => {
    // function 1 has an i32 local 0, function 2 an f32 local 0
    const text = `(module ${PRE}
      (func (result f32) (local f32) local.get 0)
      (func (result f32) (local i32) local.get 0))`;
    const bytes = await watUnchecked(text);
    expectInvalidFunc(bytes, { funcIndex: 3, at: 'end', detail: /type mismatch/ });
  });
});

describe('globals', () => {
  const globals = `
    (import "m" "gi" (global $gi i32))
    (import "m" "gm" (global $gm (mut i64)))
    (global $c f32 (f32.const 1))
    (global $v (mut f64) (f64.const 2))`;

  it('reads and writes globals in the global index space (imports first)', async () => {
    const m = expectValid(
      await wat(`(module ${globals}
        (func (result i32)
          global.get $gm i64.const 1 i64.add global.set $gm
          global.get $c drop
          global.get $v f64.const 1 f64.add global.set $v
          global.get $gi))`),
    );
    expect(m.importedGlobalCount).toBe(2);
    expect(m.globals.map((g) => [g.type.valType, g.type.mutable])).toEqual([
      ['f32', false],
      ['f64', true],
    ]);
    expect(disasm(m, 0)).toEqual([
      'global.get 1',
      'i64.const 1',
      'i64.add',
      'global.set 1',
      'global.get 2',
      'drop',
      'global.get 3',
      'f64.const 0x3ff0000000000000',
      'f64.add',
      'global.set 3',
      'global.get 0',
      'end',
    ]);
  });

  it.each([
    ['a defined immutable global', 'f32.const 0 global.set $c'],
    ['an imported immutable global', 'i32.const 0 global.set $gi'],
  ])('rejects global.set of %s: global is immutable', async (_label, code) => {
    const bytes = await watUnchecked(`(module ${globals} (func) (func ${code}))`);
    // one defined function before the bad one, no imported functions: index 1
    expectInvalidFunc(bytes, { funcIndex: 1, at: 'global.set', detail: /global is immutable/ });
  });

  it.each([
    ['global.get', 'global.get 4 drop'],
    ['global.set', 'i32.const 0 global.set 4'],
  ])('rejects %s of an unknown global', async (op, code) => {
    const bytes = await watUnchecked(`(module (import "m" "f" (func)) ${globals} (func) (func ${code}))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op, detail: /unknown global/ });
  });

  it('rejects global.set with a value of the wrong type', async () => {
    const bytes = await watUnchecked(`(module (import "m" "f" (func)) ${globals} (func) (func i32.const 0 global.set $v))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'global.set', detail: /type mismatch/ });
  });

  it('rejects global.get used as the wrong type', async () => {
    const bytes = await watUnchecked(`(module (import "m" "f" (func)) ${globals} (func) (func (result i32) global.get $c))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it('allows exporting and importing mutable globals', async () => {
    const m = expectValid(await wat(`(module ${globals} (export "v" (global $v)) (export "gm" (global $gm)))`));
    expect(m.exports.map((e) => [e.name, e.kind, e.index])).toEqual([
      ['v', 'global', 3],
      ['gm', 'global', 1],
    ]);
  });

  it('rejects an initializer that reads a later global (invalid)', async () => {
    const bytes = await watUnchecked('(module (global i32 (global.get 1)) (global i32 (i32.const 0)))');
    expectInvalid(bytes, { detail: /unknown global/ });
  });

  it('accepts an initializer that reads an imported immutable global', async () => {
    const m = expectValid(await wat('(module (import "m" "g" (global i32)) (global i32 (global.get 0)))'));
    expect(m.globals[0].init.instrs).toEqual([expect.objectContaining({ op: 'global.get', index: 0 })]);
  });

  it('keeps constant-expression values exact (NaN payloads, -0, i64 extremes, v128 bytes)', async () => {
    const m = expectValid(
      await wat(`(module
        (global f32 (f32.const -nan:0x12345))
        (global f64 (f64.const -0))
        (global i64 (i64.const -9223372036854775808))
        (global i32 (i32.const -2147483648))
        (global v128 (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)))`),
    );
    const [f32, f64, i64, i32, v128] = m.globals.map((g) => g.init.instrs[0]);
    expect(f32).toMatchObject({ op: 'f32.const', bits: 0xff812345 });
    expect(f64).toMatchObject({ op: 'f64.const', bits: 0x8000000000000000n });
    expect(i64).toMatchObject({ op: 'i64.const', value: -9223372036854775808n });
    expect(i32).toMatchObject({ op: 'i32.const', value: -2147483648 });
    expect(v128.op).toBe('v128.const');
    expect(v128.op === 'v128.const' && Array.from(v128.bytes)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });
});
