/**
 * The aarch64 machine description the ISA-neutral register allocator and emitter drive:
 * operands of each instruction, clobbers, copies, spill code, frames and traps.
 */
import { type EmitContext, type Frame, type Location, type MachineIsa, type Operand, type Reg, type RegClass, sym, TRAP_SYMBOL } from '@mewz/compiler';
import { registerInfo } from './abi.js';
import { emitInst } from './emit.js';
import { emitEpilogue, emitPrologue, isSlot, spillSlot } from './frame.js';
import type { FunctionAssembler } from './function-assembler.js';
import { type A64Inst, mapOperands } from './inst.js';
import { fpOf, gprOf } from './pregs.js';
import { x0, x1 } from './registers.js';

const NO_REGS: readonly Reg[] = Object.freeze([]);

/** A copy between registers and spill slots; uses only x16 for far slots (x17 may be the allocator's temporary). */
function emitMove(asm: FunctionAssembler, cls: RegClass, dst: Location, src: Location, frame: Frame): void {
  if (isSlot(dst) && isSlot(src)) throw new Error('internal: the allocator asked for a slot-to-slot move');
  if (!isSlot(dst) && !isSlot(src)) {
    if (dst.reg === src.reg) return;
    if (cls === 'int') asm.mov(64, gprOf(dst.reg), gprOf(src.reg));
    else asm.fmov('f64', fpOf(dst.reg), fpOf(src.reg));
    return;
  }
  // Spill slots hold 8 bytes: f32 and f64 values both fit a d register's store.
  if (isSlot(dst)) {
    const at = spillSlot(asm, frame, dst.slot);
    const reg = (src as { reg: Reg }).reg;
    if (cls === 'int') asm.str(64, gprOf(reg), at);
    else asm.fstr(64, fpOf(reg), at);
    return;
  }
  const at = spillSlot(asm, frame, (src as { slot: number }).slot);
  if (cls === 'int') asm.ldr(64, gprOf(dst.reg), at);
  else asm.fldr(64, fpOf(dst.reg), at);
}

export const machineIsa: MachineIsa<A64Inst, FunctionAssembler> = Object.freeze({
  regs: registerInfo,

  operands(inst: A64Inst, out: Operand[]): void {
    mapOperands(inst, (reg, kind, fixed) => {
      out.push(fixed === undefined ? { reg, kind } : { reg, kind, fixed });
      return reg;
    });
  },

  clobbers(inst: A64Inst): readonly Reg[] {
    return inst.op === 'call' || inst.op === 'svc' ? inst.clobbers : NO_REGS;
  },

  moveOf(inst: A64Inst): [Reg, Reg] | undefined {
    return inst.op === 'move' ? [inst.dst, inst.src] : undefined;
  },

  emitMove,

  emit(asm: FunctionAssembler, inst: A64Inst, regs: readonly Reg[], frame: Frame, ctx: EmitContext): void {
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
    asm.mov(32, x0, code).mov(32, x1, funcIndex).bl(sym(TRAP_SYMBOL));
    asm.brk(1); // the trap entry never returns
  },
});
