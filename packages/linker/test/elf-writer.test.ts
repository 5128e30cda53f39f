import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectBuilder, relocation } from '@mewz/object';
import { link, LinkError, standardLayout, writeElf64, type LinkedImage } from '../src/index';
import { FAKE_TYPES, hex, parseElf } from './fixtures';

// A PVH-style note: namesz 4, descsz 4, type 18, "Xen\0", a 32-bit entry address.
const NOTE = [4, 0, 0, 0, 4, 0, 0, 0, 18, 0, 0, 0, 0x58, 0x65, 0x6e, 0, 0, 0, 0, 0];

function program(headersInFirstSegment = false): LinkedImage {
  const boot = new ObjectBuilder('boot.o', 'x86_64')
    .addFunction('_start', [0xe8, 0, 0, 0, 0, 0xf4], { relocations: [relocation(1, 'PC32', 'main', -4n)] })
    .addSection('.note.pvh', 'note', NOTE, { alignment: 4, relocations: [relocation(16, 'ABS32', '_start')] })
    .build();
  const app = new ObjectBuilder('app.o', 'x86_64')
    .addFunction('main', [0xe8, 0, 0, 0, 0, 0xc3], { relocations: [relocation(1, 'PC32', 'helper', -4n)] })
    .addFunction('helper', [0x8b, 0x05, 0, 0, 0, 0, 0xc3], { binding: 'local', relocations: [relocation(2, 'PC32', 'greeting', -4n)] })
    .addData('greeting', 'rodata', [0x68, 0x69, 0], { relocations: [] })
    .addData('counter', 'data', new Uint8Array(8), { relocations: [relocation(0, 'ABS64', 'heap')], retain: true })
    .addBss('heap', 0x3000, { alignment: 0x1000, binding: 'weak' })
    .build();
  return link({ objects: [boot, app], relocationTypes: FAKE_TYPES, layout: standardLayout({ base: 0x100000n, headersInFirstSegment }), entry: '_start' });
}

const PT_LOAD = 1;
const PT_NOTE = 4;
const PT_GNU_STACK = 0x6474e551;

describe('writeElf64', () => {
  const image = program();
  const file = writeElf64(image, { machine: 'x86_64', type: 'exec', gnuStack: true });
  const elf = parseElf(file);

  it('writes an ELF64 little-endian executable header', () => {
    expect(hex(elf.ident)).toBe('7f454c46020101000000000000000000');
    expect([elf.type, elf.machine, elf.version, elf.ehsize, elf.phentsize, elf.shentsize, elf.phoff]).toEqual([2, 62, 1, 64, 56, 64, 64]);
    expect(elf.entry).toBe(0x100000n);
    expect(elf.shdrs[elf.shstrndx]!.name).toBe('.shstrtab');
    expect(parseElf(writeElf64(image, { machine: 'aarch64', type: 'exec' })).machine).toBe(183);
    expect(parseElf(writeElf64(image, { machine: 243, type: 'exec' })).machine).toBe(243);
  });

  it('has one PT_LOAD per segment with its permissions, then PT_NOTE and PT_GNU_STACK', () => {
    expect(elf.phdrs.map((p) => [p.type, p.flags, p.vaddr, p.filesz, p.memsz, p.align])).toEqual([
      [PT_LOAD, 5, 0x100000n, 0x27, 0x27, 4096],
      [PT_LOAD, 4, 0x101000n, 0x1b, 0x1b, 4096],
      [PT_LOAD, 6, 0x102000n, 8, 8, 4096],
      [PT_LOAD, 6, 0x103000n, 0, 0x3000, 4096],
      [PT_NOTE, 4, 0x101000n, 20, 20, 4],
      [PT_GNU_STACK, 6, 0n, 0, 0, 16],
    ]);
    for (const p of elf.phdrs) {
      if (p.type === PT_LOAD) expect(BigInt(p.offset % 4096)).toBe(p.vaddr % 4096n);
      expect(p.paddr).toBe(p.vaddr);
    }
    // The note's file bytes carry the relocated entry address.
    const note = elf.phdrs[4]!;
    expect(hex(file.subarray(note.offset, note.offset + 20))).toBe('04000000040000001200000058656e0000001000');
  });

  it('writes section headers whose file bytes are the image sections', () => {
    expect(elf.shdrs.map((s) => [s.name, s.type, s.flags, s.addr, s.size])).toEqual([
      ['', 0, 0, 0n, 0],
      ['.text', 1, 6, 0x100000n, 0x27],
      ['.note', 7, 2, 0x101000n, 20],
      ['.rodata', 1, 2, 0x101018n, 3],
      ['.data', 1, 3, 0x102000n, 8],
      ['.bss', 8, 3, 0x103000n, 0x3000],
      ['.symtab', 2, 0, 0n, elf.symbols.length * 24],
      ['.strtab', 3, 0, 0n, expect.any(Number)],
      ['.shstrtab', 3, 0, 0n, expect.any(Number)],
    ]);
    for (const s of image.sections.filter((s) => s.kind !== 'bss' && s.size > 0)) {
      const h = elf.shdrs.find((x) => x.name === s.name)!;
      expect(hex(file.subarray(h.offset, h.offset + h.size))).toBe(hex(s.bytes));
    }
    const symtab = elf.shdrs.find((s) => s.name === '.symtab')!;
    expect(elf.shdrs[symtab.link]!.name).toBe('.strtab');
    expect([symtab.entsize, symtab.align]).toEqual([24, 8]);
  });

  it('writes locals first (after a FILE symbol), then globals, with types and sizes', () => {
    const shndx = (name: string) => elf.shdrs.findIndex((s) => s.name === name);
    const ABS = 0xfff1;
    expect(elf.symbols.map((s) => [s.name, s.bind, s.type, s.shndx, s.value, s.size])).toEqual([
      ['', 0, 0, 0, 0n, 0],
      ['app.o', 0, 4, ABS, 0n, 0],
      ['helper', 0, 2, shndx('.text'), 0x100020n, 7],
      ['_start', 1, 2, shndx('.text'), 0x100000n, 6],
      ['main', 1, 2, shndx('.text'), 0x100010n, 6],
      ['greeting', 1, 1, shndx('.rodata'), 0x101018n, 3],
      ['counter', 1, 1, shndx('.data'), 0x102000n, 8],
      ['heap', 2, 1, shndx('.bss'), 0x103000n, 0x3000],
      ['__image_start', 1, 0, ABS, 0x100000n, 0],
      ['__image_end', 1, 0, ABS, 0x106000n, 0],
      ['__bss_start', 1, 0, ABS, 0x103000n, 0],
      ['__bss_end', 1, 0, ABS, 0x106000n, 0],
    ]);
    expect(elf.shdrs.find((s) => s.name === '.symtab')!.info).toBe(3);
  });

  it('maps the headers with the first segment when room was reserved', () => {
    const reserved = program(true);
    const out = parseElf(writeElf64(reserved, { machine: 'x86_64', type: 'exec' }));
    expect(out.phdrs[0]).toMatchObject({ type: PT_LOAD, offset: 0, vaddr: 0x100000n });
    expect(out.phdrs[0]!.filesz).toBeGreaterThan(64 + 56 * out.phdrs.length);
    expect(out.entry).toBe(0x100000n + BigInt(reserved.headerSpace));
    // The writer can still keep them out of the segment.
    const apart = parseElf(writeElf64(reserved, { machine: 'x86_64', type: 'exec', headersInFirstSegment: false }));
    expect(apart.phdrs[0]!.offset).toBe(4096);
    expect(() => writeElf64(image, { machine: 'x86_64', type: 'exec', headersInFirstSegment: true })).toThrow(LinkError);
  });

  it('can leave out notes and symbols', () => {
    const bare = parseElf(writeElf64(image, { machine: 'x86_64', type: 'exec', noteSegments: false, symbols: false }));
    expect(bare.phdrs.map((p) => p.type)).toEqual([PT_LOAD, PT_LOAD, PT_LOAD, PT_LOAD]);
    expect(bare.shdrs.map((s) => s.name)).toEqual(['', '.text', '.note', '.rodata', '.data', '.bss', '.shstrtab']);
  });

  describe('accepted by binutils', () => {
    const hasTool = (name: string) => spawnSync(name, ['--version']).status === 0;
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'mewz-elf-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('readelf -h -l -S -s reads it without complaint', () => {
      if (!hasTool('readelf')) {
        console.log('skipped: readelf (binutils) is not installed');
        return;
      }
      for (const [name, bytes] of [
        ['plain', file],
        ['headers-in-segment', writeElf64(program(true), { machine: 'x86_64', type: 'exec' })],
      ] as const) {
        const path = join(dir, name);
        writeFileSync(path, bytes);
        const r = spawnSync('readelf', ['-W', '-h', '-l', '-S', '-s', path], { encoding: 'utf8' });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(/Type:\s+EXEC \(Executable file\)/);
        expect(r.stdout).toMatch(/Machine:\s+Advanced Micro Devices X86-64/);
        expect(r.stdout).toMatch(/NOTE\s/);
        expect(r.stdout).toMatch(/\s6 FUNC\s+GLOBAL DEFAULT\s+1 _start/);
        expect(r.stdout).toMatch(/\s7 FUNC\s+LOCAL\s+DEFAULT\s+1 helper/);
        expect(r.stdout).toMatch(/OBJECT\s+WEAK\s+DEFAULT\s+5 heap/);
      }
    });

    it('objdump disassembles it with function names', () => {
      if (!hasTool('objdump')) {
        console.log('skipped: objdump (binutils) is not installed');
        return;
      }
      const path = join(dir, 'objdump');
      writeFileSync(path, file);
      const r = spawnSync('objdump', ['-d', path], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/0000000000100000 <_start>:/);
      expect(r.stdout).toMatch(/call\s+100010 <main>/);
      expect(r.stdout).toMatch(/call\s+100020 <helper>/);
    });
  });
});
