/**
 * The embedding that catches traps (the spec runner's: it calls compiled code, sees a
 * trap as a value and goes on), x86_64 Linux. It replaces the platform's trap stub:
 *
 * - `__mewz_catch(fn, a0, a1, a2) -> i64` calls `fn(a0, a1, a2)` in the plain calling
 *   convention; it returns 0 when fn returns, and `1 + trap code | funcIndex << 32` when
 *   compiled code traps inside it (catches nest).
 * - `__mewz_trap(code, funcIndex)`, entered with whatever stack is left, resumes the
 *   innermost active `__mewz_catch` with the callee-saved registers and stack pointer it
 *   saved; without one it reports and exits as the platform's trap stub does.
 *
 * The innermost catch frame lives in CATCH_FRAME_SYMBOL: 8 zero-initialised writable
 * bytes the embedding defines.
 */
import { type Assembler, mem, r12, r13, r14, r15, rax, rbp, rbx, rcx, rdi, rdx, rip, rsi, rsp, sym } from '@mewz/backend-x86_64';
import { PLATFORM_SYMBOLS } from '@mewz/core';
import { CATCH_FRAME_SYMBOL, CATCH_SYMBOL } from './stub-constants.js';
import { reportTrap } from './x86_64-stubs.js';

export function catchStubs(a: Assembler): void {
  const frame = rip(sym(CATCH_FRAME_SYMBOL));
  const resume = a.newLabel();
  const uncaught = a.newLabel();

  a.align(16).bind(a.newLabel(CATCH_SYMBOL));
  // Entered with rsp = 8 mod 16: rbp, five callee-saved registers and the outer frame
  // make it 0 again at the call.
  a.push(rbp).mov(64, rbp, rsp);
  a.push(rbx).push(r12).push(r13).push(r14).push(r15);
  a.push(frame).mov(64, frame, rsp);
  a.mov(64, rax, rdi).mov(64, rdi, rsi).mov(64, rsi, rdx).mov(64, rdx, rcx);
  a.call(rax);
  a.alu('xor', 32, rax, rax);
  a.bind(resume);
  a.pop(frame);
  a.pop(r15).pop(r14).pop(r13).pop(r12).pop(rbx).pop(rbp).ret();

  a.align(16).bind(a.newLabel(PLATFORM_SYMBOLS.trap));
  a.mov(64, rax, frame).test(64, rax, rax).jcc('e', uncaught);
  a.mov(64, rsp, rax);
  a.mov(32, rax, rsi).shift('shl', 64, rax, 32);
  a.lea(32, rcx, mem(rdi, 1)).alu('or', 64, rax, rcx);
  a.jmp(resume);
  a.bind(uncaught);
  reportTrap(a);
}
