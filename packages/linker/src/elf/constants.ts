// ELF64 numbers used by the writer (values from the System V gABI and the psABIs).

export const EHDR_SIZE = 64;
export const PHDR_SIZE = 56;
export const SHDR_SIZE = 64;
export const SYM_SIZE = 24;

export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ELFOSABI_NONE = 0;

export const ET_EXEC = 2;

export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;

export const PT_LOAD = 1;
export const PT_NOTE = 4;
export const PT_GNU_STACK = 0x6474e551;

export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;

export const SHF_WRITE = 1;
export const SHF_ALLOC = 2;
export const SHF_EXECINSTR = 4;

export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_FILE = 4;

/** Program headers the writer may add besides one PT_LOAD per segment: PT_NOTE, PT_GNU_STACK. */
export const EXTRA_PHDRS = 2;

/**
 * Bytes to reserve at the start of the first segment so the file and program headers
 * fit whatever the writer emits for an image of `segmentCount` segments.
 */
export function elfHeaderSpace(segmentCount: number): number {
  return EHDR_SIZE + PHDR_SIZE * (segmentCount + EXTRA_PHDRS);
}
