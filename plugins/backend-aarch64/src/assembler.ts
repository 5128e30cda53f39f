/**
 * The assembler API used by platforms, the backend's emitter and tests: one method per
 * instruction (family), labels, symbol references that become relocations, and data.
 *
 * Every instruction is one 32-bit word. Conditional branches to labels (b.cond, cbz/cbnz,
 * tbz/tbnz) reach ±1 MiB (tbz ±32 KiB); `finish()` lays them out short and turns one whose
 * label is out of reach into the inverted branch over a `b` (±128 MiB), repeating until
 * nothing changes. Other label references (b, bl, adr, ldr literal) that do not reach are
 * an error; references to symbols are relocations the linker range-checks.
 */
import type { RelocationType } from '@mewz/object';
import { type CodeBuffer, isLabel, isSymbolRef, type Label, LabelledCode, type LaidOutCode, type LayoutRules, type Target } from '@mewz/compiler';
import { type Cond, invertCond } from './encoder/conditions.js';
import * as control from './encoder/control.js';
import * as float from './encoder/float.js';
import * as integer from './encoder/integer.js';
import * as memory from './encoder/memory.js';
import { EncodingError, fpImm8, type Imm, immValue, isGpr, logicalImm, type Mem, operandName } from './encoder/operands.js';
import * as system from './encoder/system.js';
import type { FpReg, Gpr, Size, SystemRegister } from './registers.js';
import { x30, xzr } from './registers.js';
import { type A64RelocationName, relocationTypes } from './relocations.js';

/** The laid-out code of an Assembler (the shape of @mewz/compiler's LaidOutCode). */
export type AssemblerOutput = LaidOutCode;

/** A conditional branch to a label: 4 bytes, or 8 when long (inverted branch over a b). */
interface CondBranch {
  readonly word: number;
  readonly field: 'b19' | 'b14';
}

const layoutRules: LayoutRules<CondBranch> = {
  size: (_b, long) => (long ? 8 : 4),
  reaches: (b, pos, target) => {
    const disp = target - pos;
    const limit = b.field === 'b19' ? 1 << 20 : 1 << 15;
    return disp >= -limit && disp < limit;
  },
  write: (out, b, long, pos, target) => {
    const type = relocationTypes[b.field === 'b19' ? 'condbr19' : 'tstbr14'];
    const scratch = new Uint8Array(4);
    if (!long) {
      new DataView(scratch.buffer).setUint32(0, b.word, true);
      type.patch(scratch, 0, BigInt(target - pos));
      out.bytes(scratch);
      return;
    }
    // The inverted branch skips the b that follows it.
    new DataView(scratch.buffer).setUint32(0, invertBranch(b.word), true);
    type.patch(scratch, 0, 8n);
    out.bytes(scratch);
    const jump = new Uint8Array(4);
    new DataView(jump.buffer).setUint32(0, control.B, true);
    patchLabel(relocationTypes.jump26, 'b', jump, 0, BigInt(target - (pos + 4)));
    out.bytes(jump);
  },
  pad: (out, bytes, fill) => out.bytes(padding(bytes, fill)),
  relocationTypes,
  patchLabel,
};

export class Assembler {
  /** Labels, relaxed branches, alignment and fixup resolution: the ISA-neutral part. */
  private readonly layout = new LabelledCode(layoutRules);
  private readonly buf: CodeBuffer = this.layout.buf;

  // ---- labels -------------------------------------------------------------------------

  newLabel(name?: string): Label {
    return this.layout.newLabel(name);
  }

  bind(label: Label): this {
    this.layout.bind(label);
    return this;
  }

  private own(label: Label): void {
    this.layout.own(label);
  }

  private checkTarget(mnemonic: string, target: Target): void {
    if (isLabel(target)) this.own(target);
    else if (!isSymbolRef(target)) throw new EncodingError(mnemonic, `target ${operandName(target)} must be a label or symbol`);
  }

  /** Emits one instruction word. */
  word(w: number): this {
    this.buf.u32(w >>> 0);
    return this;
  }

  /** An instruction whose `type` field refers to `target` (a label, resolved at finish, or a symbol). */
  private ref(mnemonic: string, w: number, type: A64RelocationName, target: Target, addend: number | bigint = 0): this {
    this.checkTarget(mnemonic, target);
    const extra = isSymbolRef(target) ? BigInt(target.addend ?? 0) : 0n;
    this.buf.addFixup({ offset: this.buf.length, type, target, addend: BigInt(addend) + extra });
    return this.word(w);
  }

  // ---- integer ------------------------------------------------------------------------

  /** add/adds/sub/subs rd, rn, (register | shifted/extended register | imm12). */
  addSub(op: integer.AddSubOp, size: Size, rd: Gpr, rn: Gpr, op2: integer.Operand2): this {
    return this.word(integer.addSub(op, size, rd, rn, op2));
  }
  add(size: Size, rd: Gpr, rn: Gpr, op2: integer.Operand2): this {
    return this.addSub('add', size, rd, rn, op2);
  }
  sub(size: Size, rd: Gpr, rn: Gpr, op2: integer.Operand2): this {
    return this.addSub('sub', size, rd, rn, op2);
  }
  cmp(size: Size, rn: Gpr, op2: integer.Operand2): this {
    return this.addSub('subs', size, xzr, rn, op2);
  }
  cmn(size: Size, rn: Gpr, op2: integer.Operand2): this {
    return this.addSub('adds', size, xzr, rn, op2);
  }
  neg(size: Size, rd: Gpr, rm: Gpr): this {
    return this.addSub('sub', size, rd, xzr, rm);
  }
  /** and/orr/eor/ands/bic/orn/eon/bics rd, rn, (register | shifted register | bitmask immediate). */
  logic(op: integer.LogicOp, size: Size, rd: Gpr, rn: Gpr, op2: Gpr | Imm | integer.ShiftedReg): this {
    return this.word(integer.logic(op, size, rd, rn, op2));
  }
  tst(size: Size, rn: Gpr, op2: Gpr | Imm | integer.ShiftedReg): this {
    return this.logic('ands', size, xzr, rn, op2);
  }
  mvn(size: Size, rd: Gpr, rm: Gpr): this {
    return this.logic('orn', size, rd, xzr, rm);
  }
  /**
   * mov rd, rn (orr, or add #0 when sp is involved), or mov rd, #imm as the shortest of
   * movz, movn, a bitmask orr, or movz/movn followed by movk.
   */
  mov(size: Size, rd: Gpr, src: Gpr | Imm): this {
    if (isGpr(src)) {
      if (rd.role === 'sp' || src.role === 'sp') return this.add(size, rd, src, 0);
      return this.logic('orr', size, rd, xzr, src);
    }
    for (const w of movImmWords(size, rd, immValue('mov', src))) this.word(w);
    return this;
  }
  movz(size: Size, rd: Gpr, imm16: number, shift = 0): this {
    return this.word(integer.moveWide('movz', size, rd, imm16, shift));
  }
  movk(size: Size, rd: Gpr, imm16: number, shift = 0): this {
    return this.word(integer.moveWide('movk', size, rd, imm16, shift));
  }
  movn(size: Size, rd: Gpr, imm16: number, shift = 0): this {
    return this.word(integer.moveWide('movn', size, rd, imm16, shift));
  }
  /** The absolute address of a symbol (or named label) in four movz/movk with relocations. */
  movAddress(rd: Gpr, target: Target, addend: number | bigint = 0): this {
    this.checkAbsolute('movz', target);
    this.ref('movz', integer.moveWide('movz', 64, rd, 0, 0), 'movw_uabs_g0_nc', target, addend);
    this.ref('movk', integer.moveWide('movk', 64, rd, 0, 16), 'movw_uabs_g1_nc', target, addend);
    this.ref('movk', integer.moveWide('movk', 64, rd, 0, 32), 'movw_uabs_g2_nc', target, addend);
    return this.ref('movk', integer.moveWide('movk', 64, rd, 0, 48), 'movw_uabs_g3', target, addend);
  }
  /** lsl/lsr/asr/ror by an immediate (bitfield aliases) or a register (lslv…). */
  shift(op: integer.Shift, size: Size, rd: Gpr, rn: Gpr, amount: Gpr | number): this {
    if (typeof amount === 'number') return this.word(integer.shiftImm(op, size, rd, rn, amount));
    return this.word(integer.dataProc2(`${op}v` as integer.DivShiftOp, size, rd, rn, amount));
  }
  bitfield(op: integer.BitfieldOp, size: Size, rd: Gpr, rn: Gpr, immr: number, imms: number): this {
    return this.word(integer.bitfield(op, size, rd, rn, immr, imms));
  }
  extr(size: Size, rd: Gpr, rn: Gpr, rm: Gpr, lsb: number): this {
    return this.word(integer.extr(size, rd, rn, rm, lsb));
  }
  /** sxtb/sxth/sxtw/uxtb/uxth. */
  extend(op: integer.ExtendOp, size: Size, rd: Gpr, rn: Gpr): this {
    return this.word(integer.extend(op, size, rd, rn));
  }
  /** udiv/sdiv/lslv/lsrv/asrv/rorv. */
  dataProc2(op: integer.DivShiftOp, size: Size, rd: Gpr, rn: Gpr, rm: Gpr): this {
    return this.word(integer.dataProc2(op, size, rd, rn, rm));
  }
  /** rbit/rev16/rev/rev32/clz/cls. */
  bitOp(op: integer.BitOp, size: Size, rd: Gpr, rn: Gpr): this {
    return this.word(integer.dataProc1(op, size, rd, rn));
  }
  madd(size: Size, rd: Gpr, rn: Gpr, rm: Gpr, ra: Gpr): this {
    return this.word(integer.dataProc3('madd', size, rd, rn, rm, ra));
  }
  msub(size: Size, rd: Gpr, rn: Gpr, rm: Gpr, ra: Gpr): this {
    return this.word(integer.dataProc3('msub', size, rd, rn, rm, ra));
  }
  mul(size: Size, rd: Gpr, rn: Gpr, rm: Gpr): this {
    return this.madd(size, rd, rn, rm, xzr);
  }
  mulh(signed: boolean, rd: Gpr, rn: Gpr, rm: Gpr): this {
    return this.word(integer.dataProc3(signed ? 'smulh' : 'umulh', 64, rd, rn, rm));
  }
  /** csel/csinc/csinv/csneg rd, rn, rm, cc. */
  condSelect(op: integer.CondSelectOp, size: Size, rd: Gpr, rn: Gpr, rm: Gpr, cc: Cond): this {
    return this.word(integer.condSelect(op, size, rd, rn, rm, cc));
  }
  csel(size: Size, rd: Gpr, rn: Gpr, rm: Gpr, cc: Cond): this {
    return this.condSelect('csel', size, rd, rn, rm, cc);
  }
  /** rd = cc ? 1 : 0 (csinc rd, zr, zr, !cc). */
  cset(size: Size, rd: Gpr, cc: Cond): this {
    return this.condSelect('csinc', size, rd, xzr, xzr, invertCond(cc));
  }
  /** rd = cc ? -1 : 0. */
  csetm(size: Size, rd: Gpr, cc: Cond): this {
    return this.condSelect('csinv', size, rd, xzr, xzr, invertCond(cc));
  }
  ccmp(size: Size, rn: Gpr, op2: Gpr | number, nzcv: number, cc: Cond): this {
    return this.word(integer.condCompare('ccmp', size, rn, op2, nzcv, cc));
  }

  // ---- memory -------------------------------------------------------------------------

  /** Load of `width` bytes into a `size`-bit register, zero- or sign-extended. */
  load(size: Size, width: memory.Width, signed: boolean, rt: Gpr, m: Mem): this {
    return this.word(memory.load(size, width, signed, rt, m));
  }
  /** Full-width load (ldr wt / ldr xt). */
  ldr(size: Size, rt: Gpr, m: Mem): this {
    return this.load(size, size === 64 ? 8 : 4, false, rt, m);
  }
  store(width: memory.Width, rt: Gpr, m: Mem): this {
    return this.word(memory.store(width, rt, m));
  }
  str(size: Size, rt: Gpr, m: Mem): this {
    return this.store(size === 64 ? 8 : 4, rt, m);
  }
  fldr(bits: memory.FpBits, rt: FpReg, m: Mem): this {
    return this.word(memory.fpLoad(bits, rt, m));
  }
  fstr(bits: memory.FpBits, rt: FpReg, m: Mem): this {
    return this.word(memory.fpStore(bits, rt, m));
  }
  ldp(size: Size, rt1: Gpr, rt2: Gpr, m: Mem): this {
    return this.word(memory.pair(true, { kind: 'gpr', size }, rt1, rt2, m));
  }
  stp(size: Size, rt1: Gpr, rt2: Gpr, m: Mem): this {
    return this.word(memory.pair(false, { kind: 'gpr', size }, rt1, rt2, m));
  }
  fldp(bits: memory.FpBits, rt1: FpReg, rt2: FpReg, m: Mem): this {
    return this.word(memory.pair(true, { kind: 'fp', bits }, rt1, rt2, m));
  }
  fstp(bits: memory.FpBits, rt1: FpReg, rt2: FpReg, m: Mem): this {
    return this.word(memory.pair(false, { kind: 'fp', bits }, rt1, rt2, m));
  }
  /** ldr (literal) of a GPR (`size` bits) or an FP register from a PC-relative label or symbol. */
  ldrLiteral(rt: Gpr | FpReg, bits: 32 | 64 | 128, target: Target): this {
    const w = isGpr(rt) ? memory.loadLiteral({ gpr: bits === 64 ? 64 : 32 }, rt) : memory.loadLiteral({ fp: bits }, rt);
    return this.ref('ldr', w, 'ld_prel_lo19', target);
  }
  adr(rd: Gpr, target: Target, addend: number | bigint = 0): this {
    return this.ref('adr', memory.adr(false, rd), 'adr_prel_lo21', target, addend);
  }
  /** adrp rd, target: the 4 KiB page of a symbol (a named label is referenced like a symbol). */
  adrp(rd: Gpr, target: Target, addend: number | bigint = 0): this {
    this.checkAbsolute('adrp', target);
    return this.ref('adrp', memory.adr(true, rd), 'adr_prel_pg_hi21', target, addend);
  }
  /** add rd, rn, :lo12:target (after adrp). */
  addLo12(rd: Gpr, rn: Gpr, target: Target, addend: number | bigint = 0): this {
    this.checkAbsolute('add', target);
    return this.ref('add', integer.addSub('add', 64, rd, rn, 0), 'add_abs_lo12_nc', target, addend);
  }
  /** ldr/str of `width` bytes at [rn, :lo12:target] (after adrp). */
  loadLo12(size: Size, width: memory.Width, rt: Gpr, rn: Gpr, target: Target, addend: number | bigint = 0): this {
    this.checkAbsolute('ldr', target);
    return this.ref('ldr', memory.load(size, width, false, rt, { base: rn, offset: 0 }), LDST_LO12[width], target, addend);
  }
  storeLo12(width: memory.Width, rt: Gpr, rn: Gpr, target: Target, addend: number | bigint = 0): this {
    this.checkAbsolute('str', target);
    return this.ref('str', memory.store(width, rt, { base: rn, offset: 0 }), LDST_LO12[width], target, addend);
  }
  /** rd = the address of a symbol or named label (adrp + add, ±4 GiB). */
  loadAddress(rd: Gpr, target: Target, addend: number | bigint = 0): this {
    return this.adrp(rd, target, addend).addLo12(rd, rd, target, addend);
  }

  private checkAbsolute(mnemonic: string, target: Target): void {
    this.checkTarget(mnemonic, target);
    if (isLabel(target) && target.name === undefined) {
      throw new Error(`${mnemonic}: label ${target} has no name, so the linker cannot resolve its address`);
    }
  }

  // ---- branches -----------------------------------------------------------------------

  b(target: Target): this {
    return this.ref('b', control.B, 'jump26', target);
  }
  bl(target: Target): this {
    return this.ref('bl', control.BL, 'call26', target);
  }
  /** b.cond; to a label it is relaxed when out of reach. */
  bcond(cc: Cond, target: Target): this {
    if (cc === 'al') return this.b(target);
    return this.condBranch('b.cond', control.bcond(cc), 'b19', target);
  }
  cbz(size: Size, rt: Gpr, target: Target): this {
    return this.condBranch('cbz', control.cb(false, size, rt), 'b19', target);
  }
  cbnz(size: Size, rt: Gpr, target: Target): this {
    return this.condBranch('cbnz', control.cb(true, size, rt), 'b19', target);
  }
  tbz(rt: Gpr, bit: number, target: Target): this {
    return this.condBranch('tbz', control.tb(false, rt, bit), 'b14', target);
  }
  tbnz(rt: Gpr, bit: number, target: Target): this {
    return this.condBranch('tbnz', control.tb(true, rt, bit), 'b14', target);
  }
  br(rn: Gpr): this {
    return this.word(control.branchReg('br', rn));
  }
  blr(rn: Gpr): this {
    return this.word(control.branchReg('blr', rn));
  }
  ret(rn: Gpr = LINK): this {
    return this.word(control.branchReg('ret', rn));
  }

  private condBranch(mnemonic: string, w: number, field: 'b19' | 'b14', target: Target): this {
    this.checkTarget(mnemonic, target);
    if (isLabel(target)) {
      this.layout.branch(target, { word: w, field });
      return this;
    }
    return this.ref(mnemonic, w, field === 'b19' ? 'condbr19' : 'tstbr14', target);
  }

  // ---- floating point -----------------------------------------------------------------

  /** fadd/fsub/fmul/fdiv/fmin/fmax/fminnm/fmaxnm/fnmul. */
  fbin(op: float.FpBinOp, t: float.FloatType, rd: FpReg, rn: FpReg, rm: FpReg): this {
    return this.word(float.fpBinary(op, t, rd, rn, rm));
  }
  /** fmov (register)/fabs/fneg/fsqrt/frint*. */
  funary(op: float.FpUnaryOp, t: float.FloatType, rd: FpReg, rn: FpReg): this {
    return this.word(float.fpUnary(op, t, rd, rn));
  }
  fmov(t: float.FloatType, rd: FpReg, rn: FpReg): this {
    return this.funary('fmov', t, rd, rn);
  }
  /** fmov rd, #value: only values of the form ±(16…31)/16 × 2^(−3…4). */
  fmovImm(t: float.FloatType, rd: FpReg, value: number): this {
    const bits = t === 'f32' ? BigInt(new Uint32Array(new Float32Array([value]).buffer)[0]!) : new BigUint64Array(new Float64Array([value]).buffer)[0]!;
    const imm8 = fpImm8(bits, t);
    if (imm8 === undefined || (t === 'f32' && Math.fround(value) !== value)) throw new EncodingError('fmov', `${value} is not an 8-bit float immediate`);
    return this.word(float.fmovImm(t, rd, imm8));
  }
  /** fmov between register files: GPR → FP (`toFp`) or FP → GPR, w ↔ s, x ↔ d. */
  fmovGeneral(size: Size, rd: Gpr | FpReg, rn: Gpr | FpReg): this {
    return this.word(float.fmovGeneral(size, !isGpr(rd), rd, rn));
  }
  fcvt(to: float.FloatType, from: float.FloatType, rd: FpReg, rn: FpReg): this {
    return this.word(float.fcvt(to, from, rd, rn));
  }
  /** fcvtzs/fcvtzu/scvtf/ucvtf/fcvtns/fcvtms/fcvtps between a `size`-bit integer and a float. */
  fconvert(op: float.ConvertOp, size: Size, t: float.FloatType, rd: Gpr | FpReg, rn: Gpr | FpReg): this {
    return this.word(float.fpConvert(op, size, t, rd, rn));
  }
  fcmp(t: float.FloatType, rn: FpReg, rm: FpReg | 0): this {
    return this.word(float.fcmp(t, rn, rm));
  }
  fcsel(t: float.FloatType, rd: FpReg, rn: FpReg, rm: FpReg, cc: Cond): this {
    return this.word(float.fcsel(t, rd, rn, rm, cc));
  }
  cnt8b(rd: FpReg, rn: FpReg): this {
    return this.word(float.cnt8b(rd, rn));
  }
  addv8b(rd: FpReg, rn: FpReg): this {
    return this.word(float.addv8b(rd, rn));
  }
  movVector(rd: FpReg, rn: FpReg): this {
    return this.word(float.movVector(rd, rn));
  }
  moviZero(rd: FpReg): this {
    return this.word(float.moviZero(rd));
  }

  // ---- system -------------------------------------------------------------------------

  svc(imm16 = 0): this {
    return this.word(system.exception('svc', imm16));
  }
  hvc(imm16 = 0): this {
    return this.word(system.exception('hvc', imm16));
  }
  brk(imm16 = 0): this {
    return this.word(system.exception('brk', imm16));
  }
  udf(imm16 = 0): this {
    return this.word(system.udf(imm16));
  }
  nop(): this {
    return this.word(system.hint('nop'));
  }
  yield(): this {
    return this.word(system.hint('yield'));
  }
  wfi(): this {
    return this.word(system.hint('wfi'));
  }
  wfe(): this {
    return this.word(system.hint('wfe'));
  }
  sev(): this {
    return this.word(system.hint('sev'));
  }
  dmb(option: system.BarrierOption = 'sy'): this {
    return this.word(system.barrier('dmb', option));
  }
  dsb(option: system.BarrierOption = 'sy'): this {
    return this.word(system.barrier('dsb', option));
  }
  isb(): this {
    return this.word(system.ISB);
  }
  eret(): this {
    return this.word(system.ERET);
  }
  mrs(rt: Gpr, reg: string | SystemRegister): this {
    return this.word(system.mrs(rt, reg));
  }
  msr(reg: string | SystemRegister, rt: Gpr): this {
    return this.word(system.msr(reg, rt));
  }
  /** msr daifset/daifclr, #mask (2 masks IRQs). */
  msrDaif(set: boolean, mask: number): this {
    return this.word(system.msrDaif(set, mask));
  }

  // ---- data ---------------------------------------------------------------------------

  bytes(data: ArrayLike<number>): this {
    this.buf.bytes(data);
    return this;
  }
  u8(v: number): this {
    this.buf.u8(v);
    return this;
  }
  u16(v: number): this {
    this.buf.u16(v);
    return this;
  }
  u32(v: number): this {
    this.buf.u32(v);
    return this;
  }
  u64(v: bigint): this {
    this.buf.u64(v);
    return this;
  }

  /** Pad to a multiple of `alignment` (a power of two) with nops (whole words) or zero bytes. */
  align(alignment: number, fill: 'nop' | 'zero' = 'nop'): this {
    this.layout.align(alignment, fill);
    return this;
  }

  /** The absolute address of a symbol or named label as a 64-bit (abs64) or 32-bit (abs32) word. */
  address(size: 4 | 8, target: Target, addend: number | bigint = 0): this {
    this.checkAbsolute('address', target);
    const extra = isSymbolRef(target) ? BigInt(target.addend ?? 0) : 0n;
    this.buf.addFixup({ offset: this.buf.length, type: size === 8 ? 'abs64' : 'abs32', target, addend: BigInt(addend) + extra });
    if (size === 8) this.buf.u64(0n);
    else this.buf.u32(0);
    return this;
  }

  /** A 32-bit word holding target − base + addend (position-independent jump tables). */
  labelDiff32(target: Label, base: Label, addend: number | bigint = 0): this {
    this.own(target);
    this.own(base);
    this.buf.addFixup({ offset: this.buf.length, type: 'prel32', target, addend: BigInt(addend), relativeTo: base });
    this.buf.u32(0);
    return this;
  }

  // ---- finish -------------------------------------------------------------------------

  finish(): AssemblerOutput {
    return this.layout.finish();
  }
}

const LINK: Gpr = x30;

const LDST_LO12: Record<memory.Width, A64RelocationName> = {
  1: 'ldst8_abs_lo12_nc',
  2: 'ldst16_abs_lo12_nc',
  4: 'ldst32_abs_lo12_nc',
  8: 'ldst64_abs_lo12_nc',
};

/** Patches a label reference, reporting a distance out of range as an encoding error of the instruction. */
function patchLabel(type: RelocationType, mnemonic: string, code: Uint8Array, offset: number, value: bigint): void {
  try {
    type.patch(code, offset, value);
  } catch (error) {
    throw new EncodingError(mnemonic, `label out of reach (${(error as Error).message})`);
  }
}

/** b.cond ↔ b.!cond, cbz ↔ cbnz, tbz ↔ tbnz (offset field left as it is). */
function invertBranch(word: number): number {
  if ((word & 0xff00_0010) === 0x5400_0000) return (word ^ 1) >>> 0;
  return (word ^ (1 << 24)) >>> 0;
}

function padding(bytes: number, fill: 'nop' | 'zero'): Uint8Array {
  const out = new Uint8Array(bytes);
  if (fill === 'nop') {
    const view = new DataView(out.buffer);
    for (let i = 0; i + 4 <= bytes; i += 4) view.setUint32(i, control.NOP, true);
  }
  return out;
}

/**
 * The words that load `value` into a `size`-bit register: one movz, movn or bitmask orr
 * when possible, else movz (or movn, when more halfwords are 0xffff) and a movk per
 * halfword that differs.
 */
export function movImmWords(size: Size, rd: Gpr, value: bigint): number[] {
  const v = BigInt.asUintN(size, value);
  const halves = Array.from({ length: size / 16 }, (_, i) => Number((v >> BigInt(16 * i)) & 0xffffn));
  const zeros = halves.filter((h) => h === 0).length;
  const ones = halves.filter((h) => h === 0xffff).length;
  if (zeros >= halves.length - 1) {
    const i = Math.max(0, halves.findIndex((h) => h !== 0));
    return [integer.moveWide('movz', size, rd, halves[i]!, 16 * i)];
  }
  if (ones >= halves.length - 1) {
    const i = Math.max(0, halves.findIndex((h) => h !== 0xffff));
    return [integer.moveWide('movn', size, rd, ~halves[i]! & 0xffff, 16 * i)];
  }
  if (logicalImm(v, size) && rd.role !== 'sp') return [integer.logic('orr', size, rd, xzr, v)];
  const useMovn = ones > zeros;
  const skip = useMovn ? 0xffff : 0;
  const words: number[] = [];
  halves.forEach((h, i) => {
    if (h === skip) return;
    if (words.length === 0) words.push(integer.moveWide(useMovn ? 'movn' : 'movz', size, rd, useMovn ? ~h & 0xffff : h, 16 * i));
    else words.push(integer.moveWide('movk', size, rd, h, 16 * i));
  });
  return words;
}
