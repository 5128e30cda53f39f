/**
 * The aarch64 Linux stubs, written with the aarch64 backend's assembler: process entry,
 * the trap entry, and the memmove/memset builtins. The same contract as x86_64-stubs.ts
 * (core's PLATFORM_SYMBOLS and this platform's stack symbols); system calls are `svc 0`
 * with the number in x8 and the generic table's numbers.
 */
import { type Assembler, memoryBuiltins, sp, sym, x0, x1, x2, x3, x4, x5, x8, x9, x19 } from '@mewz/backend-aarch64';
import { PLATFORM_SYMBOLS, type StubContext } from '@mewz/core';
import { windowOf } from './memory-map.js';
import { MAP_WINDOW, PROT_READ_WRITE, STACK_BOTTOM, STACK_TOP, stackMargin, START_FAILURE_STATUS } from './stub-constants.js';

const SYS_write = 64;
const SYS_mmap = 222;
const SYS_exit_group = 94;

/** Writes `message` to stderr and ends the process with START_FAILURE_STATUS. */
function failWith(a: Assembler, message: string): void {
  const text = a.newLabel();
  const bytes = new TextEncoder().encode(message);
  a.mov(64, x0, 2).adr(x1, text).mov(64, x2, bytes.length).mov(64, x8, SYS_write).svc(0);
  a.mov(64, x0, START_FAILURE_STATUS).mov(64, x8, SYS_exit_group).svc(0).brk(1);
  a.bind(text).bytes(bytes).align(4);
}

/**
 * `_start`: Linux enters with sp at argc (argv and envp above it). Maps the kernel
 * window, moves to the image's own stack, runs `__mewz_main(initialSp, stackLimit)` and
 * exits 0 when the app's `_start` returns.
 */
export function bootStub(a: Assembler, ctx: StubContext<Assembler>): void {
  const { base, size } = windowOf('aarch64');
  const failed = a.newLabel();
  a.bind(a.newLabel(PLATFORM_SYMBOLS.entry));
  a.mov(64, x19, sp);
  // mmap(base, size, PROT_READ | PROT_WRITE, MAP_WINDOW, -1, 0); the kernel preserves every register but x0.
  a.mov(64, x0, Number(base)).mov(64, x1, Number(size)).mov(64, x2, PROT_READ_WRITE);
  a.mov(64, x3, MAP_WINDOW).mov(64, x4, -1).mov(64, x5, 0).mov(64, x8, SYS_mmap).svc(0);
  a.mov(64, x9, Number(base)).cmp(64, x0, x9).bcond('ne', failed);
  a.loadAddress(x9, sym(STACK_TOP)).mov(64, sp, x9);
  a.mov(64, x0, x19).loadAddress(x1, sym(STACK_BOTTOM, stackMargin(ctx.stackSize)));
  a.bl(sym(PLATFORM_SYMBOLS.main));
  a.mov(64, x0, 0).mov(64, x8, SYS_exit_group).svc(0).brk(1);
  a.bind(failed);
  failWith(a, `mewz: cannot map the kernel's memory at 0x${base.toString(16)} (is something mapped below the image?)\n`);
}

/**
 * `__mewz_trap(code, funcIndex)`: nothing of the trapping code is resumed, so the report
 * runs from the top of the stack (fresh even after stack exhaustion); the arguments stay
 * in x0 and x1 for `__mewz_report_trap`.
 */
export function trapStub(a: Assembler): void {
  a.bind(a.newLabel(PLATFORM_SYMBOLS.trap));
  reportTrap(a);
}

/** The report of `__mewz_trap(code, funcIndex)` (arguments still in x0, x1) from the top of the stack; never returns. */
export function reportTrap(a: Assembler): void {
  a.loadAddress(x9, sym(STACK_TOP)).mov(64, sp, x9);
  a.bl(sym(PLATFORM_SYMBOLS.reportTrap)).brk(1);
}

/** `__mewz_memmove` and `__mewz_memset`: the backend's builtins. */
export function builtinStubs(a: Assembler): void {
  memoryBuiltins(a, { memmove: PLATFORM_SYMBOLS.memmove, memset: PLATFORM_SYMBOLS.memset });
}
