/**
 * The trap-catching embedding (the spec runner's) for aarch64 Linux: the same contract as
 * x86_64-catch.ts. `__mewz_catch(fn, a0, a1, a2)` saves the frame pointer, the link
 * register and the callee-saved registers (x19–x28, the low halves of v8–v15), links its
 * frame into CATCH_FRAME_SYMBOL and calls `fn`; the catching `__mewz_trap` restores sp
 * from the innermost frame and returns `1 + code | funcIndex << 32` through it.
 */
import { type Assembler, mem, sp, sym, x0, x1, x2, x3, x9, x10, x11, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30, v8, v9, v10, v11, v12, v13, v14, v15 } from '@mewz/backend-aarch64';
import { PLATFORM_SYMBOLS } from '@mewz/core';
import { reportTrap } from './aarch64-stubs.js';
import { CATCH_FRAME_SYMBOL, CATCH_SYMBOL } from './stub-constants.js';

const GPR_PAIRS = [[x19, x20], [x21, x22], [x23, x24], [x25, x26], [x27, x28]] as const;
const FPR_PAIRS = [[v8, v9], [v10, v11], [v12, v13], [v14, v15]] as const;

export function catchStubs(a: Assembler): void {
  const frame = sym(CATCH_FRAME_SYMBOL);
  const resume = a.newLabel();
  const uncaught = a.newLabel();

  a.align(16).bind(a.newLabel(CATCH_SYMBOL));
  a.stp(64, x29, x30, mem(sp, -16, 'pre')).mov(64, x29, sp);
  for (const [p, q] of GPR_PAIRS) a.stp(64, p, q, mem(sp, -16, 'pre'));
  for (const [p, q] of FPR_PAIRS) a.fstp(64, p, q, mem(sp, -16, 'pre'));
  // The outer frame, pushed twice to keep sp 16-byte aligned; then sp becomes the innermost frame.
  a.adrp(x9, frame).loadLo12(64, 8, x10, x9, frame).stp(64, x10, x10, mem(sp, -16, 'pre'));
  a.mov(64, x11, sp).storeLo12(8, x11, x9, frame);
  a.mov(64, x9, x0).mov(64, x0, x1).mov(64, x1, x2).mov(64, x2, x3).blr(x9);
  a.mov(64, x0, 0);
  a.bind(resume);
  a.ldp(64, x10, x11, mem(sp, 16, 'post')).adrp(x9, frame).storeLo12(8, x10, x9, frame);
  for (const [p, q] of [...FPR_PAIRS].reverse()) a.fldp(64, p, q, mem(sp, 16, 'post'));
  for (const [p, q] of [...GPR_PAIRS].reverse()) a.ldp(64, p, q, mem(sp, 16, 'post'));
  a.ldp(64, x29, x30, mem(sp, 16, 'post')).ret();

  a.align(16).bind(a.newLabel(PLATFORM_SYMBOLS.trap));
  a.adrp(x9, frame).loadLo12(64, 8, x10, x9, frame).cbz(64, x10, uncaught);
  a.mov(64, sp, x10);
  a.mov(32, x1, x1).add(32, x0, x0, 1).logic('orr', 64, x0, x0, { reg: x1, shift: 'lsl', amount: 32 });
  a.b(resume);
  a.bind(uncaught);
  reportTrap(a);
}
