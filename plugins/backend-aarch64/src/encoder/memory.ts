/**
 * Loads and stores: integer and FP registers, with every addressing mode the backend
 * uses — [base, #imm] (scaled unsigned 12 bits, else unscaled signed 9 bits), pre- and
 * post-index writeback, [base, index{, extend/lsl #scale}], pairs (ldp/stp), and
 * PC-relative literals — plus adr/adrp. Each function returns the instruction word; fields
 * that a label or relocation fills are left zero.
 */
import type { FpReg, Gpr, Size } from '../registers.js';
import { EncodingError, type IndexExtend, type Mem, isMem, r, signedField, v } from './operands.js';

/** Access widths in bytes. */
export type Width = 1 | 2 | 4 | 8;
export type FpBits = 32 | 64 | 128;

const LOG2: Record<number, number> = { 1: 0, 2: 1, 4: 2, 8: 3, 16: 4 };
const EXTEND: Record<IndexExtend, number> = { uxtw: 2, lsl: 3, sxtw: 6, sxtx: 7 };

/**
 * The word of a load/store of `scale` bytes with field values `size` (bits 31:30), V and
 * opc, for any single-register addressing mode.
 */
function encode(mnemonic: string, size: number, vbit: number, opc: number, rt: number, m: Mem, scale: number): number {
  if (!isMem(m)) throw new EncodingError(mnemonic, 'the address must be a memory operand');
  const n = r(mnemonic, m.base, 'sp', 'base');
  const head = (size << 30) | (0b111 << 27) | (vbit << 26) | (opc << 22);
  if (m.index !== undefined) {
    const ext = m.extend ?? 'lsl';
    const idx = r(mnemonic, m.index, 'zr', 'index');
    return (head | (1 << 21) | (idx << 16) | (EXTEND[ext] << 13) | ((m.shift ? 1 : 0) << 12) | (0b10 << 10) | (n << 5) | rt) >>> 0;
  }
  const offset = m.offset ?? 0;
  if (!Number.isInteger(offset)) throw new EncodingError(mnemonic, `offset ${offset} is not an integer`);
  const mode = m.mode ?? 'offset';
  if (mode === 'pre' || mode === 'post') {
    const imm9 = signedField(mnemonic, offset, 9);
    return (head | (imm9 << 12) | ((mode === 'pre' ? 3 : 1) << 10) | (n << 5) | rt) >>> 0;
  }
  if (offset >= 0 && offset % scale === 0 && offset / scale < 4096) {
    return (head | (1 << 24) | ((offset / scale) << 10) | (n << 5) | rt) >>> 0;
  }
  if (offset >= -256 && offset < 256) return (head | (signedField(mnemonic, offset, 9) << 12) | (n << 5) | rt) >>> 0;
  throw new EncodingError(mnemonic, `offset ${offset} fits neither a scaled 12-bit unsigned nor a 9-bit signed offset`);
}

/** Whether [base, #offset] is encodable for an access of `width` bytes (scaled or unscaled form). */
export function offsetFits(offset: number, width: number): boolean {
  return (offset >= 0 && offset % width === 0 && offset / width < 4096) || (offset >= -256 && offset < 256);
}

/**
 * Integer load: `width` bytes into a `size`-bit register, zero-extended (ldrb/ldrh/ldr) or
 * sign-extended (ldrsb/ldrsh/ldrsw).
 */
export function load(size: Size, width: Width, signed: boolean, rt: Gpr, m: Mem): number {
  const mnemonic = signed ? `ldrs${width === 1 ? 'b' : width === 2 ? 'h' : 'w'}` : 'ldr';
  if (width === 8 && size !== 64) throw new EncodingError(mnemonic, '8-byte load into a 32-bit register');
  if (signed && width === 4 && size !== 64) throw new EncodingError(mnemonic, 'ldrsw extends to 64 bits');
  if (signed && width === 8) throw new EncodingError(mnemonic, 'a full-width load has nothing to extend');
  // opc 01: load zero-extended; 10: sign-extend to 64 bits; 11: sign-extend to 32 bits.
  const opc = !signed ? 1 : size === 64 ? 2 : 3;
  return encode(mnemonic, LOG2[width]!, 0, opc, r(mnemonic, rt, 'zr'), m, width);
}

export function store(width: Width, rt: Gpr, m: Mem): number {
  return encode('str', LOG2[width]!, 0, 0, r('str', rt, 'zr'), m, width);
}

function fpFields(bits: FpBits, isLoad: boolean): [size: number, opc: number] {
  if (bits === 128) return [0, isLoad ? 3 : 2];
  return [bits === 64 ? 3 : 2, isLoad ? 1 : 0];
}

export function fpLoad(bits: FpBits, rt: FpReg, m: Mem): number {
  const [size, opc] = fpFields(bits, true);
  return encode('ldr', size, 1, opc, v('ldr', rt), m, bits / 8);
}

export function fpStore(bits: FpBits, rt: FpReg, m: Mem): number {
  const [size, opc] = fpFields(bits, false);
  return encode('str', size, 1, opc, v('str', rt), m, bits / 8);
}

/** ldp/stp of two GPRs (`size` bits each) or two FP registers (`bits`), [base, #imm7·scale]{!} or post-index. */
export function pair(isLoad: boolean, regs: { kind: 'gpr'; size: Size } | { kind: 'fp'; bits: FpBits }, rt1: Gpr | FpReg, rt2: Gpr | FpReg, m: Mem): number {
  const mnemonic = isLoad ? 'ldp' : 'stp';
  if (!isMem(m) || m.index !== undefined) throw new EncodingError(mnemonic, 'the address must be [base, #offset]');
  const fpPair = regs.kind === 'fp';
  const scale = fpPair ? regs.bits / 8 : regs.size / 8;
  const opc = fpPair ? { 32: 0, 64: 1, 128: 2 }[regs.bits] : regs.size === 64 ? 2 : 0;
  const t1 = fpPair ? v(mnemonic, rt1) : r(mnemonic, rt1, 'zr');
  const t2 = fpPair ? v(mnemonic, rt2) : r(mnemonic, rt2, 'zr');
  const mode = { post: 1, offset: 2, pre: 3 }[m.mode ?? 'offset'];
  const imm7 = signedField(mnemonic, m.offset ?? 0, 7, scale);
  return ((opc << 30) | (0b101 << 27) | ((fpPair ? 1 : 0) << 26) | (mode << 23) | ((isLoad ? 1 : 0) << 22) | (imm7 << 15) | (t2 << 10) | (r(mnemonic, m.base, 'sp', 'base') << 5) | t1) >>> 0;
}

/** ldr (literal) with a zero offset field (filled by a label or an ld_prel_lo19 relocation). */
export function loadLiteral(kind: { gpr: Size; signedWord?: boolean } | { fp: FpBits }, rt: Gpr | FpReg): number {
  if ('fp' in kind) return ((({ 32: 0, 64: 1, 128: 2 })[kind.fp] << 30) | (0b011 << 27) | (1 << 26) | v('ldr', rt)) >>> 0;
  const opc = kind.signedWord ? 2 : kind.gpr === 64 ? 1 : 0;
  return ((opc << 30) | (0b011 << 27) | r('ldr', rt, 'zr')) >>> 0;
}

/** adr/adrp rd with a zero offset (filled by a label or a relocation). */
export function adr(page: boolean, rd: Gpr): number {
  return (((page ? 1 : 0) << 31) | (0b10000 << 24) | r(page ? 'adrp' : 'adr', rd, 'zr')) >>> 0;
}
