/**
 * Encoding of allocated machine instructions (operands already physical registers) with
 * the assembler. Sequences use x16/x17/v31 (never allocated, see abi.ts) and local labels.
 */
import { type EmitContext, type Frame, type Label, sym, TrapCode } from '@mewz/compiler';
import { INCOMING_ARGS_FROM_FP } from './abi.js';
import { movImmWords } from './assembler.js';
import { invertCond } from './encoder/conditions.js';
import { fmovImm } from './encoder/float.js';
import { offsetFits } from './encoder/memory.js';
import { addSubImm, fpImm8, type Mem } from './encoder/operands.js';
import { emitEpilogue, reach, stackSlotOffset } from './frame.js';
import type { FunctionAssembler } from './function-assembler.js';
import { type A64Inst, type Amode, type Condition, isImm, type RegOrImm, type SysOp } from './inst.js';
import { fpOf as v, gprOf as g, isFpReg } from './pregs.js';
import { fpRegs, type Gpr, sp, x16, x17, x29, xzr } from './registers.js';

const v31 = fpRegs[31]!;
const BITS = { f32: 32, f64: 64 } as const;

/**
 * The memory operand of an access of `width` bytes; what no addressing mode takes is
 * added up in x16 first (x17 for an offset that is no immediate either).
 */
function mem(asm: FunctionAssembler, a: Amode, frame: Frame, width: number): Mem {
  switch (a.kind) {
    case 'reg': {
      const base = g(a.base);
      if (a.index === undefined) return reach(asm, base, a.disp, width);
      const index = g(a.index);
      const shift = a.scaled === true && width > 1;
      if (a.disp === 0) return { base, index, extend: a.uxtw ? 'uxtw' : 'lsl', shift };
      const amount = shift ? Math.log2(width) : 0;
      asm.add(64, x16, base, a.uxtw ? { reg: index, extend: 'uxtw', amount } : { reg: index, shift: 'lsl', amount });
      if (offsetFits(a.disp, width)) return { base: x16, offset: a.disp };
      asm.mov(64, x17, a.disp);
      return { base: x16, index: x17 };
    }
    case 'slot':
      return reach(asm, sp, stackSlotOffset(frame, a.slot, a.disp), width);
    case 'outgoing':
      return reach(asm, sp, a.disp, width);
    case 'incoming':
      return reach(asm, x29, INCOMING_ARGS_FROM_FP + a.disp, width);
  }
}

/** rd = rn + imm (any 64-bit immediate; x17 holds it when no add/sub form does). */
function addImm(asm: FunctionAssembler, size: 32 | 64, rd: Gpr, rn: Gpr, value: number): void {
  const mag = Math.abs(value);
  if (addSubImm(BigInt(mag))) {
    asm.add(size, rd, rn, value);
    return;
  }
  if (mag < 1 << 24) {
    asm.addSub(value < 0 ? 'sub' : 'add', size, rd, rn, mag & ~0xfff);
    if ((mag & 0xfff) !== 0) asm.addSub(value < 0 ? 'sub' : 'add', size, rd, rd, mag & 0xfff);
    return;
  }
  asm.mov(64, x17, value);
  asm.add(size, rd, rn, x17);
}

/** Sets the flags of a condition (a zero test becomes cmp #0). */
function emitFlags(asm: FunctionAssembler, c: Condition): void {
  const f = c.flags;
  switch (f.kind) {
    case 'cmp': {
      const a = f.a === 'sp' ? sp : g(f.a);
      asm.cmp(f.size, a, operand(f.b));
      return;
    }
    case 'tst':
      asm.tst(f.size, g(f.a), isImm(f.b) ? f.b.imm : g(f.b));
      return;
    case 'zero':
      asm.cmp(f.size, g(f.a), 0);
      return;
    case 'fcmp':
      asm.fcmp(f.type, v(f.a), v(f.b));
      return;
  }
}

const operand = (x: RegOrImm): Gpr | number | bigint => (isImm(x) ? x.imm : g(x));

/**
 * Jumps to `target` when the condition holds (falls through otherwise): cbz/cbnz for zero
 * tests, tbz/tbnz for a test of one bit.
 */
function jumpIf(asm: FunctionAssembler, c: Condition, target: Label): void {
  const f = c.flags;
  if (f.kind === 'zero' && (c.cc === 'eq' || c.cc === 'ne')) {
    if (c.cc === 'eq') asm.cbz(f.size, g(f.a), target);
    else asm.cbnz(f.size, g(f.a), target);
    return;
  }
  const bit = f.kind === 'tst' && isImm(f.b) ? singleBit(BigInt.asUintN(f.size, BigInt(f.b.imm))) : undefined;
  if (f.kind === 'tst' && bit !== undefined && (c.cc === 'eq' || c.cc === 'ne')) {
    if (c.cc === 'eq') asm.tbz(g(f.a), bit, target);
    else asm.tbnz(g(f.a), bit, target);
    return;
  }
  emitFlags(asm, c);
  asm.bcond(c.cc, target);
}

/** The number of the one set bit of `v`, if exactly one is set. */
function singleBit(v: bigint): number | undefined {
  if (v === 0n || (v & (v - 1n)) !== 0n) return undefined;
  return v.toString(2).length - 1;
}

const negate = (c: Condition): Condition => ({ flags: c.flags, cc: invertCond(c.cc) });

/** rd = value, in the fewest movz/movn/movk/orr words. */
function loadConst(asm: FunctionAssembler, size: 32 | 64, rd: Gpr, value: bigint): void {
  for (const w of movImmWords(size, rd, value)) asm.word(w);
}

export function emitInst(asm: FunctionAssembler, inst: A64Inst, frame: Frame, ctx: EmitContext): void {
  const label = (block: number): Label => ctx.blockLabel(block) as Label;
  const isNext = (block: number): boolean => block === ctx.currentBlock + 1;
  switch (inst.op) {
    case 'args':
      return;
    case 'move':
      if (inst.dst === inst.src) return;
      if (inst.cls === 'int') asm.mov(64, g(inst.dst), g(inst.src));
      else asm.fmov('f64', v(inst.dst), v(inst.src));
      return;
    case 'zext32':
      asm.mov(32, g(inst.dst), g(inst.src));
      return;
    case 'iconst':
      loadConst(asm, 64, g(inst.dst), inst.value);
      return;
    case 'fconst': {
      const t = inst.type;
      const imm8 = fpImm8(inst.bits, t);
      if (inst.bits === 0n) asm.fmovGeneral(BITS[t], v(inst.dst), xzr);
      else if (imm8 !== undefined) asm.word(fmovImm(t, v(inst.dst), imm8));
      else {
        loadConst(asm, BITS[t], x16, inst.bits);
        asm.fmovGeneral(BITS[t], v(inst.dst), x16);
      }
      return;
    }
    case 'alu': {
      const d = g(inst.dst);
      const a = g(inst.a);
      const b = inst.b;
      switch (inst.alu) {
        case 'add':
        case 'sub':
          if (isImm(b)) addImm(asm, inst.size, d, a, inst.alu === 'add' ? Number(b.imm) : -Number(b.imm));
          else asm.addSub(inst.alu, inst.size, d, a, inst.shift ? { reg: g(b), shift: inst.shift.kind, amount: inst.shift.amount } : g(b));
          return;
        case 'and':
        case 'orr':
        case 'eor':
          if (isImm(b)) asm.logic(inst.alu, inst.size, d, a, b.imm);
          else asm.logic(inst.alu, inst.size, d, a, inst.shift ? { reg: g(b), shift: inst.shift.kind, amount: inst.shift.amount } : g(b));
          return;
        case 'mul':
          asm.mul(inst.size, d, a, g(b as number));
          return;
        case 'sdiv':
        case 'udiv':
          asm.dataProc2(inst.alu, inst.size, d, a, g(b as number));
          return;
        case 'lsl':
        case 'lsr':
        case 'asr':
        case 'ror':
          asm.shift(inst.alu, inst.size, d, a, isImm(b) ? Number(b.imm) : g(b));
          return;
        case 'rol':
          // rorv takes the count modulo the size: rotating right by −n is rotating left by n.
          if (isImm(b)) throw new Error('internal: rol by a constant is selected as ror');
          asm.neg(32, x16, g(b));
          asm.shift('ror', inst.size, d, a, x16);
          return;
      }
      return;
    }
    case 'madd':
      if (inst.sub) asm.msub(inst.size, g(inst.dst), g(inst.a), g(inst.b), g(inst.c));
      else asm.madd(inst.size, g(inst.dst), g(inst.a), g(inst.b), g(inst.c));
      return;
    case 'rem':
      asm.dataProc2(inst.signed ? 'sdiv' : 'udiv', inst.size, x16, g(inst.a), g(inst.b));
      asm.msub(inst.size, g(inst.dst), x16, g(inst.b), g(inst.a));
      return;
    case 'neg':
      asm.neg(inst.size, g(inst.dst), g(inst.src));
      return;
    case 'not':
      asm.mvn(inst.size, g(inst.dst), g(inst.src));
      return;
    case 'clz':
      asm.bitOp('clz', inst.size, g(inst.dst), g(inst.src));
      return;
    case 'ctz':
      asm.bitOp('rbit', inst.size, g(inst.dst), g(inst.src));
      asm.bitOp('clz', inst.size, g(inst.dst), g(inst.dst));
      return;
    case 'popcnt':
      // The per-byte count of the SIMD unit, summed: there is no scalar popcount before v8.9.
      asm.fmovGeneral(inst.size, v31, g(inst.src));
      asm.cnt8b(v31, v31).addv8b(v31, v31);
      asm.fmovGeneral(32, g(inst.dst), v31);
      return;
    case 'extend':
      if (inst.signed) asm.extend(inst.from === 8 ? 'sxtb' : inst.from === 16 ? 'sxth' : 'sxtw', inst.size, g(inst.dst), g(inst.src));
      else if (inst.from === 32) asm.mov(32, g(inst.dst), g(inst.src));
      else asm.extend(inst.from === 8 ? 'uxtb' : 'uxth', 32, g(inst.dst), g(inst.src));
      return;
    case 'load':
      asm.load(inst.size, inst.width, inst.signed, g(inst.dst), mem(asm, inst.amode, frame, inst.width));
      return;
    case 'fload':
      asm.fldr(BITS[inst.type], v(inst.dst), mem(asm, inst.amode, frame, BITS[inst.type] / 8));
      return;
    case 'store':
      asm.store(inst.width, inst.src === 'zero' ? xzr : g(inst.src), mem(asm, inst.amode, frame, inst.width));
      return;
    case 'fstore':
      asm.fstr(BITS[inst.type], v(inst.src), mem(asm, inst.amode, frame, BITS[inst.type] / 8));
      return;
    case 'lea': {
      const a = inst.amode;
      const d = g(inst.dst);
      if (a.kind !== 'reg') throw new Error(`internal: lea of a ${a.kind} address`);
      if (a.index !== undefined) {
        if (a.scaled) throw new Error('internal: lea of a scaled index (its width is the access)');
        asm.add(64, d, g(a.base), a.uxtw ? { reg: g(a.index), extend: 'uxtw' } : g(a.index));
        if (a.disp !== 0) addImm(asm, 64, d, d, a.disp);
      } else addImm(asm, 64, d, g(a.base), a.disp);
      return;
    }
    case 'cset':
      emitFlags(asm, inst.cond);
      asm.cset(32, g(inst.dst), inst.cond.cc);
      return;
    case 'csel':
      emitFlags(asm, inst.cond);
      if (inst.cls === 'int') asm.csel(inst.size as 32 | 64, g(inst.dst), g(inst.a), g(inst.b), inst.cond.cc);
      else asm.fcsel(inst.size as 'f32' | 'f64', v(inst.dst), v(inst.a), v(inst.b), inst.cond.cc);
      return;
    case 'fbin': {
      const op = { add: 'fadd', sub: 'fsub', mul: 'fmul', div: 'fdiv', min: 'fmin', max: 'fmax' } as const;
      asm.fbin(op[inst.fop], inst.type, v(inst.dst), v(inst.a), v(inst.b));
      return;
    }
    case 'funary': {
      const op = { sqrt: 'fsqrt', floor: 'frintm', ceil: 'frintp', trunc: 'frintz', nearest: 'frintn', abs: 'fabs', neg: 'fneg' } as const;
      asm.funary(op[inst.fop], inst.type, v(inst.dst), v(inst.src));
      return;
    }
    case 'fcopysign': {
      // x16 = the bits of b, then every bit but the sign from a.
      const size = BITS[inst.type];
      asm.fmovGeneral(size, x16, v(inst.b));
      asm.fmovGeneral(size, x17, v(inst.a));
      asm.bitfield('bfm', size, x16, x17, 0, size - 2);
      asm.fmovGeneral(size, v(inst.dst), x16);
      return;
    }
    case 'fcvt':
      asm.fcvt(inst.to, inst.to === 'f64' ? 'f32' : 'f64', v(inst.dst), v(inst.src));
      return;
    case 'int_to_float':
      asm.fconvert(inst.signed ? 'scvtf' : 'ucvtf', inst.from, inst.type, v(inst.dst), g(inst.src));
      return;
    case 'float_to_int':
      asm.fconvert(inst.signed ? 'fcvtzs' : 'fcvtzu', inst.size, inst.type, g(inst.dst), v(inst.src));
      return;
    case 'bitcast':
      if (isFpReg(inst.dst)) asm.fmovGeneral(inst.size, v(inst.dst), g(inst.src));
      else asm.fmovGeneral(inst.size, g(inst.dst), v(inst.src));
      return;
    case 'stack_pointer':
      asm.mov(64, g(inst.dst), sp);
      return;
    case 'symbol_addr':
      asm.loadAddress(g(inst.dst), sym(inst.sym));
      return;
    case 'slot_addr':
      addImm(asm, 64, g(inst.dst), sp, stackSlotOffset(frame, inst.slot, inst.disp));
      return;
    case 'heap_check': {
      const end = g(inst.end);
      addImm(asm, 64, end, g(inst.index), inst.imm);
      asm.cmp(64, end, g(inst.size));
      asm.bcond('hi', ctx.trapLabel(TrapCode.OutOfBoundsMemory) as Label);
      return;
    }
    case 'call':
      if ('sym' in inst.callee) asm.bl(sym(inst.callee.sym));
      else asm.blr(g(inst.callee.reg));
      return;
    case 'ret':
      for (const val of inst.area?.values ?? []) {
        const at = { base: g(inst.area!.ptr), offset: val.offset };
        if (val.type === 'f32' || val.type === 'f64') asm.fstr(BITS[val.type], v(val.reg), at);
        else asm.str(val.type === 'i64' ? 64 : 32, g(val.reg), at);
      }
      emitEpilogue(asm, frame);
      asm.ret();
      return;
    case 'svc':
      asm.svc(0);
      return;
    case 'sys':
      emitSys(asm, inst.name);
      return;
    case 'mrs':
      asm.mrs(g(inst.dst), inst.reg);
      return;
    case 'msr':
      asm.msr(inst.reg, g(inst.src));
      if (inst.isb) asm.isb();
      return;
    case 'jmp':
      if (!isNext(inst.target)) asm.b(label(inst.target));
      return;
    case 'jcc':
      if (isNext(inst.taken)) jumpIf(asm, negate(inst.cond), label(inst.notTaken));
      else {
        jumpIf(asm, inst.cond, label(inst.taken));
        if (!isNext(inst.notTaken)) asm.b(label(inst.notTaken));
      }
      return;
    case 'jump_table': {
      const index = g(inst.index);
      const n = inst.targets.length;
      if (addSubImm(BigInt(n))) asm.cmp(32, index, n);
      else {
        loadConst(asm, 32, x16, BigInt(n));
        asm.cmp(32, index, x16);
      }
      asm.bcond('hs', label(inst.default));
      const table = asm.jumpTable(inst.targets.map(label));
      asm.adr(x16, table);
      asm.load(64, 4, true, x17, { base: x16, index, extend: 'uxtw', shift: true });
      asm.add(64, x16, x16, x17);
      asm.br(x16);
      return;
    }
    case 'trap_if':
      jumpIf(asm, inst.cond, ctx.trapLabel(inst.code) as Label);
      return;
    case 'trap':
      asm.b(ctx.trapLabel(inst.code) as Label);
      return;
  }
}

function emitSys(asm: FunctionAssembler, name: SysOp): void {
  switch (name) {
    case 'dmb_sy':
      asm.dmb('sy');
      return;
    case 'dmb_ishld':
      asm.dmb('ishld');
      return;
    case 'dmb_ishst':
      asm.dmb('ishst');
      return;
    case 'page_table_sync':
      // The table stores complete before any walk (dsb), and later instructions see the result (isb).
      asm.dsb('ishst').isb();
      return;
    case 'yield':
      asm.yield();
      return;
    case 'wfi':
      asm.wfi();
      return;
    case 'irq_enable':
      asm.msrDaif(false, 2);
      return;
    case 'irq_disable':
      asm.msrDaif(true, 2);
      return;
    case 'isb':
      asm.isb();
      return;
  }
}
