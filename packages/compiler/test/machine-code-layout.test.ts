import { type CodeBuffer, LabelledCode, type LayoutRules, sym } from '../src/index.js';

// A toy ISA: a branch is 2 bytes (0xb0, displacement from its end) while the label is within
// ±8 bytes, else 4 (0xb1, 0, 16-bit displacement); padding is 0x90 or zeros.
const rules: LayoutRules<{ tag: number }> = {
  size: (_b, long) => (long ? 4 : 2),
  reaches: (_b, pos, target) => Math.abs(target - (pos + 2)) <= 8,
  write: (out: CodeBuffer, b, long, pos, target) => {
    if (long) out.bytes([0xb1, b.tag]), out.u16(target - (pos + 4));
    else out.bytes([0xb0, (target - (pos + 2)) & 0xff]);
  },
  pad: (out, n, fill) => out.bytes(new Array<number>(n).fill(fill === 'nop' ? 0x90 : 0)),
  relocationTypes: {
    pc8: { name: 'pc8', kind: 'pcrel', size: 1, patch: (code, at, v) => void (code[at] = Number(v) & 0xff) },
    abs8: { name: 'abs8', kind: 'abs', size: 1, patch: (code, at, v) => void (code[at] = Number(v)) },
  },
};

describe('LabelledCode', () => {
  it('keeps a branch short while it reaches and makes it long when it does not', () => {
    const near = new LabelledCode(rules);
    const l = near.newLabel();
    near.branch(l, { tag: 1 });
    near.buf.bytes([1, 2]);
    near.bind(l);
    expect([...near.finish().code]).toEqual([0xb0, 2, 1, 2]);

    const far = new LabelledCode(rules);
    const m = far.newLabel('end');
    far.branch(m, { tag: 7 });
    far.buf.bytes(new Array<number>(10).fill(0xee));
    far.bind(m);
    const out = far.finish();
    expect([...out.code.subarray(0, 4)]).toEqual([0xb1, 7, 10, 0]);
    expect(out.labels.get('end')).toBe(14);
    expect(out.offsetOf(m)).toBe(14);
  });

  it('pads to the alignment from the final positions, and moves fixups with the code', () => {
    const code = new LabelledCode(rules);
    const back = code.newLabel();
    code.bind(back);
    code.buf.u8(0xaa);
    code.align(4, 'nop');
    code.buf.addFixup({ offset: code.buf.length, type: 'pc8', target: back, addend: 0n });
    code.buf.u8(0);
    code.buf.addFixup({ offset: code.buf.length, type: 'abs8', target: sym('ext', 2), addend: 2n });
    code.buf.u8(0);
    const out = code.finish();
    expect([...out.code]).toEqual([0xaa, 0x90, 0x90, 0x90, (0 - 4) & 0xff, 0]);
    expect(out.relocations).toEqual([{ offset: 5, type: 'abs8', symbol: 'ext', addend: 2n }]);
  });

  it('rejects foreign, twice-bound and unbound labels, bad alignments and unknown relocation types', () => {
    const a = new LabelledCode(rules);
    const b = new LabelledCode(rules);
    const l = a.newLabel('x');
    expect(() => a.newLabel('x')).toThrow("label 'x' is already defined");
    expect(() => b.bind(l)).toThrow('was not created by this assembler');
    a.bind(l);
    expect(() => a.bind(l)).toThrow('bound twice');
    expect(() => a.align(3, 'zero')).toThrow('align: 3 is not a power of two');
    const u = a.newLabel();
    a.branch(u, { tag: 0 });
    expect(() => a.finish()).toThrow('unbound label referenced: L1');
    const c = new LabelledCode(rules);
    c.buf.addFixup({ offset: 0, type: 'nope', target: sym('y'), addend: 0n });
    expect(() => c.finish()).toThrow('unknown relocation type nope');
  });
});
