// Control instructions: blocks (with multi-value block types), branches, return,
// unreachable (stack polymorphism), calls and indirect calls.
import type { Module } from '../src/index.js';
import { body, codeSection, functionSection, functype, module, OP, T, typeSection, type Bytes } from './bytes';
import { disasm } from './disasm';
import { expectInvalidFunc, expectMalformed, expectValid } from './expect';
import { wat, watUnchecked } from './wat';

const PRE = '(import "m" "f" (func)) (func)';
const BAD = 2;

async function bad(funcText: string, prelude = ''): Promise<Uint8Array> {
  return watUnchecked(`(module (import "m" "f" (func)) ${prelude} (func) ${funcText})`);
}

function typeIndexOf(m: Module, params: string[], results: string[]): number {
  const i = m.types.findIndex((t) => t.params.join() === params.join() && t.results.join() === results.join());
  if (i < 0) throw new Error(`no type [${params}] -> [${results}]`);
  return i;
}

describe('blocks', () => {
  it('decodes empty, single-result and type-index block types', async () => {
    const m = expectValid(
      await wat(`(module (func (result i32)
        (block nop)
        (block (result i32) i32.const 1) drop
        (block (result i32 i64) i32.const 1 i64.const 2) drop drop
        (loop (result f32) f32.const 0) drop
        (if (result i32) (i32.const 1) (then i32.const 2) (else i32.const 3))))`),
    );
    const multi = typeIndexOf(m, [], ['i32', 'i64']);
    expect(disasm(m, 0)).toEqual([
      'block',
      'nop',
      'end',
      'block (result i32)',
      'i32.const 1',
      'end',
      'drop',
      `block (type ${multi})`,
      'i32.const 1',
      'i64.const 2',
      'end',
      'drop',
      'drop',
      'loop (result f32)',
      'f32.const 0x00000000',
      'end',
      'drop',
      'i32.const 1',
      'if (result i32)',
      'i32.const 2',
      'else',
      'i32.const 3',
      'end',
      'end',
    ]);
  });

  it('accepts blocks, loops and ifs with parameters', async () => {
    expectValid(
      await wat(`(module (func (param i32) (result i32)
        i32.const 1 i64.const 2
        (block (param i32 i64) (result i32) drop)
        (loop (param i32) (result i32) local.get 0 br_if 0 i32.const 7 i32.add)
        local.get 0
        (if (param i32) (result i32) (then i32.const 1 i32.add) (else i32.const 2 i32.sub))
        i32.const 0
        (if (param i32) (result i32) (then))
        ))`),
    );
  });

  it('rejects a block that does not produce its result', async () => {
    const bytes = await bad('(func (block (result i32) nop) drop)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it('rejects a block that leaves an extra value', async () => {
    const bytes = await bad('(func (block i32.const 1))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it('rejects a block that produces the wrong multi-value result', async () => {
    const bytes = await bad('(func (block (result i32 i64) i64.const 1 i32.const 2) drop drop)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it('rejects a block that reads a value from outside without a parameter', async () => {
    const bytes = await bad('(func (result i32) i32.const 1 (block (result i32) i32.const 2 i32.add))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'i32.add', detail: /type mismatch/ });
  });

  it('rejects a block whose parameters are missing', async () => {
    const bytes = await bad('(func (result i32) (block (param i32) (result i32)))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'block', detail: /type mismatch/ });
  });

  it('rejects an if whose condition is not i32', async () => {
    const bytes = await bad('(func i64.const 1 (if (then)))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'if', detail: /type mismatch/ });
  });

  it('rejects an if with a result but no else', async () => {
    const bytes = await bad('(func (result i32) i32.const 1 (if (result i32) (then i32.const 2)))');
    expectInvalidFunc(bytes, { funcIndex: BAD, detail: /type mismatch/ });
  });

  it('rejects an else branch of the wrong type', async () => {
    const bytes = await bad('(func (result i32) i32.const 1 (if (result i32) (then i32.const 2) (else f32.const 3)))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it('rejects a then branch of the wrong type', async () => {
    const bytes = await bad('(func (result i32) i32.const 1 (if (result i32) (then f32.const 2) (else i32.const 3)))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'else', detail: /type mismatch/ });
  });

  const handFunc = (code: Bytes, types: Bytes[] = [functype([], [])]) =>
    module(typeSection(...types), functionSection(0), codeSection(body([], [...code, OP.end])));

  it('rejects a block type index that does not exist (invalid: unknown type)', () => {
    expectInvalidFunc(handFunc([OP.block, 0x05, OP.end]), { funcIndex: 0, at: 'block', detail: /unknown type/ });
  });

  it('accepts a block type index', () => {
    const bytes = handFunc([OP.i32_const, 1, OP.block, 0x01, OP.drop, OP.end], [functype([], []), functype([T.i32], [])]);
    const m = expectValid(bytes);
    expect(disasm(m, 0)).toContain('block (type 1)');
  });

  it('rejects a negative block type that is not a value type', () => {
    expectMalformed(handFunc([OP.block, 0x7a, OP.end]));
  });

  it('rejects else outside an if', () => {
    expectMalformed(handFunc([OP.block, 0x40, OP.else, OP.end]));
  });

  it('rejects a second else', () => {
    expectMalformed(handFunc([OP.i32_const, 0, OP.if, 0x40, OP.else, OP.else, OP.end]));
  });

  it('rejects a body whose blocks are not closed', () => {
    expectMalformed(handFunc([OP.block, 0x40]), { detail: /END opcode expected|unexpected end/ });
  });
});

describe('branches', () => {
  it('decodes br, br_if and br_table with their labels', async () => {
    const m = expectValid(
      await wat(`(module (func (param i32) (result i32)
        (block (result i32)
          (block
            (block
              (br_table 0 1 1 (local.get 0)))
            (br_if 1 (i32.const 9) (i32.const 1))
            drop
            (br 0))
          i32.const 5)))`),
    );
    const text = disasm(m, 0);
    expect(text).toContain('br_table 0 1 1');
    expect(text).toContain('br_if 1');
    expect(text).toContain('br 0');
  });

  it('accepts br to a loop with the loop parameters', async () => {
    expectValid(
      await wat(`(module (func (result i32) (local i32)
        i32.const 10
        (loop (param i32) (result i32)
          i32.const 1 i32.sub
          local.tee 0 local.get 0 br_if 0)))`),
    );
  });

  it('accepts br_table whose targets have the same types', async () => {
    expectValid(
      await wat(`(module (func (param i32) (result i32 i64)
        (block (result i32 i64)
          (block (result i32 i64)
            i32.const 1 i64.const 2 local.get 0
            br_table 0 1 0)
          )))`),
    );
  });

  it('rejects br to an unknown label', async () => {
    const bytes = await bad('(func (block (br 2)))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br', detail: /unknown label/ });
  });

  it('rejects br_if to an unknown label', async () => {
    const bytes = await bad('(func i32.const 0 br_if 1)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br_if', detail: /unknown label/ });
  });

  it.each([
    ['a target', 'br_table 0 3 0'],
    ['the default', 'br_table 0 0 3'],
  ])('rejects br_table with an unknown label in %s', async (_label, code) => {
    const bytes = await bad(`(func (block i32.const 0 ${code}))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br_table', detail: /unknown label/ });
  });

  it('rejects br without the value the label needs', async () => {
    const bytes = await bad('(func (result i32) (block (result i32) br 0))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br', detail: /type mismatch/ });
  });

  it('rejects br with a value of the wrong type', async () => {
    const bytes = await bad('(func (result i32) (block (result i32) f32.const 0 br 0))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br', detail: /type mismatch/ });
  });

  it('rejects br_if with a non-i32 condition', async () => {
    const bytes = await bad('(func (block f32.const 0 br_if 0))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br_if', detail: /type mismatch/ });
  });

  it('rejects br_if whose value does not match the label', async () => {
    const bytes = await bad('(func (result i32) (block (result i32) i64.const 1 i32.const 1 br_if 0 drop i32.const 0))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br_if', detail: /type mismatch/ });
  });

  it('rejects br_table whose targets have different types', async () => {
    const bytes = await bad(`(func (result i32)
      (block (result i32) (block (result i64) i32.const 1 i32.const 0 br_table 0 1) drop i32.const 0))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br_table', detail: /type mismatch/ });
  });

  it('rejects br_table whose targets have different arities', async () => {
    const bytes = await bad(`(func
      (block (block (result i32) i32.const 1 i32.const 0 br_table 0 1) drop))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br_table', detail: /type mismatch/ });
  });

  it('rejects br_table with a non-i32 index', async () => {
    const bytes = await bad('(func (block i64.const 0 br_table 0 0))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br_table', detail: /type mismatch/ });
  });
});

describe('return and unreachable code', () => {
  it('accepts multi-value returns', async () => {
    const m = expectValid(
      await wat(`(module
        (func (result i32 i64 f32) i32.const 1 i64.const 2 f32.const 3 return)
        (func (result i32) (call 0) drop drop))`),
    );
    expect(m.types[m.functions[0]].results).toEqual(['i32', 'i64', 'f32']);
  });

  it.each([
    ['unreachable satisfies any result', '(func (result i32 i64) unreachable)'],
    ['unreachable feeds any operator', '(func (result i32) unreachable i32.add)'],
    ['unreachable then a known operand', '(func (result i32) unreachable i32.const 1 i32.add)'],
    ['br makes the rest polymorphic', '(func (result f64) (block (result f64) f64.const 0 br 0 f64.add))'],
    ['return makes the rest polymorphic', '(func (result i32) i32.const 1 return i64.eqz)'],
    ['br_table makes the rest polymorphic', '(func (result i32) (block i32.const 0 br_table 0 0 f32.neg drop) i32.const 1)'],
    ['an unreachable block end', '(func (result i32) (block (result i32) unreachable))'],
    ['unreachable in both if arms', '(func (result i32) i32.const 0 (if (result i32) (then unreachable) (else unreachable)))'],
    ['select of unknowns', '(func (result i32) unreachable select)'],
  ])('%s', async (_label, fn) => {
    expectValid(await wat(`(module ${fn})`));
  });

  it.each([
    ['a known operand of the wrong type after unreachable', '(func (result i32) unreachable i64.const 0 i32.add)', 'i32.add'],
    ['after br', '(func (block br 0 i64.const 0 i32.eqz drop))', 'i32.eqz'],
    ['after return', '(func return f32.const 0 i64.eqz drop)', 'i64.eqz'],
    ['a wrong value left before the end', '(func (result i32) unreachable i64.const 0)', 'end'],
    ['an extra value left after unreachable', '(func unreachable i32.const 0)', 'end'],
    ['two values for one result after unreachable', '(func (result i32) unreachable i32.const 0 i32.const 0)', 'end'],
    ['a block after unreachable still checks its own body', '(func unreachable (block (result i32) f32.const 0) drop)', 'end'],
  ])('rejects %s', async (_label, fn, at) => {
    const bytes = await bad(fn);
    expectInvalidFunc(bytes, { funcIndex: BAD, at, detail: /type mismatch/ });
  });

  it('accepts br_table in unreachable code whose same-arity targets have different types', async () => {
    const bytes = await watUnchecked(`(module (func
      (block (result f64) (block (result f32) unreachable i32.const 1 br_table 0 1 1) drop f64.const 0) drop))`);
    expectValid(bytes);
  });

  it('rejects br_table in unreachable code whose targets differ in arity', async () => {
    const bytes = await bad(`(func
      (block (result i32) (block unreachable i32.const 1 br_table 0 1) i32.const 0))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'br_table', detail: /type mismatch/ });
  });

  it('rejects return of the wrong type', async () => {
    const bytes = await bad('(func (result i32) i64.const 1 return)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'return', detail: /type mismatch/ });
  });

  it('rejects return without the values', async () => {
    const bytes = await bad('(func (result i32 i32) i32.const 1 return)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'return', detail: /type mismatch/ });
  });
});

describe('calls', () => {
  const callee = '(import "m" "g" (func $g (param i32 f64) (result i64)))';

  it('decodes call and call_indirect with their immediates', async () => {
    const m = expectValid(
      await wat(`(module ${callee}
        (type $t (func (param i32) (result i32)))
        (table 1 funcref) (table $t2 2 funcref)
        (func $f (param i32) (result i32) local.get 0)
        (func (result i64)
          (drop (call_indirect $t2 (type $t) (i32.const 1) (i32.const 0)))
          (call $g (i32.const 1) (f64.const 2))))`),
    );
    const t = typeIndexOf(m, ['i32'], ['i32']);
    const text = disasm(m, 2);
    expect(text).toContain(`call_indirect ${t} 1`);
    expect(text).toContain('call 0');
    expect(m.importedFuncCount).toBe(1);
  });

  it('rejects call of an unknown function', async () => {
    const bytes = await bad('(func call 3)');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'call', detail: /unknown function/ });
  });

  it('rejects call with arguments of the wrong type', async () => {
    const bytes = await bad('(func (result i64) i32.const 1 f32.const 2 call $g)', callee);
    // imports: f, g; defined: filler (2), bad (3)
    expectInvalidFunc(bytes, { funcIndex: 3, at: 'call', detail: /type mismatch/ });
  });

  it('rejects using a call result as the wrong type', async () => {
    const bytes = await bad('(func (result i32) i32.const 1 f64.const 2 call $g)', callee);
    expectInvalidFunc(bytes, { funcIndex: 3, at: 'end', detail: /type mismatch/ });
  });

  it('rejects call_indirect without a table', async () => {
    const bytes = await bad('(type $t (func)) (func i32.const 0 call_indirect (type $t))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'call_indirect', detail: /unknown table/ });
  });

  it('rejects call_indirect of an unknown type', () => {
    const bytes = module(
      typeSection(functype([], [])),
      functionSection(0),
      [4, 4, 1, T.funcref, 0, 1], // table section: one funcref table, min 1
      codeSection(body([], [OP.i32_const, 0, OP.call_indirect, 0x07, 0x00, OP.end])),
    );
    expectInvalidFunc(bytes, { funcIndex: 0, at: 'call_indirect', detail: /unknown type/ });
  });

  it('rejects call_indirect through an externref table', async () => {
    const bytes = await bad('(type $t (func)) (table 1 externref) (func i32.const 0 call_indirect (type $t))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'call_indirect', detail: /type mismatch/ });
  });

  it('rejects call_indirect with a non-i32 index', async () => {
    const bytes = await bad('(type $t (func)) (table 1 funcref) (func i64.const 0 call_indirect (type $t))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'call_indirect', detail: /type mismatch/ });
  });

  it('rejects call_indirect with arguments of the wrong type', async () => {
    const bytes = await bad('(type $t (func (param i32))) (table 1 funcref) (func f32.const 1 i32.const 0 call_indirect (type $t))');
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'call_indirect', detail: /type mismatch/ });
  });

  it('names the function index of the failing function when several are bad', async () => {
    // the first invalid function in index order is reported
    const bytes = await watUnchecked(`(module ${PRE} (func (result i32) i64.const 0) (func (result i32) f32.const 0))`);
    expectInvalidFunc(bytes, { funcIndex: 2, at: 'end', detail: /type mismatch/ });
  });
});
