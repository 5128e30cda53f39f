import { ByteWriter } from '../src/gen/byte-writer.js';

const bytes = (fill: (w: ByteWriter) => void): number[] => {
  const w = new ByteWriter(1);
  fill(w);
  return [...w.finish()];
};

describe('ByteWriter', () => {
  test('unsigned LEB128', () => {
    expect(bytes((w) => w.u32(0))).toEqual([0x00]);
    expect(bytes((w) => w.u32(127))).toEqual([0x7f]);
    expect(bytes((w) => w.u32(128))).toEqual([0x80, 0x01]);
    expect(bytes((w) => w.u32(624485))).toEqual([0xe5, 0x8e, 0x26]);
    expect(bytes((w) => w.u32(0xffffffff))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  test('signed LEB128, 32 and 64 bit', () => {
    expect(bytes((w) => w.s32(-1))).toEqual([0x7f]);
    expect(bytes((w) => w.s32(63))).toEqual([0x3f]);
    expect(bytes((w) => w.s32(64))).toEqual([0xc0, 0x00]);
    expect(bytes((w) => w.s32(-64))).toEqual([0x40]);
    expect(bytes((w) => w.s32(-65))).toEqual([0xbf, 0x7f]);
    expect(bytes((w) => w.s32(-0x80000000))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(bytes((w) => w.s64(-123456n))).toEqual([0xc0, 0xbb, 0x78]);
    expect(bytes((w) => w.s64(-(2n ** 63n)))).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
  });

  test('floats are little-endian IEEE 754', () => {
    expect(bytes((w) => w.f32(1))).toEqual([0x00, 0x00, 0x80, 0x3f]);
    expect(bytes((w) => w.f64(-2))).toEqual([0, 0, 0, 0, 0, 0, 0, 0xc0]);
  });

  test('names and sized blocks carry their length; growth keeps earlier bytes', () => {
    const inner = new ByteWriter(1).bytes(new Uint8Array(300).fill(7));
    const out = bytes((w) => w.name('hé').sized(inner));
    expect(out.slice(0, 4)).toEqual([3, 0x68, 0xc3, 0xa9]);
    expect(out.slice(4, 6)).toEqual([0xac, 0x02]);
    expect(out.length).toBe(4 + 2 + 300);
    expect(out.slice(6).every((b) => b === 7)).toBe(true);
  });
});
