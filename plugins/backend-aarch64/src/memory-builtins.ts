/**
 * `memmove(dst, src, n)` and `memset(dst, byte, n)` for platforms' builtin stubs (the
 * runtime builtins `__mewz_memmove`/`__mewz_memset`): 16 bytes at a time with ldp/stp,
 * then single bytes. They touch only x0–x2 and x9–x12 and never call out, so they are
 * safe from any code, the kernel's own included. memmove copies backwards only when the
 * destination starts inside the source. The 16-byte accesses may be unaligned, which
 * Normal memory allows (with the MMU off, EL1 memory is Device memory: enable it first).
 */
import type { Assembler } from './assembler.js';
import { mem } from './encoder/operands.js';
import { x0, x1, x2, x9, x10, x11, x12 } from './registers.js';

export function memoryBuiltins(a: Assembler, names: { memmove: string; memset: string }): void {
  const forward = a.newLabel();
  const fwd16 = a.newLabel();
  const fwd1 = a.newLabel();
  const bwd16 = a.newLabel();
  const bwd1 = a.newLabel();
  const done = a.newLabel();
  a.align(16).bind(a.newLabel(names.memmove));
  a.cmp(64, x0, x1).bcond('ls', forward);
  a.add(64, x9, x1, x2).cmp(64, x0, x9).bcond('hs', forward);
  // dst lies inside (src, src + n): copy from the end down.
  a.add(64, x10, x0, x2);
  a.bind(bwd16).cmp(64, x2, 16).bcond('lo', bwd1);
  a.ldp(64, x11, x12, mem(x9, -16, 'pre')).stp(64, x11, x12, mem(x10, -16, 'pre')).sub(64, x2, x2, 16).b(bwd16);
  a.bind(bwd1).cbz(64, x2, done);
  a.load(32, 1, false, x11, mem(x9, -1, 'pre')).store(1, x11, mem(x10, -1, 'pre')).sub(64, x2, x2, 1).b(bwd1);
  a.bind(forward).mov(64, x10, x0);
  a.bind(fwd16).cmp(64, x2, 16).bcond('lo', fwd1);
  a.ldp(64, x11, x12, mem(x1, 16, 'post')).stp(64, x11, x12, mem(x10, 16, 'post')).sub(64, x2, x2, 16).b(fwd16);
  a.bind(fwd1).cbz(64, x2, done);
  a.load(32, 1, false, x11, mem(x1, 1, 'post')).store(1, x11, mem(x10, 1, 'post')).sub(64, x2, x2, 1).b(fwd1);
  a.bind(done).ret();

  const set16 = a.newLabel();
  const set1 = a.newLabel();
  const setDone = a.newLabel();
  a.align(16).bind(a.newLabel(names.memset));
  // The byte in all eight bytes of x9.
  a.logic('and', 32, x9, x1, 0xff);
  a.logic('orr', 64, x9, x9, { reg: x9, shift: 'lsl', amount: 8 });
  a.logic('orr', 64, x9, x9, { reg: x9, shift: 'lsl', amount: 16 });
  a.logic('orr', 64, x9, x9, { reg: x9, shift: 'lsl', amount: 32 });
  a.mov(64, x10, x0);
  a.bind(set16).cmp(64, x2, 16).bcond('lo', set1);
  a.stp(64, x9, x9, mem(x10, 16, 'post')).sub(64, x2, x2, 16).b(set16);
  a.bind(set1).cbz(64, x2, setDone);
  a.store(1, x9, mem(x10, 1, 'post')).sub(64, x2, x2, 1).b(set1);
  a.bind(setDone).ret();
}
