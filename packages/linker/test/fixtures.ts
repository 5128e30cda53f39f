// A fake backend relocation table (one type per kind, plus narrow ones to provoke range
// errors) and a small ELF64 reader, so tests check the linker without a real backend.
import { checkAlignment, checkRange, insertBits, patchInt, type RelocationType } from '@mewz/object';

const type = (name: string, kind: RelocationType['kind'], size: number, patch: RelocationType['patch']): RelocationType => ({ name, kind, size, patch });

export const FAKE_TYPES: Record<string, RelocationType> = {
  PC32: type('PC32', 'pcrel', 4, (c, o, v) => patchInt(c, o, v, 32, true, 'PC32')),
  PC8: type('PC8', 'pcrel', 1, (c, o, v) => patchInt(c, o, v, 8, true, 'PC8')),
  ABS64: type('ABS64', 'abs', 8, (c, o, v) => patchInt(c, o, v, 64, false, 'ABS64')),
  ABS32: type('ABS32', 'abs', 4, (c, o, v) => patchInt(c, o, v, 32, false, 'ABS32')),
  // ADRP-like: a signed 33-bit page distance, stored here as a plain page count.
  PAGE: type('PAGE', 'page-pcrel', 4, (c, o, v) => {
    checkRange(v, 33, true, 'PAGE');
    checkAlignment(v, 4096, 'PAGE');
    patchInt(c, o, v >> 12n, 32, true, 'PAGE');
  }),
  // aarch64 B-like: a 4-byte-aligned ±128 MiB distance in bits [0, 26) of the word.
  B26: type('B26', 'pcrel', 4, (c, o, v) => {
    checkAlignment(v, 4, 'B26');
    checkRange(v, 28, true, 'B26');
    insertBits(c, o, v >> 2n, 0, 26);
  }),
  LO12: type('LO12', 'page-offset', 2, (c, o, v) => patchInt(c, o, v, 16, false, 'LO12')),
};

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export function readInt(bytes: Uint8Array, offset: number, size: number, signed = false): bigint {
  const v = new DataView(bytes.buffer, bytes.byteOffset + offset, size);
  switch (size) {
    case 1:
      return BigInt(signed ? v.getInt8(0) : v.getUint8(0));
    case 2:
      return BigInt(signed ? v.getInt16(0, true) : v.getUint16(0, true));
    case 4:
      return BigInt(signed ? v.getInt32(0, true) : v.getUint32(0, true));
    default:
      return signed ? v.getBigInt64(0, true) : v.getBigUint64(0, true);
  }
}

export interface ParsedElf {
  ident: Uint8Array;
  type: number;
  machine: number;
  version: number;
  entry: bigint;
  phoff: number;
  shoff: number;
  ehsize: number;
  phentsize: number;
  shentsize: number;
  shstrndx: number;
  phdrs: { type: number; flags: number; offset: number; vaddr: bigint; paddr: bigint; filesz: number; memsz: number; align: number }[];
  shdrs: { name: string; type: number; flags: number; addr: bigint; offset: number; size: number; link: number; info: number; align: number; entsize: number }[];
  symbols: { name: string; bind: number; type: number; shndx: number; value: bigint; size: number }[];
}

/** Parse what the writer produced, independently of the writer's code. */
export function parseElf(file: Uint8Array): ParsedElf {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const u16 = (o: number) => v.getUint16(o, true);
  const u32 = (o: number) => v.getUint32(o, true);
  const u64 = (o: number) => v.getBigUint64(o, true);
  const n64 = (o: number) => Number(u64(o));
  const cstr = (o: number) => {
    let end = o;
    while (file[end] !== 0) end++;
    return Buffer.from(file.subarray(o, end)).toString('latin1');
  };
  const phoff = n64(32);
  const shoff = n64(40);
  const phnum = u16(56);
  const shnum = u16(60);
  const shstrndx = u16(62);
  const phdrs = Array.from({ length: phnum }, (_, i) => {
    const a = phoff + i * 56;
    return { type: u32(a), flags: u32(a + 4), offset: n64(a + 8), vaddr: u64(a + 16), paddr: u64(a + 24), filesz: n64(a + 32), memsz: n64(a + 40), align: n64(a + 48) };
  });
  const raw = Array.from({ length: shnum }, (_, i) => {
    const a = shoff + i * 64;
    return { nameOff: u32(a), type: u32(a + 4), flags: n64(a + 8), addr: u64(a + 16), offset: n64(a + 24), size: n64(a + 32), link: u32(a + 40), info: u32(a + 44), align: n64(a + 48), entsize: n64(a + 56) };
  });
  const shstr = raw[shstrndx]!.offset;
  const shdrs = raw.map(({ nameOff, ...rest }) => ({ name: cstr(shstr + nameOff), ...rest }));
  const symtab = shdrs.find((s) => s.type === 2);
  const symbols: ParsedElf['symbols'] = [];
  if (symtab) {
    const strtab = shdrs[symtab.link]!.offset;
    for (let a = symtab.offset; a < symtab.offset + symtab.size; a += 24) {
      const info = file[a + 4]!;
      symbols.push({ name: cstr(strtab + u32(a)), bind: info >> 4, type: info & 15, shndx: u16(a + 6), value: u64(a + 8), size: n64(a + 16) });
    }
  }
  return {
    ident: file.subarray(0, 16),
    type: u16(16),
    machine: u16(18),
    version: u32(20),
    entry: u64(24),
    phoff,
    shoff,
    ehsize: u16(52),
    phentsize: u16(54),
    shentsize: u16(58),
    shstrndx,
    phdrs,
    shdrs,
    symbols,
  };
}
