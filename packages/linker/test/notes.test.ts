import { ObjectBuilder } from '@mewz/object';
import { layoutProblems, link, LinkError, noteBytes, standardLayout, writeElf64, type LayoutSpec } from '../src/index';
import { FAKE_TYPES, hex, parseElf } from './fixtures';

const PT_NOTE = 4;

function boot() {
  return new ObjectBuilder('boot.o', 'x86_64').addFunction('_start', [0x90, 0xc3], { alignment: 16 }).build();
}

function layoutWith(notes: LayoutSpec['notes']): LayoutSpec {
  return { ...standardLayout({ base: 0x500000n }), notes };
}

describe('layout notes', () => {
  it('pads the name and the descriptor to 4 bytes', () => {
    expect(hex(noteBytes('Xen', 18, new Uint8Array([1, 2, 3, 4, 5])))).toBe(
      '04000000' + '05000000' + '12000000' + '58656e00' + '0102030405000000',
    );
    expect(hex(noteBytes('GNU', 1, new Uint8Array(0)))).toBe('04000000' + '00000000' + '01000000' + '474e5500');
  });

  it('writes a symbol address descriptor and covers the notes with a PT_NOTE segment', () => {
    const image = link({
      objects: [boot()],
      relocationTypes: FAKE_TYPES,
      layout: layoutWith([
        { owner: 'Xen', type: 18, desc: { address: '_start', size: 8 } },
        { owner: 'mewz', type: 7, desc: new Uint8Array([0xaa]) },
      ]),
      entry: '_start',
    });
    const note = image.sections.find((s) => s.kind === 'note')!;
    expect(note.segment).toBe('rodata');
    expect(note.alignment).toBe(4);
    // Xen note: 12 + 4 (name) + 8 (desc) bytes, desc = _start = 0x500000; then the second note.
    expect(hex(note.bytes)).toBe('04000000080000001200000058656e000000500000000000' + '050000000100000007000000' + '6d65777a00000000' + 'aa000000');
    const elf = parseElf(writeElf64(image, { machine: 'x86_64', type: 'exec' }));
    const phdr = elf.phdrs.find((p) => p.type === PT_NOTE)!;
    expect([phdr.vaddr, phdr.filesz, phdr.align]).toEqual([note.address, note.size, 4]);
  });

  it('rejects bad notes and a layout without a note segment', () => {
    expect(layoutProblems(layoutWith([{ owner: '', type: -1, desc: new Uint8Array(0) }]))).toEqual([
      'note 0: the owner name must be non-empty text without NUL',
      'note 0 (): type -1 is not a u32',
    ]);
    const noNoteSegment: LayoutSpec = { ...layoutWith([{ owner: 'Xen', type: 18, desc: new Uint8Array(4) }]), segments: [{ name: 'all', kinds: ['text'], permissions: 'r-x' }] };
    expect(layoutProblems(noNoteSegment)).toContain('the layout has notes but no segment holding kind note');
  });

  it('names a missing relocation width', () => {
    const types = { PC32: FAKE_TYPES.PC32! };
    expect(() => link({ objects: [boot()], relocationTypes: types, layout: layoutWith([{ owner: 'Xen', type: 18, desc: { address: '_start', size: 8 } }]), entry: '_start' })).toThrow(
      new LinkError('note Xen 18: the backend has no 64-bit absolute relocation for the address of _start'),
    );
  });
});
