/**
 * `__mewz_trap(code, funcIndex)`: nothing of the trapping code is ever resumed, so the
 * report runs from the top of the main stack, fresh even when the trap was stack
 * exhaustion. The arguments stay in w0 and w1 for `__mewz_report_trap`, which does not return.
 */
import { type Assembler, sp, sym, x9 } from '@mewz/backend-aarch64';
import { PLATFORM_SYMBOLS } from '@mewz/core';
import { SYMBOLS } from './layout.js';
import { endMachine } from './machine-exit.js';

export function trapStub(a: Assembler): void {
  a.align(16).bind(a.newLabel(PLATFORM_SYMBOLS.trap));
  a.loadAddress(x9, sym(SYMBOLS.stackTop)).mov(64, sp, x9);
  a.bl(sym(PLATFORM_SYMBOLS.reportTrap));
  // The kernel's trap path ends the machine; should it return, end it here.
  endMachine(a, 'trap');
}
