/**
 * Interrupt and exception entries: a table of 256 stubs of VECTOR_STUB_SIZE bytes (the
 * boot code points IDT gate v at stub v), the common exception path that calls the
 * build-generated `__mewz_exception(vector, error, pc, address)`, and the interrupt path
 * that acknowledges the xAPIC.
 */
import { type Assembler, mem, r8, r9, r10, r11, rax, rbp, rbx, rcx, rdi, rdx, rip, rsi, rsp, sym, cr2, xmms } from '@mewz/backend-x86_64';
import { CPU_TABLES, SYMBOLS } from './layout.js';
import { endMachine } from './machine-exit.js';
import { LAPIC_EOI } from './memory-map.js';

export const VECTORS = '__mewz_vectors';
export const VECTORS_END = '__mewz_vectors_end';
export const VECTOR_STUB_SIZE = 16;
/** The paths the vector stubs jump to (named, so debuggers show them). */
export const EXCEPTION_PATH = '__mewz_exception_path';
export const INTERRUPT_PATH = '__mewz_interrupt_path';
/** The generated entry into the kernel's `mewz_exception`. */
export const EXCEPTION_ENTRY = '__mewz_exception';

/** CPU exceptions for which the CPU pushes an error code. */
export const ERROR_CODE_VECTORS: ReadonlySet<number> = new Set([8, 10, 11, 12, 13, 14, 17, 21, 29, 30]);
/** NMI, #DF, #PF and #MC run on the exception stack (IST1): they must work with the main stack exhausted. */
export const IST_VECTORS: readonly number[] = [2, 8, 14, 18];
export const PAGE_FAULT = 14;
export const TIMER_VECTOR = 0x20;
/** IOAPIC GSI 0–23 arrive at vectors 0x30–0x47. */
export const IRQ_FIRST = 0x30;
export const IRQ_COUNT = 24;
export const SPURIOUS_VECTOR = 0xff;

export type VectorKind = 'exception' | 'interrupt' | 'spurious';

/** What a vector's stub does: interrupts are acknowledged and resumed, the spurious vector just resumed, the rest reported. */
export function vectorKind(v: number): VectorKind {
  if (v === TIMER_VECTOR || (v >= IRQ_FIRST && v < IRQ_FIRST + IRQ_COUNT)) return 'interrupt';
  if (v === SPURIOUS_VECTOR) return 'spurious';
  return 'exception';
}

/** Caller-saved registers, then rbx and rbp, which the exception path uses itself. */
const SAVED = [rax, rcx, rdx, rsi, rdi, r8, r9, r10, r11, rbx, rbp] as const;

export function vectorStubs(a: Assembler): void {
  const exception = a.newLabel(EXCEPTION_PATH);
  const interrupt = a.newLabel(INTERRUPT_PATH);
  const start = a.newLabel(VECTORS);
  a.align(VECTOR_STUB_SIZE);
  for (let v = 0; v < 256; v++) {
    a.align(VECTOR_STUB_SIZE, 'zero');
    if (v === 0) a.bind(start);
    const kind = vectorKind(v);
    if (kind === 'spurious') a.iretq();
    else if (kind === 'interrupt') a.jmp(interrupt);
    else {
      if (!ERROR_CODE_VECTORS.has(v)) a.push(0);
      a.push(v).jmp(exception);
    }
  }
  a.align(VECTOR_STUB_SIZE, 'zero').bind(a.newLabel(VECTORS_END));

  // Stack: vector, error, rip, cs, rflags, rsp, ss. Saves the caller-saved registers
  // (and xmm0–15) so that a handler that returns resumes the interrupted code intact.
  const nested = a.newLabel();
  a.align(16).bind(exception);
  for (const r of SAVED) a.push(r);
  const frame = 8 * SAVED.length;
  a.mov(64, rbp, rsp);
  a.lea(64, rbx, rip(sym(SYMBOLS.cpuTables)));
  a.alu('add', 64, mem(rbx, CPU_TABLES.exceptionDepth), 1).alu('cmp', 64, mem(rbx, CPU_TABLES.exceptionDepth), 1).jcc('ne', nested);
  a.alu('and', 64, rsp, -16).alu('sub', 64, rsp, 16 * 16);
  xmms.forEach((x, i) => a.sseMove('movdqu', mem(rsp, 16 * i), x));
  a.mov(64, rdi, mem(rbp, frame)).mov(64, rsi, mem(rbp, frame + 8)).mov(64, rdx, mem(rbp, frame + 16));
  const noAddress = a.newLabel();
  a.alu('xor', 32, rcx, rcx).alu('cmp', 32, rdi, PAGE_FAULT).jcc('ne', noAddress).movControl(rcx, cr2);
  a.bind(noAddress);
  a.cld(); // as the calling convention expects
  a.call(sym(EXCEPTION_ENTRY));
  xmms.forEach((x, i) => a.sseMove('movdqu', x, mem(rsp, 16 * i)));
  a.mov(64, rsp, rbp);
  a.alu('sub', 64, mem(rbx, CPU_TABLES.exceptionDepth), 1);
  for (const r of [...SAVED].reverse()) a.pop(r);
  a.alu('add', 64, rsp, 16).iretq();
  // A CPU exception while reporting one: nothing of the kernel can be trusted to run.
  a.bind(nested);
  endMachine(a, 'panic', 'mewz: CPU exception while handling a CPU exception\n');

  // Interrupts only wake the CPU from hlt: acknowledge and resume.
  a.align(16).bind(interrupt);
  a.push(rax).mov(32, rax, Number(LAPIC_EOI)).mov(32, mem(rax, 0), 0).pop(rax).iretq();
}
