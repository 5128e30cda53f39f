/**
 * Encoding of allocated machine instructions (operands already physical registers) with
 * the assembler. Multi-instruction sequences use local labels of the function's assembler.
 */
import { type EmitContext, type Frame, type Label, sym, TrapCode } from '@mewz/compiler';
import { invertCond } from './encoder/conditions.js';
import type { SseOp } from './encoder/float.js';
import { rip, type Mem, type RipMem } from './encoder/operands.js';
import { INCOMING_ARGS_FROM_RBP } from './abi.js';
import { emitEpilogue, stackSlot } from './frame.js';
import type { FunctionAssembler } from './function-assembler.js';
import { type Amode, type Condition, type FlagsOp, type FloatType, isImm, type SysOp, type X64Inst } from './inst.js';
import { gprOf as g, xmmOf as x, isXmmReg } from './pregs.js';
import { cr0, cr2, cr3, cr4, rax, rbp, rcx, rdx, rsp } from './registers.js';

const ss = (t: FloatType, op: string): SseOp => `${op}${t === 'f32' ? 'ss' : 'sd'}` as SseOp;
const ps = (t: FloatType, op: string): SseOp => `${op}${t === 'f32' ? 'ps' : 'pd'}` as SseOp;
const movs = (t: FloatType): 'movss' | 'movsd' => (t === 'f32' ? 'movss' : 'movsd');
const cvtt = (t: FloatType): 'cvttss2si' | 'cvttsd2si' => (t === 'f32' ? 'cvttss2si' : 'cvttsd2si');
const cvtsi = (t: FloatType): 'cvtsi2ss' | 'cvtsi2sd' => (t === 'f32' ? 'cvtsi2ss' : 'cvtsi2sd');

function mem(a: Amode, frame: Frame): Mem {
  switch (a.kind) {
    case 'reg':
      return { base: g(a.base), index: a.index === undefined ? undefined : g(a.index), scale: a.scale, disp: a.disp };
    case 'slot':
      return stackSlot(frame, a.slot, a.disp);
    case 'outgoing':
      return { base: rsp, disp: a.disp };
    case 'incoming':
      return { base: rbp, disp: INCOMING_ARGS_FROM_RBP + a.disp };
  }
}

/** A float constant (by its bits) in the pool, RIP-relative. */
function fconst(asm: FunctionAssembler, t: FloatType, bits: bigint, repeat = 1): RipMem {
  return rip(asm.constantInt(bits, t === 'f32' ? 4 : 8, repeat));
}
const floatBits = (t: FloatType, v: number): bigint =>
  t === 'f32' ? BigInt(new Uint32Array(new Float32Array([v]).buffer)[0]!) : new BigUint64Array(new Float64Array([v]).buffer)[0]!;
const SIGN: Record<FloatType, bigint> = { f32: 0x8000_0000n, f64: 0x8000_0000_0000_0000n };
/** A 16-byte mask (packed operands must be aligned, and cover the whole register). */
const mask = (asm: FunctionAssembler, t: FloatType, bits: bigint): RipMem => fconst(asm, t, bits, t === 'f32' ? 4 : 2);

function emitFlags(asm: FunctionAssembler, f: FlagsOp, frame: Frame): void {
  switch (f.kind) {
    case 'cmp':
      asm.alu('cmp', f.size, g(f.a), isImm(f.b) ? f.b.imm : g(f.b));
      return;
    case 'test':
      asm.test(f.size, g(f.a), isImm(f.b) ? f.b.imm : g(f.b));
      return;
    case 'ucomis':
      asm.sse(ss(f.type, 'ucomi'), x(f.a), x(f.b));
      return;
    case 'cmp_mem':
      asm.alu('cmp', f.size, f.a === 'rsp' ? rsp : g(f.a), mem(f.b, frame));
      return;
  }
}

/** Sets the flags and jumps to `target` when the condition holds (falls through otherwise). */
function jumpIf(asm: FunctionAssembler, c: Condition, target: Label, frame: Frame): void {
  emitFlags(asm, c.flags, frame);
  if (!c.all || c.ccs.length === 1) {
    for (const cc of c.ccs) asm.jcc(cc, target);
    return;
  }
  const skip = asm.newLabel();
  for (let i = 0; i < c.ccs.length - 1; i++) asm.jcc(invertCond(c.ccs[i]!), skip);
  asm.jcc(c.ccs[c.ccs.length - 1]!, target);
  asm.bind(skip);
}

const negate = (c: Condition): Condition => ({ flags: c.flags, ccs: c.ccs.map(invertCond), all: !c.all });

export function emitInst(asm: FunctionAssembler, inst: X64Inst, frame: Frame, ctx: EmitContext): void {
  const label = (block: number): Label => ctx.blockLabel(block) as Label;
  const isNext = (block: number): boolean => block === ctx.currentBlock + 1;
  switch (inst.op) {
    case 'args':
      return; // the parameters are where the allocator was told they are
    case 'move':
      if (inst.dst === inst.src) return;
      if (inst.cls === 'int') asm.mov(64, g(inst.dst), g(inst.src));
      else asm.sseMove('movaps', x(inst.dst), x(inst.src));
      return;
    case 'zext32':
      asm.mov(32, g(inst.dst), g(inst.src));
      return;
    case 'iconst': {
      const v = BigInt.asIntN(64, inst.value);
      // xor is shortest but clobbers flags; no flags are live between selected instructions.
      if (v === 0n) asm.alu('xor', 32, g(inst.dst), g(inst.dst));
      else asm.loadConst(g(inst.dst), v);
      return;
    }
    case 'fconst':
      if (inst.bits === 0n) asm.sse('xorps', x(inst.dst), x(inst.dst));
      else asm.sseMove(movs(inst.type), x(inst.dst), fconst(asm, inst.type, inst.bits));
      return;
    case 'alu':
      asm.alu(inst.alu, inst.size, g(inst.dst), isImm(inst.src) ? inst.src.imm : g(inst.src));
      return;
    case 'lea':
      asm.lea(inst.size, g(inst.dst), mem(inst.amode, frame));
      return;
    case 'alu_mem':
      asm.alu(inst.alu, inst.size, g(inst.dst), mem(inst.amode, frame));
      return;
    case 'fbin_mem':
      asm.sse(ss(inst.type, inst.fop), x(inst.dst), mem(inst.amode, frame));
      return;
    case 'imul':
      asm.imul(inst.size, g(inst.dst), g(inst.src));
      return;
    case 'imul_imm':
      asm.imul(inst.size, g(inst.dst), g(inst.src), inst.imm);
      return;
    case 'neg':
    case 'not':
      asm.unary(inst.op, inst.size, g(inst.dst));
      return;
    case 'shift':
      asm.shift(inst.shift, inst.size, g(inst.dst), isImm(inst.count) ? inst.count.imm : 'cl');
      return;
    case 'bitscan':
      asm.bitScan(inst.scan, inst.size, g(inst.dst), g(inst.src));
      return;
    case 'div':
      if (inst.signed) {
        if (inst.size === 64) asm.cqo();
        else asm.cdq();
        asm.mulDiv('idiv', inst.size, g(inst.divisor));
      } else {
        asm.alu('xor', 32, g(inst.rem), g(inst.rem));
        asm.mulDiv('div', inst.size, g(inst.divisor));
      }
      return;
    case 'extend':
      if (inst.from === 32 && !inst.signed) asm.mov(32, g(inst.dst), g(inst.src));
      else if (inst.signed) asm.movsx(inst.size, g(inst.dst), inst.from, g(inst.src));
      else asm.movzx(32, g(inst.dst), inst.from, g(inst.src)); // a 32-bit write clears the upper half
      return;
    case 'load': {
      const m = mem(inst.amode, frame);
      const dst = g(inst.dst);
      if (inst.width === 8) asm.mov(64, dst, m);
      else if (inst.width === 4) {
        if (inst.signed && inst.size === 64) asm.movsx(64, dst, 32, m);
        else asm.mov(32, dst, m);
      } else if (inst.signed) asm.movsx(inst.size, dst, (inst.width * 8) as 8 | 16, m);
      else asm.movzx(32, dst, (inst.width * 8) as 8 | 16, m);
      return;
    }
    case 'fload':
      asm.sseMove(movs(inst.type), x(inst.dst), mem(inst.amode, frame));
      return;
    case 'store':
      asm.mov((inst.width * 8) as 8 | 16 | 32 | 64, mem(inst.amode, frame), isImm(inst.src) ? inst.src.imm : g(inst.src));
      return;
    case 'fstore':
      asm.sseMove(movs(inst.type), mem(inst.amode, frame), x(inst.src));
      return;
    case 'setcc': {
      const c = inst.cond;
      emitFlags(asm, c.flags, frame);
      const dst = g(inst.dst);
      asm.setcc(c.ccs[0]!, dst);
      if (c.ccs.length > 1) {
        if (inst.tmp === undefined || c.ccs.length > 2) throw new Error('internal: setcc of two codes needs exactly one temporary');
        asm.setcc(c.ccs[1]!, g(inst.tmp));
        asm.alu(c.all ? 'and' : 'or', 8, dst, g(inst.tmp));
      }
      asm.movzx(32, dst, 8, dst);
      return;
    }
    case 'cmov': {
      const c = inst.cond;
      if (c.all && c.ccs.length > 1) throw new Error('internal: cmov needs a single code or an `any` set');
      emitFlags(asm, c.flags, frame);
      for (const cc of c.ccs) asm.cmovcc(cc, inst.size, g(inst.dst), g(inst.src));
      return;
    }
    case 'fsel': {
      const skip = asm.newLabel();
      jumpIf(asm, negate(inst.cond), skip, frame);
      asm.sseMove('movaps', x(inst.dst), x(inst.src));
      asm.bind(skip);
      return;
    }
    case 'fbin':
      asm.sse(ss(inst.type, inst.fop), x(inst.dst), x(inst.src));
      return;
    case 'fminmax':
      emitMinMax(asm, inst.max, inst.type, inst.dst, inst.src);
      return;
    case 'funary': {
      const mode = { floor: 1, ceil: 2, trunc: 3, nearest: 0 } as const;
      if (inst.fop === 'sqrt') asm.sse(ss(inst.type, 'sqrt'), x(inst.dst), x(inst.src));
      else asm.round(inst.type === 'f32' ? 'roundss' : 'roundsd', x(inst.dst), x(inst.src), mode[inst.fop]);
      return;
    }
    case 'fabs':
      asm.sse(ps(inst.type, 'and'), x(inst.dst), mask(asm, inst.type, SIGN[inst.type] - 1n));
      return;
    case 'fneg':
      asm.sse(ps(inst.type, 'xor'), x(inst.dst), mask(asm, inst.type, SIGN[inst.type]));
      return;
    case 'fcopysign': {
      const t = inst.type;
      asm.sseMove('movaps', x(inst.tmp), x(inst.src));
      asm.sse(ps(t, 'and'), x(inst.tmp), mask(asm, t, SIGN[t]));
      asm.sse(ps(t, 'and'), x(inst.dst), mask(asm, t, SIGN[t] - 1n));
      asm.sse(ps(t, 'or'), x(inst.dst), x(inst.tmp));
      return;
    }
    case 'fpromote':
      asm.sse('cvtss2sd', x(inst.dst), x(inst.src));
      return;
    case 'fdemote':
      asm.sse('cvtsd2ss', x(inst.dst), x(inst.src));
      return;
    case 'int_to_float':
      emitIntToFloat(asm, inst);
      return;
    case 'float_to_int':
      emitFloatToInt(asm, inst);
      return;
    case 'bitcast':
      if (isXmmReg(inst.dst)) {
        if (inst.size === 64) asm.movq(x(inst.dst), g(inst.src));
        else asm.movd(x(inst.dst), g(inst.src));
      } else if (inst.size === 64) asm.movq(g(inst.dst), x(inst.src));
      else asm.movd(g(inst.dst), x(inst.src));
      return;
    case 'stack_pointer':
      asm.mov(64, g(inst.dst), rsp);
      return;
    case 'symbol_addr':
      asm.lea(64, g(inst.dst), rip(sym(inst.sym)));
      return;
    case 'slot_addr':
      asm.lea(64, g(inst.dst), stackSlot(frame, inst.slot, inst.disp));
      return;
    case 'heap_check': {
      const end = g(inst.end);
      if (inst.imm < 2 ** 31) asm.lea(64, end, { base: g(inst.index), disp: inst.imm });
      else asm.loadConst(end, inst.imm).alu('add', 64, end, g(inst.index));
      asm.alu('cmp', 64, end, g(inst.size));
      asm.jcc('a', ctx.trapLabel(TrapCode.OutOfBoundsMemory) as Label);
      return;
    }
    case 'call':
      asm.call('sym' in inst.callee ? sym(inst.callee.sym) : g(inst.callee.reg));
      return;
    case 'sys':
      emitSys(asm, inst.name);
      return;
    case 'cr_read':
      asm.movControl(g(inst.dst), CONTROL_REGS[inst.cr]);
      return;
    case 'cr_write':
      asm.movControl(CONTROL_REGS[inst.cr], g(inst.src));
      return;
    case 'invlpg':
      asm.invlpg({ base: g(inst.addr) });
      return;
    case 'ret':
      for (const v of inst.area?.values ?? []) {
        const m: Mem = { base: g(inst.area!.ptr), disp: v.offset };
        if (v.type === 'f32' || v.type === 'f64') asm.sseMove(movs(v.type), m, x(v.reg));
        else asm.mov(v.type === 'i64' ? 64 : 32, m, g(v.reg));
      }
      emitEpilogue(asm, frame);
      asm.ret();
      return;
    case 'jmp':
      if (!isNext(inst.target)) asm.jmp(label(inst.target));
      return;
    case 'jcc':
      if (isNext(inst.taken)) jumpIf(asm, negate(inst.cond), label(inst.notTaken), frame);
      else {
        jumpIf(asm, inst.cond, label(inst.taken), frame);
        if (!isNext(inst.notTaken)) asm.jmp(label(inst.notTaken));
      }
      return;
    case 'jump_table': {
      const index = g(inst.index);
      const t1 = g(inst.tmp1);
      const t2 = g(inst.tmp2);
      asm.alu('cmp', 32, index, inst.targets.length);
      asm.jcc('ae', label(inst.default));
      const table = asm.jumpTable(inst.targets.map(label));
      asm.mov(32, t2, index); // zero-extends the index
      asm.lea(64, t1, rip(table));
      asm.movsx(64, t2, 32, { base: t1, index: t2, scale: 4 });
      asm.alu('add', 64, t1, t2);
      asm.jmp(t1);
      return;
    }
    case 'trap_if':
      jumpIf(asm, inst.cond, ctx.trapLabel(inst.code) as Label, frame);
      return;
    case 'trap':
      asm.jmp(ctx.trapLabel(inst.code) as Label);
      return;
  }
}

const CONTROL_REGS = { 0: cr0, 2: cr2, 3: cr3, 4: cr4 } as const;

function emitSys(asm: FunctionAssembler, name: SysOp): void {
  switch (name) {
    case 'in8':
      asm.in(8, rdx).movzx(32, rax, 8, rax); // in al, dx leaves the rest of rax alone
      return;
    case 'in16':
      asm.in(16, rdx).movzx(32, rax, 16, rax);
      return;
    case 'in32':
      asm.in(32, rdx);
      return;
    case 'out8':
      asm.out(8, rdx);
      return;
    case 'out16':
      asm.out(16, rdx);
      return;
    case 'out32':
      asm.out(32, rdx);
      return;
    case 'rdrand': {
      // Retried a few times: the CPU may briefly have no random bits ready (CF clear).
      const again = asm.newLabel();
      const done = asm.newLabel();
      asm.mov(32, rcx, 10);
      asm.bind(again).rdrand(rax).jcc('b', done); // b: carry set
      asm.unary('dec', 32, rcx).jcc('ne', again);
      asm.alu('xor', 32, rax, rax);
      asm.bind(done);
      return;
    }
    default:
      asm[name]();
  }
}

/**
 * Wasm min/max: minss/maxss return the second operand when either is NaN or both are
 * zeros, so those cases take their own paths: unordered → a NaN from adding them, equal
 * → or (min: -0 wins) or and (max: +0 wins) of the bit patterns.
 */
function emitMinMax(asm: FunctionAssembler, max: boolean, t: FloatType, dstReg: number, srcReg: number): void {
  const dst = x(dstReg);
  const src = x(srcReg);
  const nan = asm.newLabel();
  const unequal = asm.newLabel();
  const done = asm.newLabel();
  asm.sse(ss(t, 'ucomi'), dst, src);
  asm.jcc('p', nan);
  asm.jcc('ne', unequal);
  asm.sse(ps(t, max ? 'and' : 'or'), dst, src);
  asm.jmp(done);
  asm.bind(unequal);
  asm.sse(ss(t, max ? 'max' : 'min'), dst, src);
  asm.jmp(done);
  asm.bind(nan);
  asm.sse(ss(t, 'add'), dst, src);
  asm.bind(done);
}

function emitIntToFloat(asm: FunctionAssembler, inst: X64Inst & { op: 'int_to_float' }): void {
  const t = inst.type;
  const dst = x(inst.dst);
  const src = g(inst.src);
  // cvtsi2s* writes only the low lane: clearing dst first breaks the dependency on its old value.
  asm.sse('xorps', dst, dst);
  if (inst.signed) {
    asm.cvtIntToFloat(cvtsi(t), inst.from, dst, src);
    return;
  }
  if (inst.from !== 64 || !inst.tmps) throw new Error('internal: unsigned conversion is selected only from 64 bits, with two temporaries');
  // Above 2^63: halve (keeping the lost bit as a sticky bit, so rounding stays exact), convert, double.
  const [t1, t2] = [g(inst.tmps[0]), g(inst.tmps[1])];
  const big = asm.newLabel();
  const done = asm.newLabel();
  asm.test(64, src, src).jcc('s', big);
  asm.cvtIntToFloat(cvtsi(t), 64, dst, src).jmp(done);
  asm.bind(big);
  asm.mov(64, t1, src).shift('shr', 64, t1, 1);
  asm.mov(32, t2, src).alu('and', 32, t2, 1);
  asm.alu('or', 64, t1, t2);
  asm.cvtIntToFloat(cvtsi(t), 64, dst, t1);
  asm.sse(ss(t, 'add'), dst, dst);
  asm.bind(done);
}

/**
 * Float to integer. cvtt* gives the "integer indefinite" value (only the sign bit set) for
 * NaN and out-of-range inputs; trapping conversions were range-checked before, saturating
 * ones sort those cases out here. Unsigned results come from a 64-bit conversion (u32) or,
 * at 2^63 and above, from converting x − 2^64 (exact there), whose bits are the u64.
 */
function emitFloatToInt(asm: FunctionAssembler, inst: X64Inst & { op: 'float_to_int' }): void {
  const t = inst.type;
  const dst = g(inst.dst);
  const src = x(inst.src);
  const k = (v: number): RipMem => fconst(asm, t, floatBits(t, v));
  const done = asm.newLabel();
  const u64 = (): void => {
    // src is in [0, 2^64) here.
    const big = asm.newLabel();
    asm.sse(ss(t, 'ucomi'), src, k(2 ** 63)).jcc('ae', big);
    asm.cvtFloatToInt(cvtt(t), 64, dst, src).jmp(done);
    asm.bind(big);
    const tmp = x(inst.tmp!);
    asm.sseMove('movaps', tmp, src);
    asm.sse(ss(t, 'sub'), tmp, k(2 ** 64));
    asm.cvtFloatToInt(cvtt(t), 64, dst, tmp);
  };
  switch (inst.kind) {
    case 'trap_s':
      asm.cvtFloatToInt(cvtt(t), inst.size, dst, src);
      return;
    case 'trap_u':
      if (inst.size === 32) {
        asm.cvtFloatToInt(cvtt(t), 64, dst, src);
        return;
      }
      u64();
      asm.bind(done);
      return;
    case 'sat_s': {
      const nan = asm.newLabel();
      asm.cvtFloatToInt(cvtt(t), inst.size, dst, src);
      // Only the indefinite value (the minimum) overflows when decremented.
      asm.alu('cmp', inst.size, dst, 1).jcc('no', done);
      asm.sse(ss(t, 'ucomi'), src, src).jcc('p', nan);
      asm.sse(ss(t, 'ucomi'), src, k(0)).jcc('b', done); // negative: the minimum is right
      if (inst.size === 64) asm.loadConst(dst, 0x7fff_ffff_ffff_ffffn);
      else asm.mov(32, dst, 0x7fff_ffff);
      asm.jmp(done);
      asm.bind(nan);
      asm.alu('xor', 32, dst, dst);
      asm.bind(done);
      return;
    }
    case 'sat_u': {
      const max = asm.newLabel();
      asm.alu('xor', 32, dst, dst);
      asm.sse(ss(t, 'ucomi'), src, k(0)).jcc('be', done); // NaN, or at most 0
      asm.sse(ss(t, 'ucomi'), src, k(inst.size === 32 ? 2 ** 32 : 2 ** 64)).jcc('ae', max);
      if (inst.size === 32) asm.cvtFloatToInt(cvtt(t), 64, dst, src);
      else u64();
      asm.jmp(done);
      asm.bind(max);
      asm.mov(inst.size, dst, -1);
      asm.bind(done);
      return;
    }
  }
}

