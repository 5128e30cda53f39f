// SIMD (v128): constants, shuffles, splats and lanes, loads and stores (plain, extending,
// splat, zero, lane), and a representative set of arithmetic per lane shape.
import { body, codeSection, functionSection, functype, limits, memorySection, module, OP, T, typeSection, u32, type Bytes } from './bytes';
import { disasm } from './disasm';
import { expectInvalidFunc, expectMalformed, expectValid } from './expect';
import { wat, watUnchecked } from './wat';

const PRE = '(import "m" "f" (func)) (func)';
const BAD = 2;

type V = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';
/** [name, operand types, result type] */
const OPS: Array<[string, V[], V]> = [
  // splats
  ['i8x16.splat', ['i32'], 'v128'],
  ['i16x8.splat', ['i32'], 'v128'],
  ['i32x4.splat', ['i32'], 'v128'],
  ['i64x2.splat', ['i64'], 'v128'],
  ['f32x4.splat', ['f32'], 'v128'],
  ['f64x2.splat', ['f64'], 'v128'],
  // bitwise
  ['v128.not', ['v128'], 'v128'],
  ['v128.and', ['v128', 'v128'], 'v128'],
  ['v128.andnot', ['v128', 'v128'], 'v128'],
  ['v128.or', ['v128', 'v128'], 'v128'],
  ['v128.xor', ['v128', 'v128'], 'v128'],
  ['v128.bitselect', ['v128', 'v128', 'v128'], 'v128'],
  ['v128.any_true', ['v128'], 'i32'],
  // comparisons
  ['i8x16.eq', ['v128', 'v128'], 'v128'],
  ['i16x8.lt_s', ['v128', 'v128'], 'v128'],
  ['i32x4.ge_u', ['v128', 'v128'], 'v128'],
  ['i64x2.le_s', ['v128', 'v128'], 'v128'],
  ['f32x4.gt', ['v128', 'v128'], 'v128'],
  ['f64x2.ne', ['v128', 'v128'], 'v128'],
  // integer lanes
  ['i8x16.swizzle', ['v128', 'v128'], 'v128'],
  ['i8x16.abs', ['v128'], 'v128'],
  ['i8x16.popcnt', ['v128'], 'v128'],
  ['i8x16.all_true', ['v128'], 'i32'],
  ['i8x16.bitmask', ['v128'], 'i32'],
  ['i8x16.narrow_i16x8_s', ['v128', 'v128'], 'v128'],
  ['i8x16.shl', ['v128', 'i32'], 'v128'],
  ['i8x16.add_sat_u', ['v128', 'v128'], 'v128'],
  ['i8x16.avgr_u', ['v128', 'v128'], 'v128'],
  ['i16x8.extadd_pairwise_i8x16_s', ['v128'], 'v128'],
  ['i16x8.q15mulr_sat_s', ['v128', 'v128'], 'v128'],
  ['i16x8.extend_low_i8x16_u', ['v128'], 'v128'],
  ['i16x8.shr_s', ['v128', 'i32'], 'v128'],
  ['i16x8.mul', ['v128', 'v128'], 'v128'],
  ['i16x8.extmul_high_i8x16_s', ['v128', 'v128'], 'v128'],
  ['i32x4.dot_i16x8_s', ['v128', 'v128'], 'v128'],
  ['i32x4.min_u', ['v128', 'v128'], 'v128'],
  ['i32x4.shr_u', ['v128', 'i32'], 'v128'],
  ['i32x4.trunc_sat_f32x4_s', ['v128'], 'v128'],
  ['i32x4.trunc_sat_f64x2_u_zero', ['v128'], 'v128'],
  ['i64x2.neg', ['v128'], 'v128'],
  ['i64x2.all_true', ['v128'], 'i32'],
  ['i64x2.bitmask', ['v128'], 'i32'],
  ['i64x2.extend_high_i32x4_s', ['v128'], 'v128'],
  ['i64x2.mul', ['v128', 'v128'], 'v128'],
  ['i64x2.shl', ['v128', 'i32'], 'v128'],
  // float lanes
  ['f32x4.sqrt', ['v128'], 'v128'],
  ['f32x4.nearest', ['v128'], 'v128'],
  ['f32x4.pmin', ['v128', 'v128'], 'v128'],
  ['f32x4.convert_i32x4_u', ['v128'], 'v128'],
  ['f32x4.demote_f64x2_zero', ['v128'], 'v128'],
  ['f64x2.div', ['v128', 'v128'], 'v128'],
  ['f64x2.max', ['v128', 'v128'], 'v128'],
  ['f64x2.promote_low_f32x4', ['v128'], 'v128'],
  ['f64x2.convert_low_i32x4_s', ['v128'], 'v128'],
];

function opFunc([name, params, result]: [string, V[], V], override?: V[]): string {
  const ps = override ?? params;
  return `(func (param ${ps.join(' ')}) (result ${result}) ${ps.map((_, i) => `local.get ${i}`).join(' ')} ${name})`;
}

describe('SIMD operators', () => {
  it('validate, and each body decodes to its operands and the operator', async () => {
    const m = expectValid(await wat(`(module ${OPS.map((o) => opFunc(o)).join('\n')})`));
    OPS.forEach(([name, params], i) => {
      expect(disasm(m, i)).toEqual([...params.map((_, j) => `local.get ${j}`), name, 'end']);
    });
  });

  it.each(OPS.map((o) => [o[0], o] as const))('%s rejects an operand of the wrong type', async (name, op) => {
    const params = [...op[1]];
    const last = params.length - 1;
    params[last] = params[last] === 'v128' ? 'i32' : 'v128';
    const bytes = await watUnchecked(`(module ${PRE} ${opFunc(op, params)})`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: name, detail: `type mismatch in ${name}: expected ${op[1][last]}, got ${params[last]}` });
  });

  it('rejects a v128 used as an i32', async () => {
    const bytes = await watUnchecked(`(module ${PRE} (func (param v128) (result i32) local.get 0))`);
    expectInvalidFunc(bytes, { funcIndex: BAD, at: 'end', detail: /type mismatch/ });
  });
});

describe('v128.const and i8x16.shuffle', () => {
  it('keep their 16 immediate bytes', async () => {
    const m = expectValid(
      await wat(`(module (func (result v128)
        v128.const i32x4 1 2 0x80000000 -1
        v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
        i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31))`),
    );
    expect(disasm(m, 0)).toEqual([
      'v128.const 0x010000000200000000000080ffffffff',
      'v128.const 0x000102030405060708090a0b0c0d0e0f',
      'i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31',
      'end',
    ]);
  });

  it('keeps float lane constants bit-exact', async () => {
    const m = expectValid(await wat('(module (func (result v128) v128.const f32x4 1 -0 nan:0x1 inf))'));
    // 1.0, -0.0, nan:0x1, inf as little-endian f32 lanes
    expect(disasm(m, 0)[0]).toBe('v128.const 0x0000803f' + '00000080' + '0100807f' + '0000807f');
  });

  const simdFunc = (code: Bytes, params: number[] = [], results: number[] = [T.v128], mem = false) =>
    module(
      typeSection(functype(params, results)),
      functionSection(0),
      ...(mem ? [memorySection(limits(1))] : []),
      codeSection(body([], [...code, OP.end])),
    );
  const zeros = () => new Array(16).fill(0);

  it.each([[32], [33], [255]])('rejects a shuffle lane index of %d (invalid lane index)', (lane) => {
    const lanes = zeros();
    lanes[5] = lane;
    const v = [0xfd, 0x0c, ...zeros()];
    const bytes = simdFunc([...v, ...v, 0xfd, 0x0d, ...lanes]);
    expectInvalidFunc(bytes, { funcIndex: 0, at: 'i8x16.shuffle', detail: /invalid lane index/ });
  });

  it('accepts a shuffle lane index of 31', () => {
    const lanes = zeros();
    lanes[15] = 31;
    const v = [0xfd, 0x0c, ...zeros()];
    expectValid(simdFunc([...v, ...v, 0xfd, 0x0d, ...lanes]));
  });

  it('rejects a truncated v128.const', () => {
    const bytes = simdFunc([0xfd, 0x0c, 1, 2, 3]);
    expectMalformed(bytes, { detail: /unexpected end/ });
  });

  describe('lanes', () => {
    const lanesOf: Array<[string, number, V]> = [
      ['i8x16.extract_lane_s', 16, 'i32'],
      ['i8x16.extract_lane_u', 16, 'i32'],
      ['i16x8.extract_lane_s', 8, 'i32'],
      ['i16x8.extract_lane_u', 8, 'i32'],
      ['i32x4.extract_lane', 4, 'i32'],
      ['i64x2.extract_lane', 2, 'i64'],
      ['f32x4.extract_lane', 4, 'f32'],
      ['f64x2.extract_lane', 2, 'f64'],
      ['i8x16.replace_lane', 16, 'i32'],
      ['i16x8.replace_lane', 8, 'i32'],
      ['i32x4.replace_lane', 4, 'i32'],
      ['i64x2.replace_lane', 2, 'i64'],
      ['f32x4.replace_lane', 4, 'f32'],
      ['f64x2.replace_lane', 2, 'f64'],
    ];
    const laneFunc = (name: string, lane: number, t: V) =>
      name.includes('replace')
        ? `(func (param v128 ${t}) (result v128) local.get 0 local.get 1 ${name} ${lane})`
        : `(func (param v128) (result ${t}) local.get 0 ${name} ${lane})`;

    it('accept the highest lane and decode the lane index', async () => {
      const m = expectValid(await wat(`(module ${lanesOf.map(([n, c, t]) => laneFunc(n, c - 1, t)).join('\n')})`));
      lanesOf.forEach(([name, count], i) => {
        expect(disasm(m, i)).toContain(`${name} ${count - 1}`);
      });
    });

    it.each(lanesOf.map((l) => [l[0], l] as const))('%s rejects the lane index one past the last (invalid lane index)', (name, [, count, t]) => {
      // hand-built, so that the lane byte is exactly the one past the last
      const opByName: Record<string, number> = {
        'i8x16.extract_lane_s': 0x15,
        'i8x16.extract_lane_u': 0x16,
        'i8x16.replace_lane': 0x17,
        'i16x8.extract_lane_s': 0x18,
        'i16x8.extract_lane_u': 0x19,
        'i16x8.replace_lane': 0x1a,
        'i32x4.extract_lane': 0x1b,
        'i32x4.replace_lane': 0x1c,
        'i64x2.extract_lane': 0x1d,
        'i64x2.replace_lane': 0x1e,
        'f32x4.extract_lane': 0x1f,
        'f32x4.replace_lane': 0x20,
        'f64x2.extract_lane': 0x21,
        'f64x2.replace_lane': 0x22,
      };
      const tc = { i32: T.i32, i64: T.i64, f32: T.f32, f64: T.f64, v128: T.v128 }[t];
      const replace = name.includes('replace');
      const bytes = simdFunc(
        [OP.local_get, 0, ...(replace ? [OP.local_get, 1] : []), 0xfd, ...u32(opByName[name]), count],
        replace ? [T.v128, tc] : [T.v128],
        [replace ? T.v128 : tc],
      );
      expectInvalidFunc(bytes, { funcIndex: 0, at: name, detail: /invalid lane index/ });
    });

    it('replace_lane rejects a lane value of the wrong type', async () => {
      const bytes = await watUnchecked(`(module ${PRE} (func (param v128) (result v128) local.get 0 f32.const 0 i32x4.replace_lane 0))`);
      expectInvalidFunc(bytes, { funcIndex: BAD, at: 'i32x4.replace_lane', detail: /type mismatch/ });
    });
  });

  describe('SIMD memory access', () => {
    const loads: Array<[string, number]> = [
      ['v128.load', 4],
      ['v128.load8x8_s', 3],
      ['v128.load16x4_u', 3],
      ['v128.load32x2_s', 3],
      ['v128.load8_splat', 0],
      ['v128.load16_splat', 1],
      ['v128.load32_splat', 2],
      ['v128.load64_splat', 3],
      ['v128.load32_zero', 2],
      ['v128.load64_zero', 3],
    ];
    const laneOps: Array<[string, number, number]> = [
      ['v128.load8_lane', 0, 16],
      ['v128.load16_lane', 1, 8],
      ['v128.load32_lane', 2, 4],
      ['v128.load64_lane', 3, 2],
      ['v128.store8_lane', 0, 16],
      ['v128.store16_lane', 1, 8],
      ['v128.store32_lane', 2, 4],
      ['v128.store64_lane', 3, 2],
    ];
    const laneFunc = (name: string, memarg: string, lane: number) =>
      name.includes('store')
        ? `(func (param i32 v128) local.get 0 local.get 1 ${name} ${memarg} ${lane})`
        : `(func (param i32 v128) (result v128) local.get 0 local.get 1 ${name} ${memarg} ${lane})`;

    it('loads, store and lane accesses validate with natural alignment and decode their memargs', async () => {
      const m = expectValid(
        await wat(`(module (memory 1)
          ${loads.map(([n, a]) => `(func (param i32) (result v128) local.get 0 ${n} offset=5 align=${2 ** a})`).join('\n')}
          (func (param i32 v128) local.get 0 local.get 1 v128.store offset=7)
          ${laneOps.map(([n, a, c]) => laneFunc(n, `offset=9 align=${2 ** a}`, c - 1)).join('\n')})`),
      );
      loads.forEach(([n, a], i) => expect(disasm(m, i)).toContain(`${n} align=${2 ** a} offset=5`));
      expect(disasm(m, loads.length)).toContain('v128.store align=16 offset=7');
      laneOps.forEach(([n, a, c], i) => expect(disasm(m, loads.length + 1 + i)).toContain(`${n} align=${2 ** a} offset=9 ${c - 1}`));
    });

    it.each(loads.map((l) => [l[0], l[1]] as const))('%s rejects an alignment above the natural one', async (n, a) => {
      const bytes = await watUnchecked(`(module ${PRE} (memory 1) (func (param i32) (result v128) local.get 0 ${n} align=${2 ** (a + 1)}))`);
      expectInvalidFunc(bytes, { funcIndex: BAD, at: n, detail: /alignment must not be larger than natural/ });
    });

    it.each(laneOps.map((l) => [l[0], l] as const))('%s rejects an alignment above the natural one', async (n, [, a, c]) => {
      const bytes = await watUnchecked(`(module ${PRE} (memory 1) ${laneFunc(n, `align=${2 ** (a + 1)}`, c - 1)})`);
      expectInvalidFunc(bytes, { funcIndex: BAD, at: n, detail: /alignment must not be larger than natural/ });
    });

    it.each(laneOps.map((l, i) => [l[0], l, i] as const))('%s rejects a lane index past the last', (n, [, a, c], i) => {
      const op = 0x54 + i;
      const store = n.includes('store');
      const bytes = simdFunc(
        [OP.local_get, 0, OP.local_get, 1, 0xfd, ...u32(op), a, 0, c, ...(store ? [] : [OP.drop])],
        [T.i32, T.v128],
        [],
        true,
      );
      expectInvalidFunc(bytes, { funcIndex: 0, at: n, detail: /invalid lane index/ });
    });

    it('v128.store rejects a non-v128 value', async () => {
      const bytes = await watUnchecked(`(module ${PRE} (memory 1) (func i32.const 0 i64.const 0 v128.store))`);
      expectInvalidFunc(bytes, { funcIndex: BAD, at: 'v128.store', detail: /type mismatch/ });
    });

    it('v128.load needs a memory', async () => {
      const bytes = await watUnchecked(`(module ${PRE} (func (result v128) i32.const 0 v128.load))`);
      expectInvalidFunc(bytes, { funcIndex: BAD, at: 'v128.load', detail: /unknown memory/ });
    });
  });
});
