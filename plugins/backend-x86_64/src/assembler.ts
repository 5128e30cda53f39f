/**
 * The assembler API used by platforms, the backend's emitter and tests: instructions,
 * labels with branch relaxation (rel8 where it reaches, rel32 otherwise), symbol
 * references that become relocations, and data directives.
 */
import { type CodeBuffer, type Label, LabelledCode, type LaidOutCode, type LayoutRules, isLabel, isSymbolRef, type Target } from '@mewz/compiler';
import type { Cond } from './encoder/conditions.js';
import * as control from './encoder/control.js';
import * as float from './encoder/float.js';
import * as integer from './encoder/integer.js';
import * as move from './encoder/move.js';
import { EncodingError, operandName, isGpr, type Imm, type MemOperand, type RM } from './encoder/operands.js';
import * as system from './encoder/system.js';
import type { ControlReg, Gpr, SegmentReg, Size, Xmm } from './registers.js';
import { relocationTypes } from './relocations.js';

/** The laid-out code of an Assembler (the shape of @mewz/compiler's LaidOutCode). */
export type AssemblerOutput = LaidOutCode;

/** A jump to a label: `jmp` (no condition) or `jcc`, rel8 while it reaches, else rel32. */
interface Jump {
  readonly cc: Cond | undefined;
}

const layoutRules: LayoutRules<Jump> = {
  size: (j, long) => control.jumpSize(j.cc, !long),
  reaches: (_j, pos, target) => {
    const disp = target - (pos + 2);
    return disp >= -128 && disp <= 127;
  },
  write: (out, j, long, pos, target) => control.jumpWithDisp(out, j.cc, !long, target - (pos + control.jumpSize(j.cc, !long))),
  pad: (out, bytes, fill) => (fill === 'nop' ? control.nop(out, bytes) : out.bytes(new Uint8Array(bytes))),
  relocationTypes,
};

export class Assembler {
  /** Labels, relaxed jumps, alignment and fixup resolution: the ISA-neutral part. */
  private readonly layout = new LabelledCode(layoutRules);
  private readonly buf: CodeBuffer = this.layout.buf;

  // ---- labels -------------------------------------------------------------------------

  /** A new unbound label; named labels appear in `finish().labels`. */
  newLabel(name?: string): Label {
    return this.layout.newLabel(name);
  }

  /** Bind `label` to the current position. */
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

  private checkOperands(...ops: unknown[]): void {
    for (const op of ops) if (typeof op === 'object' && op !== null && 'rip' in op && isLabel(op.rip)) this.own(op.rip);
  }

  // ---- integer ------------------------------------------------------------------------

  /** add/or/adc/sbb/and/sub/xor/cmp; immediates use the imm8 form when they fit. */
  alu(op: integer.AluOp, size: Size, dst: RM, src: RM | Imm): this {
    this.checkOperands(dst, src);
    integer.alu(this.buf, op, size, dst, src);
    return this;
  }
  test(size: Size, a: RM, b: Gpr | Imm): this {
    this.checkOperands(a);
    integer.test(this.buf, size, a, b);
    return this;
  }
  /** not/neg/inc/dec. */
  unary(op: integer.UnaryOp, size: Size, dst: RM): this {
    this.checkOperands(dst);
    integer.unary(this.buf, op, size, dst);
    return this;
  }
  /** One-operand mul/imul/div/idiv on rdx:rax. */
  mulDiv(op: integer.MulDivOp, size: Size, src: RM): this {
    this.checkOperands(src);
    integer.mulDiv(this.buf, op, size, src);
    return this;
  }
  imul(size: 16 | 32 | 64, dst: Gpr, src: RM, imm?: Imm): this {
    this.checkOperands(src);
    integer.imul(this.buf, size, dst, src, imm);
    return this;
  }
  cwd(): this {
    integer.signExtendAccumulator(this.buf, 16);
    return this;
  }
  cdq(): this {
    integer.signExtendAccumulator(this.buf, 32);
    return this;
  }
  cqo(): this {
    integer.signExtendAccumulator(this.buf, 64);
    return this;
  }
  /** rol/ror/rcl/rcr/shl/shr/sar by cl or an immediate. */
  shift(op: integer.ShiftOp, size: Size, dst: RM, count: Gpr | 'cl' | number): this {
    this.checkOperands(dst);
    integer.shift(this.buf, op, size, dst, count);
    return this;
  }
  /** bsf/bsr/lzcnt/tzcnt/popcnt. */
  bitScan(op: integer.BitScanOp, size: 16 | 32 | 64, dst: Gpr, src: RM): this {
    this.checkOperands(src);
    integer.bitScan(this.buf, op, size, dst, src);
    return this;
  }
  setcc(cc: Cond, dst: RM): this {
    this.checkOperands(dst);
    integer.setcc(this.buf, cc, dst);
    return this;
  }
  cmovcc(cc: Cond, size: 16 | 32 | 64, dst: Gpr, src: RM): this {
    this.checkOperands(src);
    integer.cmovcc(this.buf, cc, size, dst, src);
    return this;
  }
  bswap(size: 32 | 64, reg: Gpr): this {
    integer.bswap(this.buf, size, reg);
    return this;
  }

  // ---- data movement ------------------------------------------------------------------

  mov(size: Size, dst: RM, src: RM | Imm): this {
    this.checkOperands(dst, src);
    move.mov(this.buf, size, dst, src);
    return this;
  }
  /** Shortest flag-preserving way to put a 64-bit constant in a register. */
  loadConst(dst: Gpr, value: Imm): this {
    move.loadConst(this.buf, dst, value);
    return this;
  }
  movzx(dstSize: 16 | 32 | 64, dst: Gpr, srcSize: 8 | 16 | 32, src: RM): this {
    this.checkOperands(src);
    move.movzx(this.buf, dstSize, dst, srcSize, src);
    return this;
  }
  /** movsx, or movsxd when srcSize is 32. */
  movsx(dstSize: 16 | 32 | 64, dst: Gpr, srcSize: 8 | 16 | 32, src: RM): this {
    this.checkOperands(src);
    move.movsx(this.buf, dstSize, dst, srcSize, src);
    return this;
  }
  lea(size: 16 | 32 | 64, dst: Gpr, src: MemOperand): this {
    this.checkOperands(src);
    move.lea(this.buf, size, dst, src);
    return this;
  }
  xchg(size: Size, a: RM, b: RM): this {
    this.checkOperands(a, b);
    move.xchg(this.buf, size, a, b);
    return this;
  }
  push(src: RM | Imm): this {
    this.checkOperands(src);
    move.push(this.buf, src);
    return this;
  }
  pop(dst: RM): this {
    this.checkOperands(dst);
    move.pop(this.buf, dst);
    return this;
  }
  /** `mov sreg, r/m` or `mov r/m, sreg`. */
  movSegment(dst: SegmentReg | RM, src: SegmentReg | RM): this {
    this.checkOperands(dst, src);
    if ((dst as SegmentReg)?.kind === 'seg') move.movToSegment(this.buf, dst as SegmentReg, src as RM);
    else move.movFromSegment(this.buf, dst as RM, src as SegmentReg);
    return this;
  }
  /** `mov crN, r64` or `mov r64, crN`. */
  movControl(dst: ControlReg | Gpr, src: ControlReg | Gpr): this {
    system.movControl(this.buf, dst, src);
    return this;
  }

  // ---- floating point -----------------------------------------------------------------

  /** Two-operand SSE arithmetic, comparison, conversion and bitwise ops (`addsd xmm0, xmm1`). */
  sse(op: float.SseOp, dst: Xmm, src: Xmm | MemOperand): this {
    this.checkOperands(src);
    float.sse(this.buf, op, dst, src);
    return this;
  }
  /** movss/movsd/movaps/movapd/movups/movupd/movdqa/movdqu/movq between xmm and xmm/memory. */
  sseMove(op: float.SseMoveOp, dst: Xmm | MemOperand, src: Xmm | MemOperand): this {
    this.checkOperands(dst, src);
    float.sseMove(this.buf, op, dst, src);
    return this;
  }
  /** movd between an xmm register and a 32-bit GPR or memory. */
  movd(dst: Xmm | RM, src: Xmm | RM): this {
    this.checkOperands(dst, src);
    float.movGprXmm(this.buf, 32, dst, src);
    return this;
  }
  /** movq between an xmm register and a 64-bit GPR, another xmm register or memory. */
  movq(dst: Xmm | RM, src: Xmm | RM): this {
    this.checkOperands(dst, src);
    if (isGpr(dst) || isGpr(src)) float.movGprXmm(this.buf, 64, dst, src);
    else float.sseMove(this.buf, 'movq', dst as Xmm | MemOperand, src as Xmm | MemOperand);
    return this;
  }
  /** cvtsi2ss/cvtsi2sd from a 32- or 64-bit signed integer. */
  cvtIntToFloat(op: float.IntToFloatOp, srcSize: 32 | 64, dst: Xmm, src: RM): this {
    this.checkOperands(src);
    float.cvtIntToFloat(this.buf, op, srcSize, dst, src);
    return this;
  }
  /** cvttss2si/cvttsd2si (truncating) or cvtss2si/cvtsd2si to a 32- or 64-bit integer. */
  cvtFloatToInt(op: float.FloatToIntOp, dstSize: 32 | 64, dst: Gpr, src: Xmm | MemOperand): this {
    this.checkOperands(src);
    float.cvtFloatToInt(this.buf, op, dstSize, dst, src);
    return this;
  }
  /** roundss/roundsd (SSE4.1) with an imm8 rounding mode. */
  round(op: float.RoundOp, dst: Xmm, src: Xmm | MemOperand, mode: number): this {
    this.checkOperands(src);
    float.round(this.buf, op, dst, src, mode);
    return this;
  }

  // ---- control flow -------------------------------------------------------------------

  /** `jmp`: to a label (relaxed to rel8 when it reaches), a symbol (rel32 + pc32), or indirect. */
  jmp(target: Target | RM): this {
    if (isLabel(target)) {
      this.own(target);
      this.layout.branch(target, { cc: undefined });
    } else if (isSymbolRef(target)) {
      control.jmpRel32(this.buf, target);
    } else {
      this.checkOperands(target);
      control.jmpIndirect(this.buf, target);
    }
    return this;
  }
  /** `jcc`: to a label (relaxed) or a symbol (rel32 + pc32). */
  jcc(cc: Cond, target: Target): this {
    this.checkTarget(`j${cc}`, target);
    if (isLabel(target)) this.layout.branch(target, { cc });
    else control.jccRel32(this.buf, cc, target);
    return this;
  }
  /** `call`: rel32 to a label or symbol, or indirect through a register or memory. */
  call(target: Target | RM): this {
    if (isLabel(target)) this.own(target);
    this.checkOperands(target);
    control.call(this.buf, target);
    return this;
  }
  ret(pop = 0): this {
    control.ret(this.buf, pop);
    return this;
  }
  ud2(): this {
    control.ud2(this.buf);
    return this;
  }
  int3(): this {
    control.int3(this.buf);
    return this;
  }
  int(vector: number): this {
    control.int(this.buf, vector);
    return this;
  }
  /** Exactly `length` bytes of (multi-byte) NOPs. */
  nop(length = 1): this {
    control.nop(this.buf, length);
    return this;
  }

  // ---- system -------------------------------------------------------------------------

  hlt = this.fixed('hlt');
  cli = this.fixed('cli');
  sti = this.fixed('sti');
  cpuid = this.fixed('cpuid');
  rdtsc = this.fixed('rdtsc');
  rdtscp = this.fixed('rdtscp');
  rdmsr = this.fixed('rdmsr');
  wrmsr = this.fixed('wrmsr');
  syscall = this.fixed('syscall');
  swapgs = this.fixed('swapgs');
  mfence = this.fixed('mfence');
  lfence = this.fixed('lfence');
  sfence = this.fixed('sfence');
  pause = this.fixed('pause');
  cld = this.fixed('cld');
  std = this.fixed('std');
  iretq = this.fixed('iretq');
  retfq = this.fixed('retfq');
  cdqe = this.fixed('cdqe');

  private fixed(op: system.FixedOp): () => this {
    return () => {
      system.fixed(this.buf, op);
      return this;
    };
  }

  /** `in al/ax/eax, port` where port is an imm8 or rdx (dx). */
  in(size: 8 | 16 | 32, port: number | Gpr): this {
    system.inPort(this.buf, size, port);
    return this;
  }
  /** `out port, al/ax/eax` where port is an imm8 or rdx (dx). */
  out(size: 8 | 16 | 32, port: number | Gpr): this {
    system.outPort(this.buf, size, port);
    return this;
  }
  /** `ltr r/m16`: load the task register (the selector of a TSS descriptor). */
  /** `rdrand r64`; CF tells whether the register received random bits. */
  rdrand(dst: Gpr): this {
    this.checkOperands(dst);
    system.rdrand(this.buf, dst);
    return this;
  }
  ltr(selector: Gpr | MemOperand): this {
    this.checkOperands(selector);
    system.ltr(this.buf, selector);
    return this;
  }
  lgdt(m: MemOperand): this {
    return this.descriptor('lgdt', m);
  }
  lidt(m: MemOperand): this {
    return this.descriptor('lidt', m);
  }
  sgdt(m: MemOperand): this {
    return this.descriptor('sgdt', m);
  }
  sidt(m: MemOperand): this {
    return this.descriptor('sidt', m);
  }
  invlpg(m: MemOperand): this {
    return this.descriptor('invlpg', m);
  }
  private descriptor(op: system.DescriptorOp, m: MemOperand): this {
    this.checkOperands(m);
    system.descriptorTable(this.buf, op, m);
    return this;
  }
  /** `rep movs{b,w,d,q}`. */
  repMovs(size: Size): this {
    system.repMovs(this.buf, size);
    return this;
  }
  /** `rep stos{b,w,d,q}`. */
  repStos(size: Size): this {
    system.repStos(this.buf, size);
    return this;
  }

  // ---- data ---------------------------------------------------------------------------

  bytes(data: ArrayLike<number>): this {
    this.buf.bytes(data);
    return this;
  }
  u8(v: number): this {
    this.buf.int(1, this.dataValue('u8', v, 8));
    return this;
  }
  u16(v: number): this {
    this.buf.int(2, this.dataValue('u16', v, 16));
    return this;
  }
  u32(v: number | bigint): this {
    this.buf.int(4, this.dataValue('u32', v, 32));
    return this;
  }
  u64(v: number | bigint): this {
    this.buf.int(8, this.dataValue('u64', v, 64));
    return this;
  }

  private dataValue(what: string, v: number | bigint, bits: number): bigint {
    if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new Error(`${what}: ${v} is not an integer`);
    const b = BigInt(v);
    if (b < -(1n << BigInt(bits - 1)) || b >= 1n << BigInt(bits)) throw new Error(`${what}: ${v} does not fit ${bits} bits`);
    return b;
  }

  /** Pad to a multiple of `alignment` (a power of two) with NOPs or zero bytes. */
  align(alignment: number, fill: 'nop' | 'zero' = 'nop'): this {
    this.layout.align(alignment, fill);
    return this;
  }

  /**
   * The absolute address of a symbol, or of a named label of this code, as a 64-bit
   * (abs64) or zero-extended 32-bit (abs32) word. Always a relocation: addresses are
   * known only to the linker.
   */
  address(size: 4 | 8, target: Target, addend: number | bigint = 0): this {
    this.checkTarget('address', target);
    if (isLabel(target) && target.name === undefined) {
      throw new Error(`address: label ${target} has no name, so the linker cannot resolve its address`);
    }
    const total = BigInt(addend) + (isSymbolRef(target) ? BigInt(target.addend ?? 0) : 0n);
    this.buf.addFixup({ offset: this.buf.length, type: size === 8 ? 'abs64' : 'abs32', target, addend: total });
    this.buf.int(size, 0n);
    return this;
  }

  /** A signed 32-bit `target − base` (position-independent jump table entries). */
  labelDiff32(target: Label, base: Label, addend: number | bigint = 0): this {
    this.own(target);
    this.own(base);
    this.buf.addFixup({ offset: this.buf.length, type: 'abs32s', target, relativeTo: base, addend: BigInt(addend) });
    this.buf.u32(0);
    return this;
  }

  // ---- output -------------------------------------------------------------------------

  /** Lay out, resolve labels and return the code, its relocations and the named labels. */
  finish(): AssemblerOutput {
    return this.layout.finish();
  }
}
