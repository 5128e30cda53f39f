import { Assembler } from '@mewz/backend-x86_64';
import { PLATFORM_SYMBOLS } from '@mewz/core';
import { CATCH_FRAME_SYMBOL, CATCH_SYMBOL, catchStubs, STACK_TOP } from '../src/index';

describe('the trap-catching embedding (x86_64)', () => {
  const a = new Assembler();
  catchStubs(a);
  const out = a.finish();

  it('defines the catch entry and a trap entry in place of the platform stub', () => {
    expect([...out.labels.keys()].sort()).toEqual([CATCH_SYMBOL, PLATFORM_SYMBOLS.trap].sort());
    expect(out.labels.get(CATCH_SYMBOL)).toBe(0);
    expect(out.labels.get(PLATFORM_SYMBOLS.trap)! % 16).toBe(0);
  });

  it('keeps the innermost frame in the catch frame symbol and reports uncaught traps like the trap stub', () => {
    expect(out.relocations.map((r) => r.symbol)).toEqual([
      // catch: push the outer frame, install this one, and restore the outer one on the way out
      CATCH_FRAME_SYMBOL,
      CATCH_FRAME_SYMBOL,
      CATCH_FRAME_SYMBOL,
      // trap: read the frame; without one, report from the top of the stack
      CATCH_FRAME_SYMBOL,
      STACK_TOP,
      PLATFORM_SYMBOLS.reportTrap,
    ]);
  });

  it('saves and restores every callee-saved register, and calls through rax', () => {
    const hex = Buffer.from(out.code).toString('hex');
    expect(hex.startsWith('554889e5534154415541564157')).toBe(true); // push rbp; mov rbp, rsp; push rbx, r12-r15
    expect(hex).toContain('ffd0'); // call rax
    expect(hex).toContain('415f415e415d415c5b5dc3'); // pop r15-r12, rbx, rbp; ret
  });
});
