import { ObjectBuilder, relocation, RelocationRangeError, type Relocation } from '@mewz/object';
import { link, LinkError, relocationValue, standardLayout, symbolAddress } from '../src/index';
import { FAKE_TYPES, readInt } from './fixtures';

function linkFields(relocations: Relocation[], fieldBytes = 32) {
  const object = new ObjectBuilder('a.o', 'x86_64')
    .addFunction('_start', new Uint8Array(fieldBytes), { relocations })
    // Pushes `t` to 8 bytes before a page end, so an addend can move it to the next page.
    .addData('pad', 'rodata', new Uint8Array(0xff8), { retain: true })
    .addData('t', 'rodata', new Uint8Array(8))
    .build();
  const image = link({ objects: [object], relocationTypes: FAKE_TYPES, layout: standardLayout({ base: 0x400000n }), entry: '_start' });
  const text = image.sections.find((s) => s.name === '.text')!;
  return { image, object, field: (offset: number, size: number, signed = false) => readInt(text.bytes, offset, size, signed) };
}

function linkError(fn: () => unknown): LinkError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LinkError) return e;
    throw e;
  }
  throw new Error('expected a LinkError');
}

describe('relocation arithmetic', () => {
  it.each([
    ['abs', 0x1000n, 8n, 0x5000n, 0x1008n],
    ['pcrel', 0x1000n, -4n, 0x5000n, -0x4004n],
    ['pcrel', 0x5000n, 0n, 0x1000n, 0x4000n],
    ['page-pcrel', 0x12345n, 0n, 0x1fffn, 0x11000n],
    ['page-pcrel', 0x1fffn, 1n, 0x2000n, 0n],
    ['page-pcrel', 0x1000n, 0n, 0x3000n, -0x2000n],
    ['page-offset', 0x12345n, 0n, 0x99999n, 0x345n],
    ['page-offset', 0x12fffn, 2n, 0n, 0x1n],
  ] as const)('%s: S=%d A=%d P=%d → %d', (kind, S, A, P, expected) => {
    expect(relocationValue(kind, S, A, P)).toBe(expected);
  });

  it('links each kind through a fake relocation table', () => {
    const { image, field, object } = linkFields([
      relocation(0, 'PC32', 't', -4n),
      relocation(8, 'ABS64', 't', 0x10n),
      relocation(16, 'PAGE', 't', 0x10n),
      relocation(20, 'LO12', 't', 0x10n),
      relocation(24, 'ABS32', 't'),
      relocation(28, 'PC32', '_start'),
    ]);
    const t = symbolAddress(image, 't');
    expect(t).toBe(0x401ff8n);
    expect(field(0, 4, true)).toBe(t - 4n - 0x400000n);
    expect(field(8, 8)).toBe(0x402008n);
    // Page(0x402008) - Page(0x400010) = 0x2000: two pages.
    expect(field(16, 4, true)).toBe(2n);
    expect(field(20, 2)).toBe(0x008n);
    expect(field(24, 4)).toBe(t);
    expect(field(28, 4, true)).toBe(-28n);
    // Inputs are not modified; the image has its own bytes.
    expect(object.sections[0]!.kind !== 'bss' && [...object.sections[0]!.bytes].every((b) => b === 0)).toBe(true);
  });

  it('reports range errors with type, value, range, symbol, section and offset, all at once', () => {
    const e = linkError(() => linkFields([relocation(1, 'PC8', 't', -1n), relocation(2, 'PC8', '_start'), relocation(5, 'PC8', 't', 4n)], 8));
    expect(e.message).toMatch(/^relocation failed \(2\):/);
    expect(e.problems).toEqual([
      'a.o (.text._start+0x1): relocation PC8 against t - 1: PC8: value 0x1ff6 (8182) is out of range [-0x80 (-128), 0x7f (127)]',
      'a.o (.text._start+0x5): relocation PC8 against t + 4: PC8: value 0x1ff7 (8183) is out of range [-0x80 (-128), 0x7f (127)]',
    ]);
    expect(e.cause).toBeInstanceOf(RelocationRangeError);
  });

  it('passes misalignment reported by the backend through, and patches bit fields', () => {
    const { field } = linkFields([relocation(0, 'B26', '_start', 0n), relocation(4, 'B26', 't', 0n)], 8);
    expect(field(0, 4)).toBe(0n);
    expect(field(4, 4)).toBe((0x401ff8n - 0x400004n) >> 2n);
    const e = linkError(() => linkFields([relocation(4, 'B26', 't', 2n)], 8));
    expect(e.problems).toEqual(['a.o (.text._start+0x4): relocation B26 against t + 2: B26: value 0x1ff6 (8182) is not a multiple of 4']);
  });

  it('names unknown relocation types once each, with a first use', () => {
    const e = linkError(() =>
      linkFields([relocation(0, 'R_NOPE', 't'), relocation(4, 'R_NOPE', 't'), relocation(8, 'constructor', 't'), relocation(12, 'PC32', 't', -4n)]),
    );
    expect(e.problems).toEqual([
      'unknown relocation type R_NOPE (2 uses, first in a.o (.text._start+0x0) against t)',
      'unknown relocation type constructor (1 use, first in a.o (.text._start+0x8) against t)',
    ]);
  });

  it('refuses a field that runs past the end of its section', () => {
    const e = linkError(() => linkFields([relocation(2, 'ABS64', 't')], 8));
    expect(e.problems).toEqual(['a.o (.text._start+0x2): relocation ABS64 against t patches 8 bytes, past the end of the section (8 bytes)']);
  });
});
