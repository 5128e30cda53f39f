/**
 * The 64-bit half of the boot: segments, the TSS (IST1 = the exception stack), the IDT,
 * the rest of the boot info, then `__mewz_main(bootInfo, stackLimit)` on the image's
 * stack. The machine ends with `exit 0` if it returns (the app's `_start` returned and
 * the kernel did not end the machine itself).
 */
import { type Assembler, ds, es, fs, gs, mem, r8, rax, rbp, rcx, rdi, rdx, rip, rsi, rsp, ss, sym } from '@mewz/backend-x86_64';
import { PLATFORM_SYMBOLS } from '@mewz/core';
import { BOOT_INFO } from './boot-info.js';
import { LONG_MODE_ENTRY } from './boot32.js';
import { CPU_TABLES, SELECTORS, SYMBOLS } from './layout.js';
import { endMachine } from './machine-exit.js';
import { IST_VECTORS, VECTOR_STUB_SIZE, VECTORS } from './vectors.js';

/** TSS fields. */
const TSS_IST1 = 0x24;
const TSS_IOMAP_BASE = 0x66;
/** Available 64-bit TSS, present. */
const TSS_TYPE = 0x89;
/** Interrupt gate (IF cleared on entry), present, DPL 0, code selector. */
const GATE_LOW_CONSTANT = (0x8en << 40n) | (BigInt(SELECTORS.code) << 16n);

/**
 * Room kept below the stack limit: a function that passed its limit check may still
 * push a frame and call a builtin or the kernel. At most half the stack.
 */
export function stackMargin(stackSize: number): number {
  return Math.min(0x1_0000, Math.floor(stackSize / 2 / 16) * 16);
}

export function boot64(a: Assembler, stackSize: number): void {
  a.align(16).bind(a.newLabel(LONG_MODE_ENTRY));
  a.mov(32, rax, SELECTORS.data);
  for (const seg of [ds, es, ss, fs, gs]) a.movSegment(seg, rax);

  // The TSS and its descriptor (base split across the descriptor's fields), then ltr.
  a.lea(64, rdi, rip(sym(SYMBOLS.cpuTables)));
  a.lea(64, rax, rip(sym(SYMBOLS.exceptionStackTop))).mov(64, mem(rdi, CPU_TABLES.tss + TSS_IST1), rax);
  a.mov(16, mem(rdi, CPU_TABLES.tss + TSS_IOMAP_BASE), CPU_TABLES.tssBytes);
  a.lea(64, rax, mem(rdi, CPU_TABLES.tss));
  a.mov(32, rdx, rax).alu('and', 32, rdx, 0xff_ffff).shift('shl', 64, rdx, 16);
  a.mov(64, rcx, rax).shift('shr', 64, rcx, 24).movzx(32, rcx, 8, rcx).shift('shl', 64, rcx, 56).alu('or', 64, rdx, rcx);
  a.loadConst(rcx, (BigInt(TSS_TYPE) << 40n) | BigInt(CPU_TABLES.tssBytes - 1)).alu('or', 64, rdx, rcx);
  a.mov(64, mem(rdi, CPU_TABLES.gdt + SELECTORS.tss), rdx);
  a.shift('shr', 64, rax, 32).mov(64, mem(rdi, CPU_TABLES.gdt + SELECTORS.tss + 8), rax);
  a.mov(32, rax, SELECTORS.tss).ltr(rax);

  // The IDT: gate v → the 16-byte stub v of the vector table.
  a.lea(64, rsi, rip(sym(VECTORS))).lea(64, rdi, rip(sym(SYMBOLS.idt)));
  a.loadConst(r8, GATE_LOW_CONSTANT);
  a.alu('xor', 32, rcx, rcx);
  const gate = a.newLabel();
  a.bind(gate);
  a.mov(64, rax, rcx).shift('shl', 64, rax, Math.log2(VECTOR_STUB_SIZE)).alu('add', 64, rax, rsi);
  a.movzx(32, rdx, 16, rax);
  a.alu('or', 64, rdx, r8);
  a.mov(64, rbp, rax).shift('shr', 64, rbp, 16).movzx(32, rbp, 16, rbp).shift('shl', 64, rbp, 48).alu('or', 64, rdx, rbp);
  a.mov(64, mem(rdi, 0), rdx);
  a.shift('shr', 64, rax, 32).mov(64, mem(rdi, 8), rax);
  a.alu('add', 64, rdi, 16).alu('add', 32, rcx, 1).alu('cmp', 32, rcx, 256).jcc('b', gate);
  a.lea(64, rdi, rip(sym(SYMBOLS.idt)));
  for (const v of IST_VECTORS) a.mov(8, mem(rdi, 16 * v + 4), 1);
  a.lea(64, rsi, rip(sym(SYMBOLS.cpuTables)));
  a.mov(16, mem(rsi, CPU_TABLES.idtr), 256 * 16 - 1).mov(64, mem(rsi, CPU_TABLES.idtr + 2), rdi);
  a.lidt(mem(rsi, CPU_TABLES.idtr));

  // The boot info fields the 32-bit part did not write.
  a.lea(64, rdi, rip(sym(SYMBOLS.bootInfo)));
  const fields: [number, string][] = [
    [BOOT_INFO.imageStart, SYMBOLS.imageStart],
    [BOOT_INFO.stackBottom, SYMBOLS.stackBottom],
    [BOOT_INFO.stackTop, SYMBOLS.stackTop],
    [BOOT_INFO.exceptionStackBottom, SYMBOLS.exceptionStackBottom],
    [BOOT_INFO.exceptionStackTop, SYMBOLS.exceptionStackTop],
    [BOOT_INFO.pml4, SYMBOLS.pageTables],
  ];
  for (const [offset, symbol] of fields) a.lea(64, rax, rip(sym(symbol))).mov(64, mem(rdi, offset), rax);

  a.lea(64, rsp, rip(sym(SYMBOLS.stackTop)));
  a.alu('xor', 32, rbp, rbp);
  a.lea(64, rsi, rip(sym(SYMBOLS.stackBottom, stackMargin(stackSize))));
  a.call(sym(PLATFORM_SYMBOLS.main));
  endMachine(a, 'exit 0');
}
