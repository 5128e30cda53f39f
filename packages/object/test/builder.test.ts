import { ObjectBuilder, ObjectFormatError, objectProblems, relocation, sectionSize, type ObjectFile } from '../src/index';

describe('ObjectBuilder', () => {
  it('puts each definition in its own section with a covering symbol', () => {
    const obj = new ObjectBuilder('a.o', 'x86_64')
      .addFunction('main', [0xe8, 0, 0, 0, 0, 0xc3], { relocations: [relocation(1, 'PC32', 'helper', -4n)] })
      .addData('table', 'rodata', [1, 2, 3, 4], { alignment: 4 })
      .addData('counter', 'data', new Uint8Array(8), { binding: 'local' })
      .addBss('buffer', 4096, { alignment: 4096 })
      .build();
    expect(obj.sections.map((s) => [s.name, s.kind, s.alignment, sectionSize(s)])).toEqual([
      ['.text.main', 'text', 16, 6],
      ['.rodata.table', 'rodata', 4, 4],
      ['.data.counter', 'data', 8, 8],
      ['.bss.buffer', 'bss', 4096, 4096],
    ]);
    expect(obj.symbols).toEqual([
      { name: 'main', section: '.text.main', offset: 0, size: 6, binding: 'global', type: 'func' },
      { name: 'table', section: '.rodata.table', offset: 0, size: 4, binding: 'global', type: 'object' },
      { name: 'counter', section: '.data.counter', offset: 0, size: 8, binding: 'local', type: 'object' },
      { name: 'buffer', section: '.bss.buffer', offset: 0, size: 4096, binding: 'global', type: 'object' },
    ]);
    expect(obj.sections[0]!.relocations).toEqual([{ offset: 1, type: 'PC32', symbol: 'helper', addend: -4n }]);
  });

  it('copies bytes so the caller may reuse its buffer', () => {
    const buf = new Uint8Array([1, 2, 3]);
    const obj = new ObjectBuilder('a.o', 'x86_64').addSection('.rodata.x', 'rodata', buf).build();
    buf[0] = 9;
    expect(obj.sections[0]!.kind !== 'bss' && obj.sections[0]!.bytes[0]).toBe(1);
  });

  it('allows a symbol at the end of its section (stack top)', () => {
    const obj = new ObjectBuilder('stack.o', 'x86_64')
      .addBssSection('.bss.stack', 65536, { alignment: 16 })
      .defineSymbol('stack_bottom', '.bss.stack')
      .defineSymbol('stack_top', '.bss.stack', { offset: 65536 })
      .build();
    expect(obj.symbols.map((s) => s.offset)).toEqual([0, 65536]);
  });

  it('lists every problem at once', () => {
    const b = new ObjectBuilder('bad.o', 'x86_64')
      .addSection('.text.f', 'text', [0xc3], { alignment: 3, relocations: [relocation(4, 'PC32', 'g')] })
      .addSection('.text.f', 'text', [0xc3])
      .defineSymbol('f', '.text.f')
      .defineSymbol('f', '.text.f')
      .defineSymbol('g', '.text.nowhere')
      .defineSymbol('h', '.text.f', { offset: 1, size: 1 });
    let error: unknown;
    try {
      b.build();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ObjectFormatError);
    expect((error as ObjectFormatError).problems).toEqual([
      'section .text.f has alignment 3, not a power of two',
      'section .text.f: relocation PC32 against g at offset 4 is outside the section (1 bytes)',
      'section .text.f is defined twice',
      'symbol f is defined twice',
      'symbol g is defined in section .text.nowhere, which does not exist',
      'symbol h (offset 1, size 1) does not fit section .text.f (1 bytes)',
    ]);
  });

  it('rejects relocations in bss', () => {
    const obj = {
      name: 'x.o',
      isa: 'x86_64',
      sections: [{ name: '.bss.x', kind: 'bss', size: 8, alignment: 8, relocations: [relocation(0, 'ABS64', 'y')] }],
      symbols: [],
    } as unknown as ObjectFile;
    expect(objectProblems(obj)).toContain('section .bss.x is bss but has relocations');
  });
});
