/** `_start`: the PVH entry (32-bit part, then 64-bit part) in one stub object. */
import { type Assembler } from '@mewz/backend-x86_64';
import { PLATFORM_SYMBOLS, type StubContext } from '@mewz/core';
import { boot32 } from './boot32.js';
import { boot64 } from './boot64.js';

export function bootStub(a: Assembler, context: StubContext<Assembler>): void {
  boot32(a, a.newLabel(PLATFORM_SYMBOLS.entry));
  boot64(a, context.stackSize);
}
