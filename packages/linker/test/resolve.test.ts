import { ObjectBuilder, relocation } from '@mewz/object';
import { link, LinkError, standardLayout, symbolAddress, type LinkOptions } from '../src/index';
import { FAKE_TYPES, readInt } from './fixtures';

const RET = [0xc3];
const CALL = (target: string, addend = -4n) => ({ code: [0xe8, 0, 0, 0, 0, 0xc3], relocations: [relocation(1, 'PC32', target, addend)] });
const obj = (name: string) => new ObjectBuilder(name, 'x86_64');

function linkWith(objects: LinkOptions['objects'], extra: Partial<LinkOptions> = {}) {
  return link({ objects, relocationTypes: FAKE_TYPES, layout: standardLayout({ base: 0x400000n }), entry: '_start', ...extra });
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

describe('symbol resolution', () => {
  it('reports every duplicate global with all defining objects at once', () => {
    const a = obj('a.o').addFunction('_start', RET).addFunction('dup1', RET).addFunction('dup2', RET).build();
    const b = obj('b.o').addFunction('dup1', RET).addFunction('dup2', RET).build();
    const c = obj('c.o').addFunction('dup2', RET).build();
    const e = linkError(() => linkWith([a, b, c]));
    expect(e.problems).toEqual([
      'dup1: defined in a.o (section .text.dup1) and b.o (section .text.dup1)',
      'dup2: defined in a.o (section .text.dup2), b.o (section .text.dup2) and c.o (section .text.dup2)',
    ]);
    expect(e.message).toMatch(/^duplicate symbols \(2\):/);
  });

  it('counts a linker-defined symbol as a definition', () => {
    const a = obj('a.o').addFunction('_start', RET).addBss('__bss_start', 8).build();
    expect(linkError(() => linkWith([a])).problems).toEqual(['__bss_start: defined in a.o (section .bss.__bss_start) and the linker (layout symbol)']);
  });

  it('reports every undefined symbol with every referencing place', () => {
    const start = CALL('missing1');
    const a = obj('a.o')
      .addFunction('_start', [...start.code, 0xe8, 0, 0, 0, 0], { relocations: [...start.relocations, relocation(7, 'PC32', 'missing2', -4n)] })
      .build();
    const b = obj('b.o').addFunction('helper', CALL('missing1').code, { relocations: CALL('missing1').relocations }).build();
    const c = obj('c.o').addFunction('other', [0xe8, 0, 0, 0, 0], { relocations: [relocation(1, 'PC32', 'helper', -4n)] }).build();
    const e = linkError(() => linkWith([a, b, c], { keep: ['other', 'missing3'] }));
    expect(e.message).toMatch(/^undefined symbols \(3\):/);
    expect(e.problems).toEqual([
      'missing3, referenced from the keep list',
      'missing1, referenced from a.o (.text._start+0x1), b.o (.text.helper+0x1)',
      'missing2, referenced from a.o (.text._start+0x7)',
    ]);
  });

  it('reports a missing entry point', () => {
    const a = obj('a.o').addFunction('main', RET).build();
    expect(linkError(() => linkWith([a])).problems).toEqual(['_start, referenced from the entry point']);
  });

  it('ignores undefined references from code that is removed', () => {
    const a = obj('a.o').addFunction('_start', RET).addFunction('unused', CALL('nowhere').code, { relocations: CALL('nowhere').relocations }).build();
    expect(() => linkWith([a])).not.toThrow();
    expect(() => linkWith([a], { removeUnused: false })).toThrow(/nowhere, referenced from a.o \(.text.unused\+0x1\)/);
  });

  it('lets a global definition override weak ones, in any object order', () => {
    const start = CALL('hook');
    const a = obj('a.o').addFunction('_start', start.code, { relocations: start.relocations }).addFunction('hook', [0x90, 0xc3], { binding: 'weak' }).build();
    const b = obj('b.o').addFunction('hook', [0xcc, 0xc3]).build();
    for (const objects of [[a, b], [b, a]]) {
      const image = linkWith(objects);
      const hook = image.symbols.filter((s) => s.name === 'hook');
      expect(hook).toEqual([expect.objectContaining({ object: 'b.o', binding: 'global' })]);
      // The weak body is unreferenced once overridden, so it is dropped.
      expect(image.stats.removed).toEqual([{ object: 'a.o', section: '.text.hook', size: 2 }]);
      const text = image.sections.find((s) => s.name === '.text')!;
      const call = image.symbols.find((s) => s.name === '_start')!.address;
      const rel = readInt(text.bytes, Number(call - text.address) + 1, 4, true);
      expect(call + 5n + rel).toBe(symbolAddress(image, 'hook'));
    }
  });

  it('uses the first weak definition when there is no global one', () => {
    const start = CALL('hook');
    const a = obj('a.o').addFunction('_start', start.code, { relocations: start.relocations }).build();
    const b = obj('b.o').addFunction('hook', [0x90, 0xc3], { binding: 'weak' }).build();
    const c = obj('c.o').addFunction('hook', [0xcc, 0xc3], { binding: 'weak' }).build();
    const image = linkWith([a, b, c]);
    expect(image.symbols.find((s) => s.name === 'hook')).toMatchObject({ object: 'b.o', binding: 'weak' });
    expect(image.stats.removed.map((r) => r.object)).toEqual(['c.o']);
  });

  it('resolves local symbols inside their own object only', () => {
    // Both objects have a local `impl`; each call must reach its own.
    const callImpl = CALL('impl');
    const a = obj('a.o')
      .addFunction('_start', [...callImpl.code, 0xe8, 0, 0, 0, 0], { relocations: [...callImpl.relocations, relocation(7, 'PC32', 'b_entry', -4n)] })
      .addFunction('impl', [0xb8, 1, 0, 0, 0, 0xc3], { binding: 'local' })
      .build();
    const b = obj('b.o')
      .addFunction('b_entry', callImpl.code, { relocations: callImpl.relocations })
      .addFunction('impl', [0xb8, 2, 0, 0, 0, 0xc3], { binding: 'local' })
      .build();
    const image = linkWith([a, b]);
    const text = image.sections.find((s) => s.name === '.text')!;
    const target = (caller: string) => {
      const at = image.symbols.find((s) => s.name === caller)!.address;
      return at + 5n + readInt(text.bytes, Number(at - text.address) + 1, 4, true);
    };
    const impls = image.symbols.filter((s) => s.name === 'impl');
    expect(impls.map((s) => [s.object, s.binding])).toEqual([
      ['a.o', 'local'],
      ['b.o', 'local'],
    ]);
    expect(target('_start')).toBe(impls[0]!.address);
    expect(target('b_entry')).toBe(impls[1]!.address);
    // A local is not visible from another object.
    const c = obj('c.o').addFunction('_start', CALL('impl').code, { relocations: CALL('impl').relocations }).build();
    const d = obj('d.o').addFunction('impl', RET, { binding: 'local' }).build();
    expect(linkError(() => linkWith([c, d])).problems).toEqual(['impl, referenced from c.o (.text._start+0x1)']);
  });

  it('refuses to mix ISAs and reports invalid objects', () => {
    const a = obj('a.o').addFunction('_start', RET).build();
    const b = new ObjectBuilder('b.o', 'aarch64').addFunction('f', [0xc0, 0x03, 0x5f, 0xd6]).build();
    expect(linkError(() => linkWith([a, b])).problems).toEqual(['x86_64: a.o', 'aarch64: b.o']);
    const bad = { ...a, name: 'bad.o', symbols: [...a.symbols, { ...a.symbols[0]!, name: 'x', section: '.text.gone' }] };
    expect(linkError(() => linkWith([bad])).problems).toEqual(['bad.o: symbol x is defined in section .text.gone, which does not exist']);
  });
});
