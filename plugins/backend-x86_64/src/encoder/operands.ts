/**
 * Operand types and the shared encoding of x86_64 instructions: legacy/mandatory
 * prefixes, REX, opcode, ModRM, SIB, displacement and immediate.
 */
import { CodeBuffer, isLabel, isSymbolRef, type Label, type SymbolRef } from '@mewz/compiler';
import type { ControlReg, Gpr, SegmentReg, Size, Xmm } from '../registers.js';

export type Scale = 1 | 2 | 4 | 8;

/** `[base + index*scale + disp]`; any part may be missing (no base means disp32 absolute). */
export interface Mem {
  readonly base?: Gpr;
  readonly index?: Gpr;
  readonly scale?: Scale;
  readonly disp?: number;
}

/** `[rip + disp32]` addressing `target + disp`, resolved by the assembler or the linker. */
export interface RipMem {
  readonly rip: Label | SymbolRef;
  readonly disp?: number;
}

export type MemOperand = Mem | RipMem;
export type Imm = number | bigint;
export type RM = Gpr | MemOperand;

/** Shorthand for a memory operand. */
export function mem(base: Gpr | undefined, disp = 0, index?: Gpr, scale: Scale = 1): Mem {
  return { base, index, scale, disp };
}

/** Shorthand for a RIP-relative memory operand. */
export function rip(target: Label | SymbolRef, disp = 0): RipMem {
  return { rip: target, disp };
}

export function isGpr(x: unknown): x is Gpr {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'gpr';
}

export function isXmm(x: unknown): x is Xmm {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'xmm';
}

export function isImm(x: unknown): x is Imm {
  return typeof x === 'number' || typeof x === 'bigint';
}

export function isRipMem(x: unknown): x is RipMem {
  return typeof x === 'object' && x !== null && 'rip' in x;
}

export function isMem(x: unknown): x is MemOperand {
  if (typeof x !== 'object' || x === null || 'kind' in x || isSymbolRef(x)) return false;
  return isRipMem(x) || 'base' in x || 'index' in x || 'disp' in x;
}

/** Error for an operand combination or value the instruction cannot encode. */
export class EncodingError extends Error {
  constructor(mnemonic: string, message: string) {
    super(`${mnemonic}: ${message}`);
    this.name = 'EncodingError';
  }
}

/** Printable operand, for error messages. */
export function operandName(x: unknown, size: Size = 64): string {
  if (isGpr(x)) return x.names[size] ?? x.names[8] ?? '?';
  if (isXmm(x)) return x.name;
  if (isImm(x)) return String(x);
  if (isLabel(x)) return `label ${x.toString()}`;
  if (isSymbolRef(x)) return `symbol ${x.symbol}`;
  if (isRipMem(x)) return `[rip + ${isLabel(x.rip) ? x.rip.toString() : x.rip.symbol}]`;
  if (isMem(x)) return 'memory';
  return typeof x === 'object' && x !== null && 'name' in x ? String((x as { name: unknown }).name) : String(x);
}

export function checkSize(mnemonic: string, size: number, allowed: readonly Size[]): asserts size is Size {
  if (!allowed.includes(size as Size)) throw new EncodingError(mnemonic, `operand size ${size} is not one of ${allowed.join('/')}`);
}

const I8 = [-128n, 127n] as const;

function toBig(mnemonic: string, v: Imm): bigint {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new EncodingError(mnemonic, `immediate ${v} is not an integer`);
  return BigInt(v);
}

/** Does the immediate fit a sign-extended imm8 once taken as a `size`-bit value? */
export function fitsImm8(value: bigint, size: Size): boolean {
  const s = BigInt.asIntN(size, value);
  return s >= I8[0] && s <= I8[1];
}

/**
 * Check an immediate for a `size`-bit operation whose encoding holds at most 32 bits
 * (sign-extended to 64 for 64-bit operations), and return it as a bigint. Values are
 * accepted in either the signed or the unsigned range of the field.
 */
export function immediate(mnemonic: string, v: Imm, size: Size): bigint {
  const b = toBig(mnemonic, v);
  if (size === 64) {
    if (b < -(1n << 31n) || b >= 1n << 31n) {
      throw new EncodingError(mnemonic, `immediate ${v} does not fit the sign-extended imm32 of a 64-bit operation`);
    }
    return b;
  }
  const bits = BigInt(size);
  if (b < -(1n << (bits - 1n)) || b >= 1n << bits) throw new EncodingError(mnemonic, `immediate ${v} does not fit ${size} bits`);
  return b;
}

/** An unsigned immediate that must fit `bits` (counts, ports, vectors). */
export function unsignedImmediate(mnemonic: string, v: Imm, bits: number, what = 'immediate'): number {
  const b = toBig(mnemonic, v);
  if (b < 0n || b >= 1n << BigInt(bits)) throw new EncodingError(mnemonic, `${what} ${v} does not fit ${bits} unsigned bits`);
  return Number(b);
}

/** The ModRM.reg field: a register or an opcode extension (/digit). */
export type RegField = Gpr | Xmm | ControlReg | SegmentReg | number;

export interface ModRMInst {
  readonly mnemonic: string;
  /** Prefixes before REX, in order: 0x66 operand size, then a mandatory 0xf2/0xf3/0x66. */
  readonly prefixes?: readonly number[];
  /** REX.W: 64-bit operand size. */
  readonly w?: boolean;
  readonly opcode: readonly number[];
  readonly reg: RegField;
  readonly rm: Gpr | Xmm | MemOperand;
  /** The reg / rm register is used as a byte register (spl..dil need REX; ah..bh forbid it). */
  readonly regByte?: boolean;
  readonly rmByte?: boolean;
  readonly imm?: { readonly value: bigint; readonly size: 1 | 2 | 4 | 8 };
}

/** Tracks what forces or forbids a REX prefix while one instruction is encoded. */
class RexState {
  bits = 0;
  forced = false;
  highByte: string | undefined;

  constructor(readonly mnemonic: string) {}

  /** A GPR operand: checks its byte-register constraints. */
  gpr(reg: Gpr, asByte: boolean): void {
    if (reg.high8) {
      if (!asByte) throw new EncodingError(this.mnemonic, `${reg.names[8]} can only be used as an 8-bit operand`);
      this.highByte = reg.names[8];
    } else if (asByte && reg.enc >= 4 && reg.enc <= 7) {
      this.forced = true; // spl/bpl/sil/dil exist only with REX
    }
  }

  /** The REX byte, if one is needed; checked before anything is written so errors leave no partial bytes. */
  prefix(): number | undefined {
    const needed = this.bits !== 0 || this.forced;
    if (needed && this.highByte !== undefined) {
      throw new EncodingError(this.mnemonic, `${this.highByte} cannot be encoded in an instruction that needs a REX prefix`);
    }
    return needed ? 0x40 | this.bits : undefined;
  }
}

const REX_W = 8;
const REX_R = 4;
const REX_X = 2;
const REX_B = 1;

function regFieldValue(rex: RexState, reg: RegField, asByte: boolean): number {
  if (typeof reg === 'number') return reg;
  if (reg.kind === 'gpr') rex.gpr(reg, asByte);
  return reg.enc;
}

function checkAddressReg(mnemonic: string, reg: Gpr, role: string): void {
  if (!isGpr(reg)) throw new EncodingError(mnemonic, `${role} of a memory operand must be a general-purpose register`);
  if (reg.high8) throw new EncodingError(mnemonic, `${reg.names[8]} cannot address memory`);
}

function checkDisp(mnemonic: string, disp: number): void {
  if (!Number.isSafeInteger(disp) || disp < -(2 ** 31) || disp >= 2 ** 31) {
    throw new EncodingError(mnemonic, `displacement ${disp} does not fit 32 signed bits`);
  }
}

/** Emit one instruction with a ModRM operand. */
export function emitModRM(buf: CodeBuffer, inst: ModRMInst): void {
  const { mnemonic, rm } = inst;
  const rex = new RexState(mnemonic);
  if (inst.w) rex.bits |= REX_W;
  const reg = regFieldValue(rex, inst.reg, inst.regByte ?? false);
  if (reg & 8) rex.bits |= REX_R;
  const immSize = inst.imm?.size ?? 0;

  let modrm: number;
  let sib: number | undefined;
  let disp: { size: 0 | 1 | 4; value: number } = { size: 0, value: 0 };
  let ripTarget: RipMem | undefined;

  if (isGpr(rm) || isXmm(rm)) {
    if (isGpr(rm)) rex.gpr(rm, inst.rmByte ?? false);
    if (rm.enc & 8) rex.bits |= REX_B;
    modrm = 0xc0 | ((reg & 7) << 3) | (rm.enc & 7);
  } else if (isRipMem(rm)) {
    checkDisp(mnemonic, rm.disp ?? 0);
    modrm = ((reg & 7) << 3) | 0b101;
    ripTarget = rm;
    disp = { size: 4, value: 0 };
  } else if (isMem(rm)) {
    const { base, index } = rm;
    const scale = rm.scale ?? 1;
    const d = rm.disp ?? 0;
    checkDisp(mnemonic, d);
    if (![1, 2, 4, 8].includes(scale)) throw new EncodingError(mnemonic, `scale ${scale} is not 1, 2, 4 or 8`);
    if (index === undefined && scale !== 1) throw new EncodingError(mnemonic, `scale ${scale} given without an index register`);
    if (base !== undefined) checkAddressReg(mnemonic, base, 'base');
    if (index !== undefined) {
      checkAddressReg(mnemonic, index, 'index');
      // SIB index 100 means "no index", so rsp can never be one (r12, with REX.X, can).
      if (index.enc === 4) throw new EncodingError(mnemonic, 'rsp cannot be used as an index register');
      if (index.enc & 8) rex.bits |= REX_X;
    }
    const ss = { 1: 0, 2: 1, 4: 2, 8: 3 }[scale];
    if (base === undefined) {
      // mod=00 with SIB base=101 is disp32 without base; rm=101 alone would mean RIP-relative.
      modrm = ((reg & 7) << 3) | 0b100;
      sib = (ss << 6) | (((index?.enc ?? 4) & 7) << 3) | 0b101;
      disp = { size: 4, value: d };
    } else {
      if (base.enc & 8) rex.bits |= REX_B;
      // Base 101 (rbp/r13) with mod=00 would mean "no base", so it always carries a disp8.
      const mod = d === 0 && (base.enc & 7) !== 5 ? 0 : d >= -128 && d <= 127 ? 1 : 2;
      disp = { size: mod === 0 ? 0 : mod === 1 ? 1 : 4, value: d };
      if (index !== undefined || (base.enc & 7) === 4) {
        // rm=100 means "SIB follows", so rsp/r12 as base always need a SIB byte.
        modrm = (mod << 6) | ((reg & 7) << 3) | 0b100;
        sib = (ss << 6) | (((index?.enc ?? 4) & 7) << 3) | (base.enc & 7);
      } else {
        modrm = (mod << 6) | ((reg & 7) << 3) | (base.enc & 7);
      }
    }
  } else {
    throw new EncodingError(mnemonic, `${operandName(rm)} is not a register or memory operand`);
  }

  const rexByte = rex.prefix();
  buf.bytes(inst.prefixes ?? []);
  if (rexByte !== undefined) buf.u8(rexByte);
  buf.bytes(inst.opcode);
  buf.u8(modrm);
  if (sib !== undefined) buf.u8(sib);
  if (ripTarget !== undefined) {
    const target = ripTarget.rip;
    // The CPU adds disp32 to the address of the next instruction, which lies 4 + imm bytes past the field.
    const addend = BigInt(ripTarget.disp ?? 0) + (isSymbolRef(target) ? BigInt(target.addend ?? 0) : 0n) - BigInt(4 + immSize);
    buf.addFixup({ offset: buf.length, type: 'pc32', target, addend });
    buf.u32(0);
  } else if (disp.size === 1) {
    buf.u8(disp.value);
  } else if (disp.size === 4) {
    buf.u32(disp.value);
  }
  if (inst.imm) buf.int(inst.imm.size, inst.imm.value);
}

export interface OpRegInst {
  readonly mnemonic: string;
  readonly prefixes?: readonly number[];
  readonly w?: boolean;
  /** Opcode bytes; the register number is added to the last one (the "+r" forms). */
  readonly opcode: readonly number[];
  readonly reg: Gpr;
  readonly byte?: boolean;
  readonly imm?: { readonly value: bigint; readonly size: 1 | 2 | 4 | 8 };
}

/** Emit an instruction whose register is encoded in the low 3 bits of the opcode. */
export function emitOpReg(buf: CodeBuffer, inst: OpRegInst): void {
  if (!isGpr(inst.reg)) throw new EncodingError(inst.mnemonic, `${operandName(inst.reg)} is not a general-purpose register`);
  const rex = new RexState(inst.mnemonic);
  if (inst.w) rex.bits |= REX_W;
  rex.gpr(inst.reg, inst.byte ?? false);
  if (inst.reg.enc & 8) rex.bits |= REX_B;
  const rexByte = rex.prefix();
  buf.bytes(inst.prefixes ?? []);
  if (rexByte !== undefined) buf.u8(rexByte);
  const op = inst.opcode;
  buf.bytes(op.slice(0, -1));
  buf.u8(op[op.length - 1]! + (inst.reg.enc & 7));
  if (inst.imm) buf.int(inst.imm.size, inst.imm.value);
}

/** Prefix and REX.W for an integer operand size (8-bit ops differ by opcode, not here). */
export function sizePrefix(size: Size): { prefixes: number[]; w: boolean } {
  return { prefixes: size === 16 ? [0x66] : [], w: size === 64 };
}

/** Immediate field size of a non-8-bit-imm form for an operand size (64-bit ops use imm32). */
export function immFieldSize(size: Size): 1 | 2 | 4 {
  return size === 8 ? 1 : size === 16 ? 2 : 4;
}

/** Require a GPR or a memory operand. */
export function expectRM(mnemonic: string, x: unknown, role = 'operand'): RM {
  if (isGpr(x) || isMem(x)) return x;
  throw new EncodingError(mnemonic, `${role} ${operandName(x)} must be a general-purpose register or memory`);
}

export function expectGpr(mnemonic: string, x: unknown, role = 'operand'): Gpr {
  if (isGpr(x)) return x;
  throw new EncodingError(mnemonic, `${role} ${operandName(x)} must be a general-purpose register`);
}

export function expectXmm(mnemonic: string, x: unknown, role = 'operand'): Xmm {
  if (isXmm(x)) return x;
  throw new EncodingError(mnemonic, `${role} ${operandName(x)} must be an xmm register`);
}

export function expectXmmOrMem(mnemonic: string, x: unknown, role = 'operand'): Xmm | MemOperand {
  if (isXmm(x) || isMem(x)) return x;
  throw new EncodingError(mnemonic, `${role} ${operandName(x)} must be an xmm register or memory`);
}

/** Emit an instruction without ModRM operands (implicit operands only). */
export function emitPlain(buf: CodeBuffer, inst: { readonly prefixes?: readonly number[]; readonly w?: boolean; readonly opcode: readonly number[] }): void {
  buf.bytes(inst.prefixes ?? []);
  if (inst.w) buf.u8(0x40 | REX_W);
  buf.bytes(inst.opcode);
}
