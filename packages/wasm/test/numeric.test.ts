// Numeric instructions: every i32/i64/f32/f64 operator, comparisons, conversions
// (including sign extension and saturating truncation) and constants.
import { Op, opName } from '../src/index.js';
import { disasm } from './disasm';
import { expectInvalidFunc, expectValid } from './expect';
import { wat, watUnchecked } from './wat';

type V = 'i32' | 'i64' | 'f32' | 'f64';
interface NumOp {
  name: string;
  params: V[];
  result: V;
}

const intUn = ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s'];
const intBin = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const intRel = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const floatUn = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
const floatBin = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
const floatRel = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

const OPS: NumOp[] = [];
for (const t of ['i32', 'i64'] as const) {
  for (const o of [...intUn, ...(t === 'i64' ? ['extend32_s'] : [])]) OPS.push({ name: `${t}.${o}`, params: [t], result: t });
  OPS.push({ name: `${t}.eqz`, params: [t], result: 'i32' });
  for (const o of intBin) OPS.push({ name: `${t}.${o}`, params: [t, t], result: t });
  for (const o of intRel) OPS.push({ name: `${t}.${o}`, params: [t, t], result: 'i32' });
}
for (const t of ['f32', 'f64'] as const) {
  for (const o of floatUn) OPS.push({ name: `${t}.${o}`, params: [t], result: t });
  for (const o of floatBin) OPS.push({ name: `${t}.${o}`, params: [t, t], result: t });
  for (const o of floatRel) OPS.push({ name: `${t}.${o}`, params: [t, t], result: 'i32' });
}
const conv = (name: string, from: V, to: V) => OPS.push({ name, params: [from], result: to });
conv('i32.wrap_i64', 'i64', 'i32');
for (const to of ['i32', 'i64'] as const) {
  for (const from of ['f32', 'f64'] as const) {
    for (const s of ['s', 'u']) {
      conv(`${to}.trunc_${from}_${s}`, from, to);
      conv(`${to}.trunc_sat_${from}_${s}`, from, to);
    }
  }
}
conv('i64.extend_i32_s', 'i32', 'i64');
conv('i64.extend_i32_u', 'i32', 'i64');
for (const to of ['f32', 'f64'] as const) {
  for (const from of ['i32', 'i64'] as const) {
    conv(`${to}.convert_${from}_s`, from, to);
    conv(`${to}.convert_${from}_u`, from, to);
  }
}
conv('f32.demote_f64', 'f64', 'f32');
conv('f64.promote_f32', 'f32', 'f64');
conv('i32.reinterpret_f32', 'f32', 'i32');
conv('i64.reinterpret_f64', 'f64', 'i64');
conv('f32.reinterpret_i32', 'i32', 'f32');
conv('f64.reinterpret_i64', 'i64', 'f64');

/** A type that is not `t`. */
const other = (t: V): V => (t === 'i32' ? 'f64' : 'i32');

/** Prefix of every module that holds one bad function: an imported and a defined function first. */
const PRE = '(import "m" "f" (func)) (func)';
const BAD = 2;

function opFunc(op: NumOp, params: V[] = op.params, result: V = op.result): string {
  const gets = params.map((_, i) => `local.get ${i}`).join(' ');
  return `(func (param ${params.join(' ')}) (result ${result}) ${gets} ${op.name})`;
}

describe('numeric operators', () => {
  it(`covers ${OPS.length} distinct operators`, () => {
    expect(new Set(OPS.map((o) => o.name)).size).toBe(OPS.length);
    expect(OPS.length).toBe(136);
  });

  it('all validate, and each body decodes to its operands and the operator', async () => {
    const m = expectValid(await wat(`(module ${OPS.map((o) => opFunc(o)).join('\n')})`));
    expect(m.functions).toHaveLength(OPS.length);
    OPS.forEach((op, i) => {
      expect(disasm(m, i)).toEqual([...op.params.map((_, j) => `local.get ${j}`), op.name, 'end']);
      const t = m.types[m.functions[i]];
      expect(t.params).toEqual(op.params);
      expect(t.results).toEqual([op.result]);
    });
  });

  it.each(OPS.map((o) => [o.name, o] as const))('%s rejects an operand of the wrong type', async (_n, op) => {
    // the top operand (the last parameter) has the wrong type
    const params = [...op.params];
    const last = params.length - 1;
    params[last] = other(params[last]);
    const bytes = await watUnchecked(`(module ${PRE} ${opFunc(op, params)})`);
    expectInvalidFunc(bytes, {
      funcIndex: BAD,
      at: op.name,
      detail: `type mismatch in ${op.name}: expected ${op.params[last]}, got ${params[last]}`,
    });
  });

  it.each(OPS.map((o) => [o.name, o] as const))('%s rejects a result of the wrong type', async (_n, op) => {
    const bytes = await watUnchecked(`(module ${PRE} ${opFunc(op, op.params, other(op.result))})`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it.each([
    ['i32.add', '(result i32) i32.const 1 i32.add'],
    ['i64.eqz', '(result i32) i64.eqz'],
    ['f64.copysign', '(result f64) f64.const 1 f64.copysign'],
    ['i32.wrap_i64', '(result i32) i32.wrap_i64'],
  ])('%s rejects a missing operand', async (op, fn) => {
    const bytes = await watUnchecked(`(module ${PRE} (func ${fn}))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: op, detail: /type mismatch/ });
  });

  it('checks the deeper operand too', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func (result i32) i64.const 1 i32.const 2 i32.sub))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'i32.sub', detail: 'type mismatch in i32.sub: expected i32, got i64' });
  });

  it('rejects a value left on the stack at the end of a function', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func i32.const 1))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });

  it('opName and Op agree', () => {
    expect(opName(Op.I32Add)).toBe('i32.add');
    expect(opName(Op.I64Extend32S)).toBe('i64.extend32_s');
    expect(opName(Op.I32TruncSatF32S)).toBe('i32.trunc_sat_f32_s');
    expect(opName(Op.F64ReinterpretI64)).toBe('f64.reinterpret_i64');
    expect(Op.I32TruncSatF32S).toBe(0xfc00);
    expect(Op.I64TruncSatF64U).toBe(0xfc07);
    expect(Op.I32Extend8S).toBe(0xc0);
    expect(opName(0x06)).toMatch(/unknown/);
  });
});

describe('constants', () => {
  it('decodes integer constants at the edges', async () => {
    const m = expectValid(
      await wat(`(module (func
        i32.const 0 drop i32.const -1 drop i32.const 2147483647 drop i32.const -2147483648 drop
        i32.const 0xffffffff drop
        i64.const 9223372036854775807 drop i64.const -9223372036854775808 drop i64.const -64 drop i64.const 64 drop))`),
    );
    expect(disasm(m, 0).filter((s) => s !== 'drop')).toEqual([
      'i32.const 0',
      'i32.const -1',
      'i32.const 2147483647',
      'i32.const -2147483648',
      'i32.const -1',
      'i64.const 9223372036854775807',
      'i64.const -9223372036854775808',
      'i64.const -64',
      'i64.const 64',
      'end',
    ]);
  });

  it('keeps float constants bit-exact, NaN payloads and signed zero included', async () => {
    const m = expectValid(
      await wat(`(module (func
        f32.const 1 drop f32.const -0 drop f32.const nan:0x200001 drop f32.const -nan:0x1 drop f32.const inf drop
        f64.const 1 drop f64.const -0 drop f64.const nan:0x8000000000001 drop f64.const -nan:0x1 drop f64.const 0x1p-1074 drop))`),
    );
    expect(disasm(m, 0).filter((s) => s !== 'drop')).toEqual([
      'f32.const 0x3f800000',
      'f32.const 0x80000000',
      'f32.const 0x7fa00001',
      'f32.const 0xff800001',
      'f32.const 0x7f800000',
      'f64.const 0x3ff0000000000000',
      'f64.const 0x8000000000000000',
      'f64.const 0x7ff8000000000001',
      'f64.const 0xfff0000000000001',
      'f64.const 0x0000000000000001',
      'end',
    ]);
  });

  it('rejects a constant of the wrong type for the result', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func (result f32) f64.const 1))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });
});
