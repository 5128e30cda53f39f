/**
 * The x86_64 machine description the ISA-neutral register allocator and emitter drive:
 * operands of each instruction, clobbers, copies, spill code, frames and traps.
 */
import { type EmitContext, type Frame, type Location, type MachineIsa, type Operand, type Reg, type RegClass, sym, TRAP_SYMBOL } from '@mewz/compiler';
import { registerInfo } from './abi.js';
import { emitInst } from './emit.js';
import { emitEpilogue, emitPrologue, isSlot, spillSlot } from './frame.js';
import type { FunctionAssembler } from './function-assembler.js';
import { mapOperands, type X64Inst } from './inst.js';
import { gprOf, xmmOf } from './pregs.js';
import { rdi, rsi } from './registers.js';


const NO_REGS: readonly Reg[] = Object.freeze([]);

function emitMove(asm: FunctionAssembler, cls: RegClass, dst: Location, src: Location, frame: Frame): void {
  if (isSlot(dst) && isSlot(src)) throw new Error('internal: the allocator asked for a slot-to-slot move');
  if (cls === 'int') {
    const d = isSlot(dst) ? spillSlot(frame, dst.slot) : gprOf(dst.reg);
    const s = isSlot(src) ? spillSlot(frame, src.slot) : gprOf(src.reg);
    if (!isSlot(dst) && !isSlot(src) && dst.reg === src.reg) return;
    asm.mov(64, d, s);
    return;
  }
  if (!isSlot(dst) && !isSlot(src)) {
    if (dst.reg !== src.reg) asm.sseMove('movaps', xmmOf(dst.reg), xmmOf(src.reg));
    return;
  }
  // Spill slots are 8 bytes: f32 and f64 values both fit movsd.
  asm.sseMove('movsd', isSlot(dst) ? spillSlot(frame, dst.slot) : xmmOf(dst.reg), isSlot(src) ? spillSlot(frame, src.slot) : xmmOf(src.reg));
}

export const machineIsa: MachineIsa<X64Inst, FunctionAssembler> = Object.freeze({
  regs: registerInfo,

  operands(inst: X64Inst, out: Operand[]): void {
    mapOperands(inst, (reg, kind, fixed) => {
      out.push(fixed === undefined ? { reg, kind } : { reg, kind, fixed });
      return reg;
    });
  },

  clobbers(inst: X64Inst): readonly Reg[] {
    return inst.op === 'call' || inst.op === 'sys' ? inst.clobbers : NO_REGS;
  },

  moveOf(inst: X64Inst): [Reg, Reg] | undefined {
    return inst.op === 'move' ? [inst.dst, inst.src] : undefined;
  },

  emitMove,

  emit(asm: FunctionAssembler, inst: X64Inst, regs: readonly Reg[], frame: Frame, ctx: EmitContext): void {
    let i = 0;
    const allocated = mapOperands(inst, () => {
      const r = regs[i++];
      if (r === undefined) throw new Error(`internal: ${inst.op} has more operands than allocated registers`);
      return r;
    });
    emitInst(asm, allocated, frame, ctx);
  },

  emitPrologue,
  emitEpilogue,

  emitTrap(asm: FunctionAssembler, code: number, funcIndex: number): void {
    asm.mov(32, rdi, code).mov(32, rsi, funcIndex).call(sym(TRAP_SYMBOL));
    asm.ud2(); // the trap entry never returns
  },
});
