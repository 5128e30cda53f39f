// The test helpers themselves: a wrong LEB writer would silently make other tests test
// the wrong thing, so pin them to known encodings.
import { hex, module, s32, s64, section, singleFunc, sleb, slebPadded, u32, u32Padded, OP } from './bytes';
import { wat, watUnchecked } from './wat';

describe('bytes.ts LEB128 writers', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [624485, 'e58e26'],
    [0xffffffff, 'ffffffff0f'],
  ])('u32(%d) = %s', (n, expected) => {
    expect(hex(u32(n))).toBe(expected);
  });

  it.each([
    [0, '00'],
    [-1, '7f'],
    [63, '3f'],
    [64, 'c000'],
    [-64, '40'],
    [-65, 'bf7f'],
    [-123456, 'c0bb78'],
    [0x7fffffff, 'ffffffff07'],
    [-0x80000000, '8080808078'],
  ])('s32(%d) = %s', (n, expected) => {
    expect(hex(s32(n))).toBe(expected);
  });

  it('s64 covers the full range in at most 10 bytes', () => {
    expect(hex(s64((1n << 63n) - 1n))).toBe('ffffffffffffffffff00');
    expect(hex(s64(-(1n << 63n)))).toBe('8080808080808080807f');
    expect(() => s64(1n << 63n)).toThrow(RangeError);
    expect(sleb(-1n)).toEqual([0x7f]);
  });

  it('padded encodings keep the value', () => {
    expect(hex(u32Padded(3, 5))).toBe('8380808000');
    expect(hex(slebPadded(-1n, 3))).toBe('ffff7f');
    expect(() => u32Padded(300, 1)).toThrow(RangeError);
  });

  it('section and module framing', () => {
    expect(section(1, [1, 2, 3])).toEqual([1, 3, 1, 2, 3]);
    expect(hex(module())).toBe('0061736d01000000');
  });

  it('singleFunc reports where the code of the body starts', () => {
    const { bytes, codeStart } = singleFunc({ locals: [[2, 0x7f]], code: [OP.nop, OP.end] });
    expect(bytes[codeStart]).toBe(OP.nop);
    expect(bytes[codeStart + 1]).toBe(OP.end);
    expect(bytes[codeStart - 1]).toBe(0x7f);
    expect(codeStart + 2).toBe(bytes.length);
  });
});

describe('wat.ts', () => {
  it('assembles a valid module', async () => {
    const bytes = await wat('(module (func (export "f") (result i32) i32.const 7))');
    expect(hex(bytes.subarray(0, 8))).toBe('0061736d01000000');
  });

  it('rejects an invalid module unless validation is skipped', async () => {
    const text = '(module (func (result i32) f32.const 1))';
    await expect(wat(text)).rejects.toThrow();
    const bytes = await watUnchecked(text);
    expect(bytes.length).toBeGreaterThan(8);
  });

  it('accepts every Wasm 2.0 feature', async () => {
    const bytes = await wat(`(module
      (memory 1) (table 1 funcref) (data "x") (elem func 0)
      (func (param v128 externref) (result i32 i32)
        i32.const 1 i32.extend8_s
        f32.const 1 i32.trunc_sat_f32_s
        i32.const 0 i32.const 0 i32.const 0 memory.fill
        ref.null func ref.is_null drop))`);
    expect(bytes.length).toBeGreaterThan(8);
  });
});
