// Parametric instructions: drop, select, typed select.
import { functionSection, functype, codeSection, body, module, OP, T, typeSection } from './bytes';
import { disasm } from './disasm';
import { expectInvalidFunc, expectMalformed, expectValid } from './expect';
import { wat, watUnchecked } from './wat';

const PRE = '(import "m" "f" (func)) (func)';
const BAD = 2;

describe('drop', () => {
  it('drops a value of any type', async () => {
    const m = expectValid(
      await wat(`(module (func (param i32 i64 f32 f64 v128 funcref externref)
        local.get 0 drop local.get 1 drop local.get 2 drop local.get 3 drop
        local.get 4 drop local.get 5 drop local.get 6 drop))`),
    );
    expect(disasm(m, 0).filter((s) => s === 'drop')).toHaveLength(7);
  });

  it('rejects drop on an empty stack', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func drop))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'drop', detail: /type mismatch/ });
  });

  it('rejects drop of a value from outside the block', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func i32.const 1 (block drop) drop))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'drop', detail: /type mismatch/ });
  });
});

describe('select', () => {
  it.each(['i32', 'i64', 'f32', 'f64', 'v128'])('untyped select on %s', async (t) => {
    const m = expectValid(
      await wat(`(module (func (param ${t} ${t} i32) (result ${t}) local.get 0 local.get 1 local.get 2 select))`),
    );
    expect(disasm(m, 0)).toEqual(['local.get 0', 'local.get 1', 'local.get 2', 'select', 'end']);
  });

  it.each(['i32', 'f64', 'v128', 'funcref', 'externref'])('typed select on %s', async (t) => {
    const m = expectValid(
      await wat(`(module (func (param ${t} ${t} i32) (result ${t}) local.get 0 local.get 1 local.get 2 select (result ${t})))`),
    );
    expect(disasm(m, 0)[3]).toBe(`select (result ${t})`);
  });

  it.each(['funcref', 'externref'])('rejects untyped select on %s', async (t) => {
    const bytes = await watUnchecked(`(module ${PRE} (func (param ${t} ${t} i32) (result ${t}) local.get 0 local.get 1 local.get 2 select))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'select', detail: /type mismatch/ });
  });

  it('rejects operands of different types', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func (result i32) i32.const 1 i64.const 2 i32.const 0 select))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'select', detail: /type mismatch/ });
  });

  it('rejects a non-i32 condition', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func (result i32) i32.const 1 i32.const 2 i64.const 0 select))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'select', detail: /type mismatch/ });
  });

  it('rejects typed select whose operands do not match the type', async () => {
    const bytes = await watUnchecked(
      `(module ${PRE} (func (result i64) i32.const 1 i32.const 2 i32.const 0 select (result i64)))`,
    );
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'select', detail: /type mismatch/ });
  });

  it('rejects a missing operand', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func (result i32) i32.const 1 i32.const 0 select))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'select', detail: /type mismatch/ });
  });

  it('in unreachable code, takes its type from the known operand', async () => {
    expectValid(await wat('(module (func (result i64) unreachable i64.const 1 i32.const 0 select))'));
    expectValid(await wat('(module (func (result f32) unreachable select))'));
    // the known operand decides the result: i64 cannot be returned as i32
    const bytes = await watUnchecked(`(module ${PRE} (func (result i32) unreachable i64.const 1 i32.const 0 select))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it('typed select in unreachable code produces its declared type', async () => {
    expectValid(await wat('(module (func (result i32) unreachable select (result i32)))'));
    const asI64 = await watUnchecked(`(module ${PRE} (func unreachable select (result i32) i64.eqz drop))`);
    expectInvalidFunc(asI64, { funcIndex: BAD, at: 'i64.eqz', detail: 'type mismatch in i64.eqz: expected i64, got i32' });
    const asV128 = await watUnchecked(`(module ${PRE} (func (result v128) unreachable select (result i32)))`);
    expectInvalidFunc(asV128, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it('typed select in unreachable code still checks the known operands', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func unreachable f32.const 0 i32.const 0 select (result i32) drop))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'select', detail: /type mismatch/ });
  });

  it('in unreachable code, still rejects a reference operand of untyped select', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func unreachable ref.null extern i32.const 0 select drop))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'select', detail: /type mismatch/ });
  });

  // typed select with a vector of zero or two types: not expressible in WAT, built by hand
  const handSelect = (types: number[]) =>
    module(
      typeSection(functype([], [T.i32])),
      functionSection(0),
      codeSection(
        body([], [OP.i32_const, 1, OP.i32_const, 2, OP.i32_const, 0, OP.select_t, types.length, ...types, OP.end]),
      ),
    );

  it('rejects typed select with two types (invalid result arity)', () => {
    expectInvalidFunc(handSelect([T.i32, T.i32]), { funcIndex: 0, at: 'select', detail: /invalid result arity/ });
  });

  it('rejects typed select with no type (invalid result arity)', () => {
    expectInvalidFunc(handSelect([]), { funcIndex: 0, at: 'select', detail: /invalid result arity/ });
  });

  it('rejects a malformed value type in typed select', () => {
    expectMalformed(handSelect([0x40]), { detail: /malformed value type|malformed/ });
  });
});
