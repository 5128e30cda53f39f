/**
 * The exception vector table (VBAR_EL1, 2 KiB aligned: 16 entries of 0x80 bytes, in four
 * groups: current EL with SP_EL0, current EL with SP_ELx, lower EL AArch64, lower EL
 * AArch32; each sync, IRQ, FIQ, SError). The kernel runs on SP_EL0, so its exceptions come
 * through the first group on SP_EL1, the exception stack.
 *
 * - IRQ: acknowledged and ended at the GIC CPU interface, resumed with IRQs masked (the
 *   machine waits with wfi and IRQs masked; an IRQ only wakes it).
 * - sync: a semihosting or hvc call that is an undefined instruction (the machine lacks
 *   it) is skipped with x0 = -1; a load of the doorbell address with a request in the
 *   boot info performs the request (semihosting, PSCI, or ending the machine) and resumes
 *   after the load; anything else is reported through `__mewz_exception(vector, ESR, ELR,
 *   FAR)`, which does not return.
 * - A second reported exception while one is reported ends the machine (`panic`).
 */
import { type Assembler, mem, sp, sym, x0, x1, x2, x3, x9, x10, x11, x12, xzr } from '@mewz/backend-aarch64';
import { BOOT_INFO, DOORBELL_KIND } from './boot-info.js';
import { SYMBOLS } from './layout.js';
import { END_MACHINE, endMachine } from './machine-exit.js';
import { GICC_BASE, SEMIHOST_DOORBELL } from './memory-map.js';
import { WORDS } from './system-registers.js';

export const VECTORS = '__mewz_vectors';
export const VECTOR_ENTRY_SIZE = 0x80;
export const SYNC_PATH = '__mewz_sync_path';
export const IRQ_PATH = '__mewz_irq_path';
/** The generated entry into the kernel's `mewz_exception`. */
export const EXCEPTION_ENTRY = '__mewz_exception';
const DOORBELL_EXIT = DOORBELL_KIND.exit;

/** ESR_EL1 exception classes the stub tells apart. */
export const EC = { unknown: 0x00, dataAbortSameEl: 0x25 } as const;

const GICC_IAR = 0x0c;
const GICC_EOIR = 0x10;
const SPSR_I = 0x80;

/** Vector v: 0–15 (group × 4 + kind); kind 1 is IRQ. */
export function vectorKind(v: number): 'irq' | 'sync' {
  return v % 4 === 1 ? 'irq' : 'sync';
}

/** Restores x9–x12 and returns from the exception. */
function resume(a: Assembler): void {
  a.ldp(64, x11, x12, mem(sp, 16)).ldp(64, x9, x10, mem(sp, 0)).add(64, sp, sp, 32).eret();
}

export function vectorTable(a: Assembler): void {
  const sync = a.newLabel(SYNC_PATH);
  const irq = a.newLabel(IRQ_PATH);
  a.align(2048, 'zero').bind(a.newLabel(VECTORS));
  for (let v = 0; v < 16; v++) {
    a.align(VECTOR_ENTRY_SIZE, 'zero');
    a.sub(64, sp, sp, 32).stp(64, x9, x10, mem(sp, 0)).stp(64, x11, x12, mem(sp, 16));
    a.mov(64, x11, v).b(vectorKind(v) === 'irq' ? irq : sync);
  }
  a.align(VECTOR_ENTRY_SIZE, 'zero');

  a.bind(irq);
  a.mov(64, x9, GICC_BASE).ldr(32, x10, mem(x9, GICC_IAR)).str(32, x10, mem(x9, GICC_EOIR));
  a.mrs(x9, 'spsr_el1').logic('orr', 64, x9, x9, SPSR_I).msr('spsr_el1', x9);
  resume(a);

  const notUnknown = a.newLabel();
  const skip = a.newLabel();
  const report = a.newLabel();
  a.bind(sync);
  // An optional call the machine does not have: skip it, x0 = -1.
  a.mrs(x9, 'esr_el1').shift('lsr', 64, x9, x9, 26).cbnz(64, x9, notUnknown);
  a.mrs(x9, 'elr_el1').ldr(32, x10, mem(x9, 0));
  a.mov(32, x9, WORDS.semihostingCall).cmp(32, x10, x9).bcond('eq', skip);
  a.mov(32, x9, WORDS.hvc0).cmp(32, x10, x9).bcond('eq', skip);
  a.b(report);
  a.bind(skip);
  a.mrs(x9, 'elr_el1').add(64, x9, x9, 4).msr('elr_el1', x9).mov(64, x0, -1);
  resume(a);

  // The doorbell: a data abort at SEMIHOST_DOORBELL with a request pending.
  const notSemihosting = a.newLabel();
  const notPsci = a.newLabel();
  const done = a.newLabel();
  a.bind(notUnknown);
  a.cmp(64, x9, EC.dataAbortSameEl).bcond('ne', report);
  a.mrs(x9, 'far_el1').cmp(64, x9, Number(SEMIHOST_DOORBELL)).bcond('ne', report);
  a.loadAddress(x10, sym(SYMBOLS.bootInfo)).ldr(64, x9, mem(x10, BOOT_INFO.callKind)).cbz(64, x9, report);
  a.str(64, xzr, mem(x10, BOOT_INFO.callKind));
  a.sub(64, sp, sp, 32).stp(64, x0, x1, mem(sp, 0)).stp(64, x2, x3, mem(sp, 16));
  // A nested exception (the call is undefined here) overwrites ELR/SPSR: keep them.
  a.mrs(x2, 'elr_el1').mrs(x3, 'spsr_el1');
  a.ldr(64, x0, mem(x10, BOOT_INFO.callX0)).ldr(64, x1, mem(x10, BOOT_INFO.callX1));
  a.mov(64, x12, DOORBELL_KIND.semihosting).cmp(64, x9, x12).bcond('ne', notSemihosting).word(WORDS.semihostingCall).b(done);
  a.bind(notSemihosting).mov(64, x12, DOORBELL_KIND.psci).cmp(64, x9, x12).bcond('ne', notPsci).word(WORDS.hvc0).b(done);
  a.bind(notPsci).mov(64, x12, DOORBELL_EXIT).cmp(64, x9, x12).bcond('ne', done);
  a.shift('lsr', 64, x2, x1, 16).logic('and', 64, x1, x1, 0xffff).b(sym(END_MACHINE));
  a.bind(done);
  a.loadAddress(x10, sym(SYMBOLS.bootInfo)).str(64, x0, mem(x10, BOOT_INFO.callResult));
  a.add(64, x2, x2, 4).msr('elr_el1', x2).msr('spsr_el1', x3);
  a.ldp(64, x2, x3, mem(sp, 16)).ldp(64, x0, x1, mem(sp, 0)).add(64, sp, sp, 32);
  resume(a);

  // Anything else is reported; nothing is resumed.
  const nested = a.newLabel();
  a.bind(report);
  a.loadAddress(x9, sym(SYMBOLS.exceptionDepth)).ldr(64, x10, mem(x9, 0)).add(64, x10, x10, 1).str(64, x10, mem(x9, 0));
  a.cmp(64, x10, 1).bcond('ne', nested);
  a.mov(32, x0, x11).mrs(x1, 'esr_el1').mrs(x2, 'elr_el1').mrs(x3, 'far_el1');
  a.bl(sym(EXCEPTION_ENTRY));
  endMachine(a, 'panic', 'mewz: the exception report returned\n');
  a.bind(nested);
  endMachine(a, 'panic', 'mewz: CPU exception while handling a CPU exception\n');
}
