import { WasmError } from './errors.js';
import { ByteReader } from './reader.js';

const read = (bytes: number[]): ByteReader => new ByteReader(Uint8Array.from(bytes));

function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof WasmError) return `${e.kind}: ${e.detail}`;
    throw e;
  }
  return 'no error';
}

describe('LEB128', () => {
  it.each([
    [[0x00], 0],
    [[0x7f], 127],
    [[0x80, 0x01], 128],
    [[0x80, 0x80, 0x80, 0x80, 0x00], 0],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffff],
  ])('u32 %j = %d', (bytes, value) => {
    const r = read(bytes);
    expect(r.u32()).toBe(value);
    expect(r.atEnd()).toBe(true);
  });

  it('u32 rejects long, large and truncated encodings', () => {
    expect(failure(() => read([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).u32())).toBe('malformed: integer representation too long');
    expect(failure(() => read([0xff, 0xff, 0xff, 0xff, 0x1f]).u32())).toBe('malformed: integer too large');
    expect(failure(() => read([0x80, 0x80]).u32())).toBe('malformed: unexpected end');
  });

  it.each([
    [[0x7f], -1],
    [[0x3f], 63],
    [[0x40], -64],
    [[0xc0, 0x00], 64],
    [[0xff, 0xff, 0xff, 0xff, 0x07], 0x7fffffff],
    [[0x80, 0x80, 0x80, 0x80, 0x78], -0x80000000],
    [[0xff, 0xff, 0xff, 0xff, 0x7f], -1],
  ])('s32 %j = %d', (bytes, value) => {
    expect(read(bytes).s32()).toBe(value);
  });

  it('s32 rejects unused bits that do not copy the sign', () => {
    expect(failure(() => read([0xff, 0xff, 0xff, 0xff, 0x4f]).s32())).toBe('malformed: integer too large');
    expect(failure(() => read([0x80, 0x80, 0x80, 0x80, 0x08]).s32())).toBe('malformed: integer too large');
  });

  it.each([
    [[0x40], -64],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffff],
    [[0x80, 0x80, 0x80, 0x80, 0x70], -(2 ** 32)],
  ])('s33 %j = %d', (bytes, value) => {
    expect(read(bytes).s33()).toBe(value);
  });

  it.each([
    [[0x7f], -1n],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00], 0x7fffffffffffffffn],
    [[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f], -0x8000000000000000n],
    [[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 1n << 49n],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], -1n],
  ])('s64 %j = %d', (bytes, value) => {
    expect(read(bytes).s64()).toBe(value);
  });

  it('s64 rejects a tenth byte other than 0x00 or 0x7f', () => {
    const nine = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80];
    expect(failure(() => read([...nine, 0x01]).s64())).toBe('malformed: integer too large');
    expect(failure(() => read([...nine, 0x80, 0x00]).s64())).toBe('malformed: integer representation too long');
  });
});

describe('names', () => {
  it('keeps a byte order mark and rejects overlong forms and surrogates', () => {
    expect(read([3, 0xef, 0xbb, 0xbf]).name()).toBe('\ufeff');
    expect(failure(() => read([2, 0xc0, 0x80]).name())).toBe('malformed: malformed UTF-8 encoding');
    expect(failure(() => read([3, 0xed, 0xa0, 0x80]).name())).toBe('malformed: malformed UTF-8 encoding');
    expect(failure(() => read([5, 0x61]).name())).toBe('malformed: unexpected end');
  });
});
