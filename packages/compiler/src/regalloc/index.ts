import type { Allocation } from '../machine/allocation.js';
import type { MachineIsa } from '../machine/isa.js';
import type { Reg } from '../machine/regs.js';
import type { VCode } from '../machine/vcode.js';
import { layoutFrame } from './frame.js';
import { buildIntervals } from './intervals.js';
import { linearScan } from './linear-scan.js';
import { computeLiveness } from './liveness.js';
import { Numbering } from './numbering.js';
import { resolve } from './resolve.js';

export { RegAllocError } from './numbering.js';
export { checkAllocation } from './check.js';
export { printAllocation } from './print.js';
export { sequentializeMoves } from './parallel-moves.js';

/**
 * Assigns physical registers to the virtual registers of `vcode`: linear scan with
 * live-range splitting over intervals built from block liveness, then copies wherever a
 * value's location changes (inside blocks and on edges), then the frame. The stages, in
 * order: numbering.ts (positions), liveness.ts, intervals.ts, linear-scan.ts (with
 * split.ts), resolve.ts (with parallel-moves.ts), frame.ts.
 *
 * Throws RegAllocError for input the allocator cannot handle (an unsplit critical edge
 * that needs copies, more operands of one class than registers, a vreg used before any
 * definition, …).
 */
export function allocateRegisters<I, A>(vcode: VCode<I>, isa: MachineIsa<I, A>): Allocation {
  const num = new Numbering(vcode, isa as MachineIsa<I, unknown>);
  const live = computeLiveness(num);
  const intervals = buildIntervals(num, live, isa);
  for (const cls of ['int', 'float'] as const) linearScan(num, intervals, cls, isa.regs.allocatable[cls]);
  const res = resolve(num, live, intervals, isa);

  const savedRegs: Reg[] = [];
  for (const r of isa.regs.calleeSaved) if (res.usedRegs[r] || intervals.written[r]) savedRegs.push(r);
  const frame = layoutFrame(vcode.name, vcode.outgoingArgs, vcode.stackSlots, res.spillClasses, savedRegs);
  return {
    regs: res.regs,
    before: res.before,
    blockStart: res.blockStart,
    blockEnd: res.blockEnd,
    spillSlots: res.spillClasses.length,
    frame,
  };
}
