/**
 * aarch64 relocation types (ELF names in comments). The linker does the generic
 * arithmetic of each kind (S+A, S+A−P, Page(S+A)−Page(P), (S+A)&0xfff); each type here
 * only range- and alignment-checks the value and inserts its bits into the instruction
 * word (or writes a data word), little-endian.
 *
 * Out-of-range branches to symbols are errors, not veneers: images are far smaller than
 * the ±128 MiB a bl reaches, and an error names the call that would need one.
 */
import {
  checkAlignment,
  checkRange,
  insertBits,
  patchInt,
  readUint,
  type RelocationKind,
  type RelocationType,
  type Signedness,
  writeUint,
} from '@mewz/object';

export type A64RelocationName =
  | 'abs64'
  | 'abs32'
  | 'prel32'
  | 'call26'
  | 'jump26'
  | 'condbr19'
  | 'tstbr14'
  | 'ld_prel_lo19'
  | 'adr_prel_lo21'
  | 'adr_prel_pg_hi21'
  | 'add_abs_lo12_nc'
  | 'ldst8_abs_lo12_nc'
  | 'ldst16_abs_lo12_nc'
  | 'ldst32_abs_lo12_nc'
  | 'ldst64_abs_lo12_nc'
  | 'ldst128_abs_lo12_nc'
  | 'movw_uabs_g0_nc'
  | 'movw_uabs_g1_nc'
  | 'movw_uabs_g2_nc'
  | 'movw_uabs_g3';

function dataWord(name: A64RelocationName, kind: RelocationKind, bits: 32 | 64, signed: Signedness): RelocationType {
  return Object.freeze({
    name,
    kind,
    size: bits / 8,
    patch(code: Uint8Array, offset: number, value: bigint): void {
      patchInt(code, offset, value, bits, signed, name);
    },
  });
}

/** A PC-relative offset in words, `bits` wide at `lsb` (branches, literal loads). */
function wordOffset(name: A64RelocationName, bits: number, lsb: number): RelocationType {
  return Object.freeze({
    name,
    kind: 'pcrel' as const,
    size: 4,
    patch(code: Uint8Array, offset: number, value: bigint): void {
      checkAlignment(value, 4, name);
      checkRange(value, bits + 2, true, name);
      insertBits(code, offset, value >> 2n, lsb, bits);
    },
  });
}

/** adr/adrp: a 21-bit signed value split into immlo (bits 29–30) and immhi (bits 5–23). */
function adrField(code: Uint8Array, offset: number, imm21: bigint): void {
  insertBits(code, offset, imm21 & 3n, 29, 2);
  insertBits(code, offset, imm21 >> 2n, 5, 19);
}

/** The low 12 bits of an address into an add or load/store immediate, scaled by the access size. */
function lo12(name: A64RelocationName, scale: number): RelocationType {
  return Object.freeze({
    name,
    kind: 'page-offset' as const,
    size: 4,
    patch(code: Uint8Array, offset: number, value: bigint): void {
      const low = value & 0xfffn;
      checkAlignment(low, scale, name);
      insertBits(code, offset, low / BigInt(scale), 10, 12);
    },
  });
}

/** One 16-bit group of an absolute address into movz/movk; `check` for the last group. */
function movw(name: A64RelocationName, group: number, check: boolean): RelocationType {
  return Object.freeze({
    name,
    kind: 'abs' as const,
    size: 4,
    patch(code: Uint8Array, offset: number, value: bigint): void {
      if (check) checkRange(value, 64, false, name);
      insertBits(code, offset, (BigInt.asUintN(64, value) >> BigInt(16 * group)) & 0xffffn, 5, 16);
    },
  });
}

/** Relocation types the aarch64 backend emits, keyed by name. */
export const relocationTypes: Readonly<Record<A64RelocationName, RelocationType>> = Object.freeze({
  // R_AARCH64_ABS64, R_AARCH64_ABS32 (either reading of 32 bits), R_AARCH64_PREL32.
  abs64: dataWord('abs64', 'abs', 64, 'either'),
  abs32: dataWord('abs32', 'abs', 32, 'either'),
  prel32: dataWord('prel32', 'pcrel', 32, true),
  // R_AARCH64_CALL26 (bl), R_AARCH64_JUMP26 (b): ±128 MiB.
  call26: wordOffset('call26', 26, 0),
  jump26: wordOffset('jump26', 26, 0),
  // R_AARCH64_CONDBR19 (b.cond, cbz, cbnz): ±1 MiB; R_AARCH64_TSTBR14 (tbz, tbnz): ±32 KiB.
  condbr19: wordOffset('condbr19', 19, 5),
  tstbr14: wordOffset('tstbr14', 14, 5),
  // R_AARCH64_LD_PREL_LO19: ldr (literal), ±1 MiB.
  ld_prel_lo19: wordOffset('ld_prel_lo19', 19, 5),
  // R_AARCH64_ADR_PREL_LO21: adr, ±1 MiB in bytes.
  adr_prel_lo21: Object.freeze({
    name: 'adr_prel_lo21',
    kind: 'pcrel' as const,
    size: 4,
    patch(code: Uint8Array, offset: number, value: bigint): void {
      checkRange(value, 21, true, 'adr_prel_lo21');
      adrField(code, offset, value);
    },
  }),
  // R_AARCH64_ADR_PREL_PG_HI21: adrp, the distance in 4 KiB pages, ±4 GiB.
  adr_prel_pg_hi21: Object.freeze({
    name: 'adr_prel_pg_hi21',
    kind: 'page-pcrel' as const,
    size: 4,
    patch(code: Uint8Array, offset: number, value: bigint): void {
      checkAlignment(value, 4096, 'adr_prel_pg_hi21');
      checkRange(value, 33, true, 'adr_prel_pg_hi21');
      adrField(code, offset, value >> 12n);
    },
  }),
  // R_AARCH64_ADD_ABS_LO12_NC and R_AARCH64_LDST{8,16,32,64,128}_ABS_LO12_NC.
  add_abs_lo12_nc: lo12('add_abs_lo12_nc', 1),
  ldst8_abs_lo12_nc: lo12('ldst8_abs_lo12_nc', 1),
  ldst16_abs_lo12_nc: lo12('ldst16_abs_lo12_nc', 2),
  ldst32_abs_lo12_nc: lo12('ldst32_abs_lo12_nc', 4),
  ldst64_abs_lo12_nc: lo12('ldst64_abs_lo12_nc', 8),
  ldst128_abs_lo12_nc: lo12('ldst128_abs_lo12_nc', 16),
  // R_AARCH64_MOVW_UABS_G0_NC … G3: an absolute address in four movz/movk.
  movw_uabs_g0_nc: movw('movw_uabs_g0_nc', 0, false),
  movw_uabs_g1_nc: movw('movw_uabs_g1_nc', 1, false),
  movw_uabs_g2_nc: movw('movw_uabs_g2_nc', 2, false),
  movw_uabs_g3: movw('movw_uabs_g3', 3, true),
});

/** Reads back the 32-bit instruction word at `offset` (tests and listings). */
export function wordAt(code: Uint8Array, offset: number): number {
  return Number(readUint(code, offset, 4));
}

/** Writes a 32-bit instruction word at `offset`. */
export function setWordAt(code: Uint8Array, offset: number, word: number): void {
  writeUint(code, offset, 4, BigInt(word >>> 0));
}
