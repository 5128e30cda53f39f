/**
 * The x86_64 Linux stubs, written with the x86_64 backend's assembler: process entry,
 * the trap entry, and the memmove/memset builtins. Every name they define or call is in
 * core's PLATFORM_SYMBOLS, except the stack symbols of this platform's own layout.
 */
import { type Assembler, memoryBuiltins, r8, r9, r10, rax, rbx, rdi, rdx, rip, rsi, rsp, sym } from '@mewz/backend-x86_64';
import { PLATFORM_SYMBOLS, type StubContext } from '@mewz/core';
import { windowOf } from './memory-map.js';
import { MAP_WINDOW, PROT_READ_WRITE, STACK_BOTTOM, STACK_TOP, stackMargin, START_FAILURE_STATUS } from './stub-constants.js';

const SYS_write = 1;
const SYS_mmap = 9;
const SYS_exit_group = 231;

/** Writes `message` to stderr and ends the process with START_FAILURE_STATUS. */
function failWith(a: Assembler, message: string): void {
  const text = a.newLabel();
  const bytes = new TextEncoder().encode(message);
  a.mov(32, rdi, 2).lea(64, rsi, rip(text)).mov(32, rdx, bytes.length).mov(32, rax, SYS_write).syscall();
  a.mov(32, rdi, START_FAILURE_STATUS).mov(32, rax, SYS_exit_group).syscall().ud2();
  a.bind(text).bytes(bytes);
}

/**
 * `_start`: Linux enters with rsp at argc (argv and envp above it). Maps the kernel
 * window, moves to the image's own stack (so its size and limit are known), runs
 * `__mewz_main(initialSp, stackLimit)` and exits 0 when the app's `_start` returns.
 */
export function bootStub(a: Assembler, ctx: StubContext<Assembler>): void {
  const { base, size } = windowOf('x86_64');
  const failed = a.newLabel();
  a.bind(a.newLabel(PLATFORM_SYMBOLS.entry));
  a.mov(64, rbx, rsp);
  // mmap(WINDOW_BASE, WINDOW_SIZE, PROT_READ | PROT_WRITE, MAP_WINDOW, -1, 0)
  a.mov(32, rdi, Number(base)).mov(32, rsi, Number(size)).mov(32, rdx, PROT_READ_WRITE);
  a.mov(32, r10, MAP_WINDOW).mov(64, r8, -1).alu('xor', 32, r9, r9).mov(32, rax, SYS_mmap).syscall();
  a.alu('cmp', 64, rax, Number(base)).jcc('ne', failed);
  a.lea(64, rsp, rip(sym(STACK_TOP)));
  a.mov(64, rdi, rbx).lea(64, rsi, rip(sym(STACK_BOTTOM, stackMargin(ctx.stackSize))));
  a.call(sym(PLATFORM_SYMBOLS.main));
  a.alu('xor', 32, rdi, rdi).mov(32, rax, SYS_exit_group).syscall().ud2();
  a.bind(failed);
  failWith(a, `mewz: cannot map the kernel's memory at 0x${base.toString(16)} (is something mapped below the image?)\n`);
}

/**
 * `__mewz_trap(code, funcIndex)`: nothing of the trapping code is ever resumed, so the
 * report runs from the top of the stack, which is fresh even when the trap was stack
 * exhaustion. The arguments stay in rdi and rsi for `__mewz_report_trap`.
 */
export function trapStub(a: Assembler): void {
  a.bind(a.newLabel(PLATFORM_SYMBOLS.trap));
  reportTrap(a);
}

/** The report of `__mewz_trap(code, funcIndex)` (arguments still in rdi, rsi) from the top of the stack; never returns. */
export function reportTrap(a: Assembler): void {
  a.lea(64, rsp, rip(sym(STACK_TOP)));
  a.call(sym(PLATFORM_SYMBOLS.reportTrap));
  a.ud2();
}

/** `__mewz_memmove` and `__mewz_memset`: the backend's rep movsb/stosb builtins. */
export function builtinStubs(a: Assembler): void {
  memoryBuiltins(a, { memmove: PLATFORM_SYMBOLS.memmove, memset: PLATFORM_SYMBOLS.memset });
}
