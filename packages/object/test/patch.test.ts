import { checkAlignment, fieldRange, insertBits, patchInt, readUint, RelocationRangeError, writeUint } from '../src/index';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('patchInt', () => {
  it('writes little-endian at the offset and leaves the rest alone', () => {
    const code = new Uint8Array(8).fill(0xaa);
    patchInt(code, 2, 0x11223344n, 32, false);
    expect(hex(code)).toBe('aaaa44332211aaaa');
  });

  it('writes negative values as two\'s complement', () => {
    const code = new Uint8Array(4);
    patchInt(code, 0, -4n, 32, true);
    expect(hex(code)).toBe('fcffffff');
    const wide = new Uint8Array(8);
    patchInt(wide, 0, -(1n << 63n), 64, true);
    expect(hex(wide)).toBe('0000000000000080');
  });

  it.each([
    [8, true, -128n, 127n],
    [8, false, 0n, 255n],
    [32, true, -(2n ** 31n), 2n ** 31n - 1n],
    [32, false, 0n, 2n ** 32n - 1n],
    [32, 'either', -(2n ** 31n), 2n ** 32n - 1n],
    [64, false, 0n, 2n ** 64n - 1n],
  ] as const)('%d-bit signed=%s accepts exactly [%d, %d]', (bits, signed, min, max) => {
    expect(fieldRange(bits, signed)).toEqual({ min, max });
    const code = new Uint8Array(8);
    expect(() => patchInt(code, 0, min, bits, signed)).not.toThrow();
    expect(() => patchInt(code, 0, max, bits, signed)).not.toThrow();
    expect(() => patchInt(code, 0, min - 1n, bits, signed)).toThrow(RelocationRangeError);
    expect(() => patchInt(code, 0, max + 1n, bits, signed)).toThrow(RelocationRangeError);
  });

  it('names the field, the value and the range, and does not write on failure', () => {
    const code = new Uint8Array(4).fill(0x90);
    let error: unknown;
    try {
      patchInt(code, 0, 0x80000000n, 32, true, 'R_TEST_PC32');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RelocationRangeError);
    const e = error as RelocationRangeError;
    expect(e.relocationType).toBe('R_TEST_PC32');
    expect(e.value).toBe(0x80000000n);
    expect(e.min).toBe(-0x80000000n);
    expect(e.max).toBe(0x7fffffffn);
    expect(e.message).toBe('R_TEST_PC32: value 0x80000000 (2147483648) is out of range [-0x80000000 (-2147483648), 0x7fffffff (2147483647)]');
    expect(hex(code)).toBe('90909090');
  });

  it('refuses writes outside the buffer', () => {
    expect(() => patchInt(new Uint8Array(4), 1, 0n, 32, false)).toThrow(RangeError);
    expect(() => patchInt(new Uint8Array(4), 1, 0n, 32, false)).not.toThrow(RelocationRangeError);
  });
});

describe('bit-field helpers', () => {
  it('insertBits replaces only the field (aarch64 B imm26 style)', () => {
    const code = new Uint8Array([0x00, 0x00, 0x00, 0x14]); // b .
    insertBits(code, 0, -1n, 0, 26);
    expect(readUint(code, 0, 4)).toBe(0x17ffffffn);
    insertBits(code, 0, 2n, 0, 26);
    expect(readUint(code, 0, 4)).toBe(0x14000002n);
  });

  it('checkAlignment reports the required multiple', () => {
    expect(() => checkAlignment(8n, 4, 'R_TEST_BRANCH')).not.toThrow();
    expect(() => checkAlignment(-8n, 4, 'R_TEST_BRANCH')).not.toThrow();
    expect(() => checkAlignment(6n, 4, 'R_TEST_BRANCH')).toThrow('R_TEST_BRANCH: value 0x6 (6) is not a multiple of 4');
  });

  it('writeUint and readUint round-trip', () => {
    const code = new Uint8Array(8);
    writeUint(code, 0, 8, 0x0102030405060708n);
    expect(hex(code)).toBe('0807060504030201');
    expect(readUint(code, 0, 8)).toBe(0x0102030405060708n);
  });
});
