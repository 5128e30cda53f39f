/** Data movement between registers, memory and immediates; stack push/pop. */
import type { CodeBuffer } from '@mewz/compiler';
import type { Gpr, SegmentReg, Size } from '../registers.js';
import {
  EncodingError,
  checkSize,
  operandName,
  emitModRM,
  emitOpReg,
  expectGpr,
  expectRM,
  fitsImm8,
  immFieldSize,
  immediate,
  isGpr,
  isImm,
  isMem,
  sizePrefix,
  type Imm,
  type MemOperand,
  type RM,
} from './operands.js';

const ALL: readonly Size[] = [8, 16, 32, 64];
const WIDE: readonly Size[] = [16, 32, 64];

/**
 * `mov dst, src` between GPRs, memory and immediates. A 64-bit register immediate uses
 * the sign-extended imm32 form when it fits and `movabs` (imm64) otherwise.
 */
export function mov(buf: CodeBuffer, size: Size, dst: RM, src: RM | Imm): void {
  checkSize('mov', size, ALL);
  expectRM('mov', dst, 'destination');
  const { prefixes, w } = sizePrefix(size);
  const byte = size === 8;
  if (isImm(src)) {
    if (isGpr(dst) && size === 64) {
      const b = BigInt(src);
      if (b < -(1n << 63n) || b >= 1n << 64n) throw new EncodingError('mov', `immediate ${src} does not fit 64 bits`);
      if (b >= -(1n << 31n) && b < 1n << 31n) {
        emitModRM(buf, { mnemonic: 'mov', w, opcode: [0xc7], reg: 0, rm: dst, imm: { value: b, size: 4 } });
      } else {
        emitOpReg(buf, { mnemonic: 'movabs', w, opcode: [0xb8], reg: dst, imm: { value: b, size: 8 } });
      }
      return;
    }
    const value = immediate('mov', src, size);
    if (isGpr(dst)) {
      emitOpReg(buf, { mnemonic: 'mov', prefixes, w, opcode: [byte ? 0xb0 : 0xb8], reg: dst, byte, imm: { value, size: immFieldSize(size) } });
    } else {
      emitModRM(buf, { mnemonic: 'mov', prefixes, w, opcode: [byte ? 0xc6 : 0xc7], reg: 0, rm: dst, imm: { value, size: immFieldSize(size) } });
    }
    return;
  }
  if (isGpr(src)) {
    emitModRM(buf, { mnemonic: 'mov', prefixes, w, opcode: [byte ? 0x88 : 0x89], reg: src, rm: dst, regByte: byte, rmByte: byte });
    return;
  }
  if (isMem(src)) {
    if (!isGpr(dst)) throw new EncodingError('mov', 'memory-to-memory operands are not encodable');
    emitModRM(buf, { mnemonic: 'mov', prefixes, w, opcode: [byte ? 0x8a : 0x8b], reg: dst, rm: src, regByte: byte });
    return;
  }
  throw new EncodingError('mov', `source ${operandName(src)} must be a general-purpose register, memory or immediate`);
}

/**
 * Put a 64-bit constant in a register with the shortest encoding: `mov r32, imm32` for
 * values that zero-extend, sign-extended imm32, else movabs. Flags are not touched.
 */
export function loadConst(buf: CodeBuffer, dst: Gpr, value: Imm): void {
  expectGpr('mov', dst, 'destination');
  const b = BigInt(value);
  if (b >= 0n && b < 1n << 32n) mov(buf, 32, dst, b);
  else mov(buf, 64, dst, b);
}

function extend(mnemonic: 'movzx' | 'movsx', buf: CodeBuffer, dstSize: Size, dst: Gpr, srcSize: Size, src: RM): void {
  checkSize(mnemonic, dstSize, WIDE);
  expectGpr(mnemonic, dst, 'destination');
  expectRM(mnemonic, src, 'source');
  if (srcSize >= dstSize) throw new EncodingError(mnemonic, `source size ${srcSize} must be smaller than destination size ${dstSize}`);
  const { prefixes, w } = sizePrefix(dstSize);
  if (srcSize === 32) {
    // 32→64: writing a 32-bit register already zero-extends; sign extension is movsxd.
    if (mnemonic === 'movzx') mov(buf, 32, dst, src);
    else emitModRM(buf, { mnemonic: 'movsxd', w: true, opcode: [0x63], reg: dst, rm: src });
    return;
  }
  checkSize(mnemonic, srcSize, [8, 16]);
  const opcode = (mnemonic === 'movzx' ? 0xb6 : 0xbe) + (srcSize === 16 ? 1 : 0);
  emitModRM(buf, { mnemonic, prefixes, w, opcode: [0x0f, opcode], reg: dst, rm: src, rmByte: srcSize === 8 });
}

/** Zero-extending load/move: movzx, or a 32-bit mov for 32→64. */
export function movzx(buf: CodeBuffer, dstSize: Size, dst: Gpr, srcSize: Size, src: RM): void {
  extend('movzx', buf, dstSize, dst, srcSize, src);
}

/** Sign-extending load/move: movsx, or movsxd for 32→64. */
export function movsx(buf: CodeBuffer, dstSize: Size, dst: Gpr, srcSize: Size, src: RM): void {
  extend('movsx', buf, dstSize, dst, srcSize, src);
}

/** `lea dst, [address]`. */
export function lea(buf: CodeBuffer, size: Size, dst: Gpr, src: MemOperand): void {
  checkSize('lea', size, WIDE);
  expectGpr('lea', dst, 'destination');
  if (!isMem(src)) throw new EncodingError('lea', `source ${operandName(src)} must be a memory operand`);
  emitModRM(buf, { mnemonic: 'lea', ...sizePrefix(size), opcode: [0x8d], reg: dst, rm: src });
}

/** `xchg a, b` (with a memory operand the exchange is implicitly locked). */
export function xchg(buf: CodeBuffer, size: Size, a: RM, b: RM): void {
  checkSize('xchg', size, ALL);
  expectRM('xchg', a);
  expectRM('xchg', b);
  let rm = a;
  let reg = b;
  if (!isGpr(reg)) [rm, reg] = [b, a];
  if (!isGpr(reg)) throw new EncodingError('xchg', 'memory-to-memory operands are not encodable');
  const byte = size === 8;
  // Always the ModRM form: the short 0x90+r form with eax would be "nop" for xchg eax, eax.
  emitModRM(buf, { mnemonic: 'xchg', ...sizePrefix(size), opcode: [byte ? 0x86 : 0x87], reg, rm, regByte: byte, rmByte: byte });
}

/** `push src` (64-bit; an immediate is sign-extended from imm8/imm32). */
export function push(buf: CodeBuffer, src: RM | Imm): void {
  if (isImm(src)) {
    const value = immediate('push', src, 64);
    if (fitsImm8(value, 64)) buf.bytes([0x6a, Number(BigInt.asUintN(8, value))]);
    else {
      buf.u8(0x68);
      buf.int(4, value);
    }
    return;
  }
  if (isGpr(src)) emitOpReg(buf, { mnemonic: 'push', opcode: [0x50], reg: src });
  else emitModRM(buf, { mnemonic: 'push', opcode: [0xff], reg: 6, rm: expectRM('push', src) });
}

/** `pop dst` (64-bit). */
export function pop(buf: CodeBuffer, dst: RM): void {
  if (isGpr(dst)) emitOpReg(buf, { mnemonic: 'pop', opcode: [0x58], reg: dst });
  else emitModRM(buf, { mnemonic: 'pop', opcode: [0x8f], reg: 0, rm: expectRM('pop', dst) });
}

/** Load a segment register from a GPR or memory (boot code reloading ds/es/ss). */
export function movToSegment(buf: CodeBuffer, dst: SegmentReg, src: RM): void {
  if (dst?.kind !== 'seg') throw new EncodingError('mov', `${operandName(dst)} is not a segment register`);
  if (dst.name === 'cs') throw new EncodingError('mov', 'cs cannot be loaded with mov (use a far return)');
  emitModRM(buf, { mnemonic: 'mov', opcode: [0x8e], reg: dst, rm: expectRM('mov', src, 'source') });
}

/** Store a segment register to a 32-bit GPR (zero-extended) or 16-bit memory. */
export function movFromSegment(buf: CodeBuffer, dst: RM, src: SegmentReg): void {
  if (src?.kind !== 'seg') throw new EncodingError('mov', `${operandName(src)} is not a segment register`);
  emitModRM(buf, { mnemonic: 'mov', opcode: [0x8c], reg: src, rm: expectRM('mov', dst, 'destination') });
}
