/**
 * `__mewz_trap(code, funcIndex)`: nothing of the trapping code is ever resumed, so the
 * report runs from the top of the main stack, fresh even when the trap was stack
 * exhaustion. The arguments stay in rdi and rsi for `__mewz_report_trap`, which does not return.
 */
import { type Assembler, rip, rsp, sym } from '@mewz/backend-x86_64';
import { PLATFORM_SYMBOLS } from '@mewz/core';
import { SYMBOLS } from './layout.js';
import { endMachine } from './machine-exit.js';
import { vectorStubs } from './vectors.js';

export function trapStub(a: Assembler): void {
  a.align(16).bind(a.newLabel(PLATFORM_SYMBOLS.trap));
  a.lea(64, rsp, rip(sym(SYMBOLS.stackTop)));
  a.call(sym(PLATFORM_SYMBOLS.reportTrap));
  // The kernel's trap path ends the machine; should it return, end it here.
  endMachine(a, 'trap');
  vectorStubs(a);
}
