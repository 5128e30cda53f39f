/**
 * The kernel intrinsics (@mewz/compiler's abi/intrinsics.ts) that aarch64 performs inline:
 * barriers, wfi, yield, interrupt masking, volatile device memory, the counter, the
 * system registers by name and Linux system calls (svc #0).
 */
import type { Inst, Reg } from '@mewz/compiler';
import type { FixedReg, SysOp } from './inst.js';
import type { Isel } from './isel.js';
import { X0, X1, X2, X3, X4, X5, X8 } from './pregs.js';

/** Linux system call registers: the number in x8, then up to six arguments in x0–x5. */
const SYSCALL_REGS = [X8, X0, X1, X2, X3, X4, X5];

const NO_OPERANDS: Partial<Record<string, SysOp>> = {
  fence: 'dmb_sy',
  fence_load: 'dmb_ishld',
  fence_store: 'dmb_ishst',
  spin_hint: 'yield',
  halt: 'wfi',
  interrupts_enable: 'irq_enable',
  interrupts_disable: 'irq_disable',
  instruction_barrier: 'isb',
  page_table_sync: 'page_table_sync',
};

const MMIO_WIDTH: Partial<Record<string, 1 | 2 | 4 | 8>> = { 8: 1, 16: 2, 32: 4, 64: 8 };

/** System registers whose write must take effect before the next instruction (the intrinsics list says "then isb"). */
const WRITE_WITH_ISB = new Set(['sctlr_el1', 'ttbr0_el1', 'tcr_el1']);

export function selectIntrinsic(isel: Isel, inst: Inst): void {
  const name = inst.sym;
  const result = (): Reg => isel.result(inst.results[0]);
  const arg = (i: number): Reg => isel.use(inst.args[i]);
  const noOperands = NO_OPERANDS[name];
  if (noOperands) {
    isel.emit({ op: 'sys', name: noOperands });
    return;
  }
  const mmio = /^mmio_(load|store)(8|16|32|64)$/.exec(name);
  if (mmio) {
    const width = MMIO_WIDTH[mmio[2]!]!;
    const amode = { kind: 'reg' as const, base: arg(0), disp: 0 };
    if (mmio[1] === 'load') isel.emit({ op: 'load', size: width === 8 ? 64 : 32, width, signed: false, dst: result(), amode });
    else isel.emit({ op: 'store', width, src: arg(1), amode });
    return;
  }
  const syscall = /^syscall([0-6])$/.exec(name);
  if (syscall) {
    const values = isel.distinct(inst.args.map((_, i) => arg(i)));
    const args: FixedReg[] = values.map((reg, i) => ({ reg, fixed: SYSCALL_REGS[i]! }));
    // The kernel preserves every register but x0, which gets the result.
    isel.emit({ op: 'svc', args, results: [{ reg: result(), fixed: X0 }], clobbers: [] });
    return;
  }
  const sysreg = /^sysreg_(read|write)_([a-z0-9_]+)$/.exec(name);
  if (sysreg) {
    const reg = sysreg[2]!;
    if (sysreg[1] === 'read') isel.emit({ op: 'mrs', reg, dst: result() });
    else isel.emit({ op: 'msr', reg, src: arg(0), isb: WRITE_WITH_ISB.has(reg) });
    return;
  }
  switch (name) {
    case 'stack_pointer':
      isel.emit({ op: 'stack_pointer', dst: result() });
      return;
    case 'cycle_counter':
      isel.emit({ op: 'mrs', reg: 'cntvct_el0', dst: result() });
      return;
    case 'cycle_counter_frequency':
      isel.emit({ op: 'mrs', reg: 'cntfrq_el0', dst: result() });
      return;
  }
  throw new Error(`${isel.func.name}: the aarch64 backend does not implement intrinsic '${name}'`);
}

