// ELF64 little-endian executable writer: program headers for loaders (Linux, QEMU, VMMs),
// section headers and a symbol table for tools (gdb, perf, readelf, objdump).
import type { LinkedImage, OutputSection } from '../image.js';
import { LinkError } from '../errors.js';
import { alignUp } from '../layout.js';
import type { Permissions } from '../layout-spec.js';
import * as E from './constants.js';
import { StringTable } from './string-table.js';

export interface ElfOptions {
  machine: 'x86_64' | 'aarch64' | number;
  type: 'exec';
  /**
   * Map the file and program headers with the first segment (file offset 0 = base
   * address). Default: when the link reserved room for them (`layout.headersInFirstSegment`).
   */
  headersInFirstSegment?: boolean;
  /** Add a PT_NOTE segment over the `.note` output section (x86 PVH boot reads it); default true. */
  noteSegments?: boolean;
  /** Add PT_GNU_STACK (non-executable stack) for Linux; default false. */
  gnuStack?: boolean;
  /** Write .symtab/.strtab; default true. */
  symbols?: boolean;
}

const MACHINES: Record<string, number> = { x86_64: E.EM_X86_64, aarch64: E.EM_AARCH64 };

function segmentFlags(p: Permissions): number {
  return (p[0] === 'r' ? E.PF_R : 0) | (p[1] === 'w' ? E.PF_W : 0) | (p[2] === 'x' ? E.PF_X : 0);
}

function sectionFlags(kind: OutputSection['kind']): number {
  switch (kind) {
    case 'text':
      return E.SHF_ALLOC | E.SHF_EXECINSTR;
    case 'data':
    case 'bss':
      return E.SHF_ALLOC | E.SHF_WRITE;
    case 'rodata':
    case 'note':
      return E.SHF_ALLOC;
  }
}

const BINDINGS = { local: E.STB_LOCAL, global: E.STB_GLOBAL, weak: E.STB_WEAK } as const;
const TYPES = { none: E.STT_NOTYPE, object: E.STT_OBJECT, func: E.STT_FUNC } as const;

interface Phdr {
  type: number;
  flags: number;
  offset: number;
  vaddr: bigint;
  filesz: number;
  memsz: number;
  align: number;
}

interface Shdr {
  name: number;
  type: number;
  flags: number;
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
}

/** Serialise `image` as an ELF64 executable. */
export function writeElf64(image: LinkedImage, options: ElfOptions): Uint8Array {
  const machine = typeof options.machine === 'number' ? options.machine : MACHINES[options.machine];
  if (machine === undefined) throw new LinkError(`unknown ELF machine ${String(options.machine)}`);
  const page = image.pageSize;
  const headersInFirst = options.headersInFirstSegment ?? image.headerSpace > 0;
  const wantSymbols = options.symbols ?? true;

  // Which output sections get a section header: those that received input.
  const outputs = image.sections.filter((s) => s.inputs.length > 0);
  const note = options.noteSegments ?? true ? outputs.find((s) => s.kind === 'note' && s.size > 0) : undefined;
  const phnum = image.segments.length + (note ? 1 : 0) + (options.gnuStack ? 1 : 0);
  const headersEnd = E.EHDR_SIZE + phnum * E.PHDR_SIZE;

  // File offsets: each segment's offset is congruent to its address modulo the page size,
  // as loaders mmap whole pages.
  const segmentOffset = new Map<string, number>();
  let off = headersEnd;
  for (const [i, seg] of image.segments.entries()) {
    let segOff: number;
    if (i === 0 && headersInFirst) {
      if (!seg.containsHeaders || image.headerSpace < headersEnd || seg.address !== image.base) {
        throw new LinkError('headers in the first segment need room reserved at link time: set layout.headersInFirstSegment');
      }
      segOff = 0;
    } else {
      segOff = Number(alignUp(BigInt(off), page)) + Number(seg.address % BigInt(page));
    }
    segmentOffset.set(seg.name, segOff);
    if (seg.fileSize > 0) off = segOff + seg.fileSize;
  }
  const fileOffsetOf = (s: OutputSection): number => {
    const seg = image.segments.find((g) => g.name === s.segment)!;
    return segmentOffset.get(seg.name)! + Number(s.address - seg.address);
  };

  const phdrs: Phdr[] = image.segments.map((seg) => ({
    type: E.PT_LOAD,
    flags: segmentFlags(seg.permissions),
    offset: segmentOffset.get(seg.name)!,
    vaddr: seg.address,
    filesz: seg.fileSize,
    memsz: seg.memSize,
    align: page,
  }));
  if (note) {
    phdrs.push({ type: E.PT_NOTE, flags: E.PF_R, offset: fileOffsetOf(note), vaddr: note.address, filesz: note.size, memsz: note.size, align: note.alignment });
  }
  if (options.gnuStack) phdrs.push({ type: E.PT_GNU_STACK, flags: E.PF_R | E.PF_W, offset: 0, vaddr: 0n, filesz: 0, memsz: 0, align: 16 });

  // Symbol table: null, then per object a FILE symbol and its locals, then the rest.
  const shstr = new StringTable();
  const strtab = new StringTable();
  const syms: { name: number; info: number; shndx: number; value: bigint; size: number }[] = [{ name: 0, info: 0, shndx: E.SHN_UNDEF, value: 0n, size: 0 }];
  const shndxOf = new Map(outputs.map((s, i) => [s.name, i + 1]));
  let firstGlobal = 1;
  if (wantSymbols) {
    const symbolFor = (s: LinkedImage['symbols'][number]) => ({
      name: strtab.add(s.name),
      info: (BINDINGS[s.binding] << 4) | TYPES[s.type],
      shndx: s.section === undefined ? E.SHN_ABS : shndxOf.get(s.section)!,
      value: s.address,
      size: s.size,
    });
    const locals = image.symbols.filter((s) => s.binding === 'local');
    for (const object of new Set(locals.map((s) => s.object!))) {
      syms.push({ name: strtab.add(object), info: (E.STB_LOCAL << 4) | E.STT_FILE, shndx: E.SHN_ABS, value: 0n, size: 0 });
      for (const s of locals) if (s.object === object) syms.push(symbolFor(s));
    }
    firstGlobal = syms.length;
    for (const s of image.symbols) if (s.binding !== 'local') syms.push(symbolFor(s));
  }

  const shdrs: Shdr[] = [{ name: 0, type: E.SHT_NULL, flags: 0, addr: 0n, offset: 0, size: 0, link: 0, info: 0, align: 0, entsize: 0 }];
  for (const s of outputs) {
    shdrs.push({
      name: shstr.add(s.name),
      type: s.kind === 'bss' ? E.SHT_NOBITS : s.kind === 'note' ? E.SHT_NOTE : E.SHT_PROGBITS,
      flags: sectionFlags(s.kind),
      addr: s.address,
      offset: fileOffsetOf(s),
      size: s.size,
      link: 0,
      info: 0,
      align: s.alignment,
      entsize: 0,
    });
  }
  // Non-allocated sections follow the last segment's bytes.
  off = Math.max(off, headersEnd);
  const place = (size: number, align: number) => {
    const at = Number(alignUp(BigInt(off), align));
    off = at + size;
    return at;
  };
  let symtabAt = 0;
  let strtabAt = 0;
  let strtabBytes: Uint8Array = new Uint8Array(0);
  if (wantSymbols) {
    symtabAt = place(syms.length * E.SYM_SIZE, 8);
    strtabBytes = strtab.bytes();
    const symtabIndex = shdrs.length;
    shdrs.push({ name: shstr.add('.symtab'), type: E.SHT_SYMTAB, flags: 0, addr: 0n, offset: symtabAt, size: syms.length * E.SYM_SIZE, link: symtabIndex + 1, info: firstGlobal, align: 8, entsize: E.SYM_SIZE });
    strtabAt = place(strtabBytes.length, 1);
    shdrs.push({ name: shstr.add('.strtab'), type: E.SHT_STRTAB, flags: 0, addr: 0n, offset: strtabAt, size: strtabBytes.length, link: 0, info: 0, align: 1, entsize: 0 });
  }
  const shstrtabIndex = shdrs.length;
  const shstrName = shstr.add('.shstrtab');
  const shstrBytes = shstr.bytes();
  shdrs.push({ name: shstrName, type: E.SHT_STRTAB, flags: 0, addr: 0n, offset: place(shstrBytes.length, 1), size: shstrBytes.length, link: 0, info: 0, align: 1, entsize: 0 });
  const shoff = place(shdrs.length * E.SHDR_SIZE, 8);

  const file = new Uint8Array(off);
  const view = new DataView(file.buffer);

  // Segment contents first: the headers may overlay the reserved start of the first one.
  for (const s of outputs) if (s.kind !== 'bss') file.set(s.bytes, fileOffsetOf(s));

  // ELF header.
  file.set([0x7f, 0x45, 0x4c, 0x46, E.ELFCLASS64, E.ELFDATA2LSB, E.EV_CURRENT, E.ELFOSABI_NONE], 0);
  view.setUint16(16, E.ET_EXEC, true);
  view.setUint16(18, machine, true);
  view.setUint32(20, E.EV_CURRENT, true);
  view.setBigUint64(24, image.entry, true);
  view.setBigUint64(32, BigInt(E.EHDR_SIZE), true);
  view.setBigUint64(40, BigInt(shoff), true);
  view.setUint32(48, 0, true); // e_flags: none defined for x86_64 or aarch64
  view.setUint16(52, E.EHDR_SIZE, true);
  view.setUint16(54, E.PHDR_SIZE, true);
  view.setUint16(56, phdrs.length, true);
  view.setUint16(58, E.SHDR_SIZE, true);
  view.setUint16(60, shdrs.length, true);
  view.setUint16(62, shstrtabIndex, true);

  phdrs.forEach((p, i) => {
    const at = E.EHDR_SIZE + i * E.PHDR_SIZE;
    view.setUint32(at, p.type, true);
    view.setUint32(at + 4, p.flags, true);
    view.setBigUint64(at + 8, BigInt(p.offset), true);
    view.setBigUint64(at + 16, p.vaddr, true);
    view.setBigUint64(at + 24, p.vaddr, true); // p_paddr: identity, as QEMU loads at physical addresses
    view.setBigUint64(at + 32, BigInt(p.filesz), true);
    view.setBigUint64(at + 40, BigInt(p.memsz), true);
    view.setBigUint64(at + 48, BigInt(p.align), true);
  });

  if (wantSymbols) {
    syms.forEach((s, i) => {
      const at = symtabAt + i * E.SYM_SIZE;
      view.setUint32(at, s.name, true);
      view.setUint8(at + 4, s.info);
      view.setUint8(at + 5, 0);
      view.setUint16(at + 6, s.shndx, true);
      view.setBigUint64(at + 8, s.value, true);
      view.setBigUint64(at + 16, BigInt(s.size), true);
    });
    file.set(strtabBytes, strtabAt);
  }
  file.set(shstrBytes, shdrs[shstrtabIndex]!.offset);

  shdrs.forEach((s, i) => {
    const at = shoff + i * E.SHDR_SIZE;
    view.setUint32(at, s.name, true);
    view.setUint32(at + 4, s.type, true);
    view.setBigUint64(at + 8, BigInt(s.flags), true);
    view.setBigUint64(at + 16, s.addr, true);
    view.setBigUint64(at + 24, BigInt(s.offset), true);
    view.setBigUint64(at + 32, BigInt(s.size), true);
    view.setUint32(at + 40, s.link, true);
    view.setUint32(at + 44, s.info, true);
    view.setBigUint64(at + 48, BigInt(s.align), true);
    view.setBigUint64(at + 56, BigInt(s.entsize), true);
  });
  return file;
}
