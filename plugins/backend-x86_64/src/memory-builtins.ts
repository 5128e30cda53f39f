/**
 * `memmove(dst, src, n)` and `memset(dst, byte, n)` with rep movsb/stosb, for platforms'
 * builtin stubs (the runtime builtins `__mewz_memmove`/`__mewz_memset`): they touch only
 * caller-saved registers and never call out, so they are safe from any code, the
 * kernel's own included. memmove copies backwards (direction flag set, cleared again
 * before returning, as the ABI requires) only when the destination starts inside the source.
 */
import type { Assembler } from './assembler.js';
import { mem } from './encoder/operands.js';
import { rax, rcx, rdi, rdx, rsi } from './registers.js';

export function memoryBuiltins(a: Assembler, names: { memmove: string; memset: string }): void {
  const forward = a.newLabel();
  a.align(16).bind(a.newLabel(names.memmove));
  a.mov(64, rcx, rdx);
  a.alu('cmp', 64, rdi, rsi).jcc('be', forward);
  a.lea(64, rax, mem(rsi, 0, rdx));
  a.alu('cmp', 64, rdi, rax).jcc('ae', forward);
  // dst lies inside [src, src + n): copy from the last byte down (std; rep movsb; cld).
  a.lea(64, rsi, mem(rsi, -1, rdx)).lea(64, rdi, mem(rdi, -1, rdx));
  a.std().repMovs(8).cld().ret();
  a.bind(forward).repMovs(8).ret();

  a.align(16).bind(a.newLabel(names.memset));
  a.mov(32, rax, rsi).mov(64, rcx, rdx).repStos(8).ret();
}
