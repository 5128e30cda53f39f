import { CodeBuffer, isLabel, isSymbolRef, Label, sym } from '../src/index.js';

describe('CodeBuffer', () => {
  it('writes little-endian integers of each size and grows past its first capacity', () => {
    const buf = new CodeBuffer();
    buf.u8(0x1ff); // only the low byte is kept
    buf.u16(0x1234);
    buf.u32(0xdeadbeef);
    buf.u64(-2n);
    buf.int(2, -1n);
    buf.int(4, 0x01020304n);
    expect([...buf.toBytes()]).toEqual([
      0xff, 0x34, 0x12, 0xef, 0xbe, 0xad, 0xde, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x04, 0x03, 0x02, 0x01,
    ]);
    const big = new CodeBuffer();
    for (let i = 0; i < 1000; i++) big.u8(i);
    expect(big.length).toBe(1000);
    expect(big.view(998)).toEqual(Uint8Array.of(998 & 0xff, 999 & 0xff));
    big.bytes([1, 2, 3]);
    expect([...big.view(1000)]).toEqual([1, 2, 3]);
  });

  it('toBytes is a copy; view shares the buffer', () => {
    const buf = new CodeBuffer();
    buf.u32(0);
    const copy = buf.toBytes();
    buf.view()[0] = 7;
    expect(copy[0]).toBe(0);
    expect(buf.toBytes()[0]).toBe(7);
  });

  it('keeps fixups in the order they were added', () => {
    const buf = new CodeBuffer();
    const l = new Label(3);
    buf.addFixup({ offset: 1, type: 'pc32', target: l, addend: -4n });
    buf.addFixup({ offset: 5, type: 'abs64', target: sym('app.f', 8), addend: 0n });
    expect(buf.fixups.map((f) => [f.offset, String(isLabel(f.target) ? f.target : f.target.symbol)])).toEqual([
      [1, 'L3'],
      [5, 'app.f'],
    ]);
  });

  it('tells labels from symbol references', () => {
    expect(isLabel(new Label(0, 'entry'))).toBe(true);
    expect(String(new Label(0, 'entry'))).toBe('entry');
    expect(isLabel(sym('x'))).toBe(false);
    expect(isSymbolRef(sym('x'))).toBe(true);
    expect(isSymbolRef(new Label(1))).toBe(false);
    expect(isSymbolRef(null)).toBe(false);
    expect(isSymbolRef({ symbol: 3 })).toBe(false);
  });
});
