import { ObjectBuilder, relocation } from '@mewz/object';
import { link, standardLayout, type LinkOptions } from '../src/index';
import { FAKE_TYPES } from './fixtures';

const call = (target: string) => ({ relocations: [relocation(1, 'PC32', target, -4n)] });
const CALL = [0xe8, 0, 0, 0, 0, 0xc3];

function linkWith(objects: LinkOptions['objects'], extra: Partial<LinkOptions> = {}) {
  return link({ objects, relocationTypes: FAKE_TYPES, layout: standardLayout({ base: 0x400000n }), entry: '_start', ...extra });
}

// _start → a → b (via data: a reads `table`, whose entry points at b); c and d are dead,
// d only referenced by c.
const program = () => [
  new ObjectBuilder('main.o', 'x86_64')
    .addFunction('_start', CALL, call('a'))
    .addFunction('c', CALL, call('d'))
    .addBss('unused_buffer', 100)
    .build(),
  new ObjectBuilder('lib.o', 'x86_64')
    .addFunction('a', [0x48, 0x8b, 0x05, 0, 0, 0, 0, 0xc3], { relocations: [relocation(3, 'PC32', 'table', -4n)] })
    .addData('table', 'rodata', new Uint8Array(8), { relocations: [relocation(0, 'ABS64', 'b')] })
    .addFunction('b', [0xc3])
    .addFunction('d', [0x90, 0xc3])
    .addData('counter', 'data', new Uint8Array(4))
    .build(),
];

describe('dead-code removal', () => {
  it('keeps what the entry reaches through code and data, and reports the rest', () => {
    const image = linkWith(program());
    const kept = image.sections.flatMap((s) => s.inputs.map((i) => `${i.object}:${i.section}`));
    expect(kept).toEqual(['main.o:.text._start', 'lib.o:.text.a', 'lib.o:.text.b', 'lib.o:.rodata.table']);
    expect(image.stats).toEqual({
      keptSections: 4,
      removedSections: 4,
      keptBytes: 6 + 8 + 1 + 8,
      removedBytes: 6 + 100 + 2 + 4,
      removed: [
        { object: 'main.o', section: '.text.c', size: 6 },
        { object: 'main.o', section: '.bss.unused_buffer', size: 100 },
        { object: 'lib.o', section: '.text.d', size: 2 },
        { object: 'lib.o', section: '.data.counter', size: 4 },
      ],
    });
    // Symbols of removed sections are gone too.
    expect(image.symbols.map((s) => s.name).sort()).toEqual(['__bss_end', '__bss_start', '__image_end', '__image_start', '_start', 'a', 'b', 'table']);
  });

  it('keeps `keep` symbols and what they reference', () => {
    const image = linkWith(program(), { keep: ['c', 'counter'] });
    expect(image.stats.removed.map((r) => r.section)).toEqual(['.bss.unused_buffer']);
  });

  it('keeps notes and retained sections although nothing references them', () => {
    const objects = [
      new ObjectBuilder('boot.o', 'x86_64')
        .addFunction('_start', [0xc3])
        .addSection('.note.boot', 'note', new Uint8Array(20), { alignment: 4 })
        .addSection('.rodata.pinned', 'rodata', [1, 2, 3], { retain: true })
        .addSection('.rodata.loose', 'rodata', [4, 5, 6])
        .build(),
    ];
    const image = linkWith(objects);
    expect(image.stats.removed.map((r) => r.section)).toEqual(['.rodata.loose']);
  });

  it('keeps everything when removal is off', () => {
    const image = linkWith(program(), { removeUnused: false });
    expect(image.stats).toMatchObject({ removedSections: 0, removedBytes: 0, removed: [], keptSections: 8 });
  });

  it('keeps a layout region only when referenced', () => {
    const layout = standardLayout({ base: 0x400000n, stackSize: 0x4000 });
    const unused = link({ objects: program(), relocationTypes: FAKE_TYPES, layout, entry: '_start' });
    expect(unused.stats.removed).toContainEqual({ object: '<linker>', section: '.bss.stack', size: 0x4000 });
    const user = new ObjectBuilder('boot.o', 'x86_64').addData('stack_ptr', 'rodata', new Uint8Array(8), { relocations: [relocation(0, 'ABS64', '__stack_top')] }).build();
    const used = link({ objects: [...program(), user], relocationTypes: FAKE_TYPES, layout, entry: '_start', keep: ['stack_ptr'] });
    expect(used.stats.removed.map((r) => r.section)).not.toContain('.bss.stack');
  });
});
