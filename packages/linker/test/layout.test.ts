import { ObjectBuilder, relocation } from '@mewz/object';
import { elfHeaderSpace } from '../src/elf/constants';
import { layoutProblems, link, LinkError, standardLayout, symbolAddress, type LayoutSpec, type LinkOptions } from '../src/index';
import { FAKE_TYPES } from './fixtures';

const sym = (image: ReturnType<typeof link>, name: string) => symbolAddress(image, name);

function objects() {
  const refs = ['f2', 'f3', 'ro1', 'ro2', 'rw1', 'z1', 'z2'].map((s, i) => relocation(i * 8, 'ABS64', s));
  return [
    new ObjectBuilder('a.o', 'x86_64')
      .addFunction('_start', [0xc3], { alignment: 1 })
      .addData('refs', 'rodata', new Uint8Array(refs.length * 8), { relocations: refs })
      .addFunction('f2', [0x90, 0x90, 0xc3], { alignment: 16 })
      .addData('ro1', 'rodata', [1], { alignment: 1 })
      .addBss('z1', 3, { alignment: 1 })
      .build(),
    new ObjectBuilder('b.o', 'x86_64')
      .addFunction('f3', [0xc3], { alignment: 64 })
      .addData('ro2', 'rodata', [2, 2], { alignment: 2 })
      .addData('rw1', 'data', [3, 3, 3, 3], { alignment: 4 })
      .addBss('z2', 0x2000, { alignment: 0x1000 })
      .build(),
  ];
}

function linkWith(layout: LayoutSpec, extra: Partial<LinkOptions> = {}) {
  return link({ objects: objects(), relocationTypes: FAKE_TYPES, layout, entry: '_start', keep: ['refs'], ...extra });
}

describe('layout', () => {
  it('groups sections by kind into page-aligned segments, honouring alignment', () => {
    const image = linkWith(standardLayout({ base: 0x400000n }));
    expect(image.segments.map((s) => [s.name, s.permissions, s.address, s.fileSize, s.memSize])).toEqual([
      ['text', 'r-x', 0x400000n, 0x41, 0x41],
      ['rodata', 'r--', 0x401000n, 0x3c, 0x3c],
      ['data', 'rw-', 0x402000n, 4, 4],
      ['bss', 'rw-', 0x403000n, 0, 0x3000],
    ]);
    // text: _start at 0 (align 1), f2 at 16, f3 at 64.
    expect([sym(image, '_start'), sym(image, 'f2'), sym(image, 'f3')]).toEqual([0x400000n, 0x400010n, 0x400040n]);
    // rodata: refs (8-aligned, 56 bytes), ro1, ro2 at the next even address.
    expect([sym(image, 'refs'), sym(image, 'ro1'), sym(image, 'ro2')]).toEqual([0x401000n, 0x401038n, 0x40103an]);
    expect(sym(image, 'rw1')).toBe(0x402000n);
    // bss: z1 at 0, z2 rounded up to its 4 KiB alignment; the output section takes the largest.
    expect([sym(image, 'z1'), sym(image, 'z2')]).toEqual([0x403000n, 0x404000n]);
    const bss = image.sections.find((s) => s.name === '.bss')!;
    expect([bss.address, bss.size, bss.alignment, bss.bytes.length]).toEqual([0x403000n, 0x3000, 0x1000, 0]);
    expect(image.sections.find((s) => s.name === '.text')!.alignment).toBe(64);
    expect(image.sections.map((s) => s.name)).toEqual(['.text', '.note', '.rodata', '.data', '.bss']);
    expect(image.sections.find((s) => s.name === '.text')!.inputs).toEqual([
      { object: 'a.o', section: '.text._start', address: 0x400000n, size: 1 },
      { object: 'a.o', section: '.text.f2', address: 0x400010n, size: 3 },
      { object: 'b.o', section: '.text.f3', address: 0x400040n, size: 1 },
    ]);
    expect(image.headerSpace).toBe(0);
  });

  it('defines the layout symbols and regions', () => {
    const layout = standardLayout({ base: 0x100000n, stackSize: 0x10000 });
    const image = linkWith(layout, { keep: ['refs', '__stack_top'] });
    expect(sym(image, '__image_start')).toBe(0x100000n);
    expect(sym(image, '__bss_start')).toBe(0x103000n);
    // z1, z2 (0x104000..0x106000), then the 16-aligned stack, whose object comes last.
    expect(sym(image, '__stack_bottom')).toBe(0x106000n);
    expect(sym(image, '__stack_top')).toBe(0x116000n);
    expect(sym(image, '__bss_end')).toBe(0x116000n);
    expect(sym(image, '__image_end')).toBe(0x116000n);
  });

  it('resolves segment, section and absolute anchors, and collapses empty segments', () => {
    const layout: LayoutSpec = {
      base: 0x80000000n,
      pageSize: 0x10000,
      segments: [
        { name: 'code', kinds: ['text', 'rodata'], permissions: 'r-x' },
        { name: 'empty', kinds: ['note'], permissions: 'r--' },
        { name: 'rw', kinds: ['data', 'bss'], permissions: 'rw-' },
      ],
      symbols: [
        { name: 'code_end', at: { segment: 'code', edge: 'end' } },
        { name: 'empty_start', at: { segment: 'empty', edge: 'start' } },
        { name: 'rw_start', at: { segment: 'rw', edge: 'start' } },
        { name: 'data_end', at: { section: 'data', edge: 'end' } },
        { name: 'uart', at: { absolute: 0x9000000n } },
      ],
    };
    const image = linkWith(layout);
    // text (0x41 bytes), then rodata in the same segment at the next 8-byte boundary.
    expect(image.segments.map((s) => [s.name, s.address, s.fileSize, s.memSize])).toEqual([
      ['code', 0x80000000n, 0x84, 0x84],
      ['rw', 0x80010000n, 4, 0x4000],
    ]);
    expect(sym(image, 'refs')).toBe(0x80000048n);
    expect(sym(image, 'code_end')).toBe(0x80000084n);
    expect(sym(image, 'empty_start')).toBe(0x80000084n);
    expect(sym(image, 'rw_start')).toBe(0x80010000n);
    expect(sym(image, 'data_end')).toBe(0x80010004n);
    expect(sym(image, 'z2')).toBe(0x80012000n);
    expect(sym(image, 'uart')).toBe(0x9000000n);
    const uart = image.symbols.find((s) => s.name === 'uart')!;
    expect([uart.binding, uart.section]).toEqual(['global', undefined]);
  });

  it('places `placeFirst` sections at the start of their output section', () => {
    const image = linkWith(standardLayout({ base: 0x400000n, placeFirst: ['.text.f3', '.text.f2'] }));
    expect([sym(image, 'f3'), sym(image, 'f2'), sym(image, '_start')]).toEqual([0x400000n, 0x400010n, 0x400013n]);
  });

  it('reserves room for the ELF headers in the first segment when asked', () => {
    const image = linkWith(standardLayout({ base: 0x400000n, headersInFirstSegment: true }));
    expect(image.headerSpace).toBe(elfHeaderSpace(4));
    expect(image.headerSpace).toBe(64 + 56 * 6);
    expect(image.segments[0]).toMatchObject({ address: 0x400000n, containsHeaders: true });
    // .text takes its largest input alignment (64): after the 0x190 header bytes, 0x1c0.
    expect([sym(image, '_start'), sym(image, 'f2'), sym(image, 'f3')]).toEqual([0x4001c0n, 0x4001d0n, 0x400200n]);
    expect(image.segments[0]!.fileSize).toBe(0x201);
  });

  it('reports every layout problem at once', () => {
    const bad: LayoutSpec = {
      base: 0x400100n,
      pageSize: 4096,
      segments: [
        { name: 'a', kinds: ['text', 'bss', 'data'], permissions: 'rwx' },
        { name: 'a', kinds: ['text'], permissions: 'r-x' },
      ],
      symbols: [{ name: 'x', at: { segment: 'nope', edge: 'start' } }],
    };
    expect(layoutProblems(bad)).toEqual([
      'base 0x400100 is not aligned to the page size 4096',
      'segment a: bss must be its last kind (it has no file bytes)',
      'segment a is listed twice',
      'section kind text is in segments a and a',
      'symbol x refers to unknown segment nope',
    ]);
    expect(() => linkWith(bad)).toThrow(LinkError);
  });

  it('refuses sections whose kind has no segment', () => {
    const layout: LayoutSpec = { base: 0x400000n, pageSize: 4096, segments: [{ name: 'text', kinds: ['text'], permissions: 'r-x' }] };
    expect(() => linkWith(layout)).toThrow(/no segment for some sections:\n {2}a.o \(.rodata.refs\): kind rodata/);
  });
});
