import { CodeBuffer } from '../src/index.js';

describe('CodeBuffer', () => {
  it('keeps every byte written across growth, whatever the write width at the boundary', () => {
    for (const width of [1, 2, 4, 8] as const) {
      const buf = new CodeBuffer();
      const expected: number[] = [];
      for (let i = 0; i < 5000; i++) {
        const v = (i * 37 + width) & 0xff;
        if (width === 1) buf.u8(v);
        else buf.int(width, BigInt(v));
        expected.push(v, ...new Array(width - 1).fill(0));
      }
      expect([...buf.toBytes()]).toEqual(expected);
    }
  });
});
