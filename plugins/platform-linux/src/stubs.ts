/**
 * The stubs of each ISA behind one table, so the platform (and the spec runner's catching
 * embedding) pick them by the ISA being built. Each ISA's functions take its own backend's
 * assembler; the build hands the assembler of the backend it compiles with, whose ISA is
 * the key, so the cast below only restates that.
 */
import type { Assembler as A64Assembler } from '@mewz/backend-aarch64';
import type { Assembler as X86Assembler } from '@mewz/backend-x86_64';
import type { Assembler, StubContext } from '@mewz/core';
import * as a64 from './aarch64-stubs.js';
import { catchStubs as a64Catch } from './aarch64-catch.js';
import { checkIsa, type LinuxIsa } from './memory-map.js';
import * as x86 from './x86_64-stubs.js';
import { catchStubs as x86Catch } from './x86_64-catch.js';

export interface IsaStubs<A extends Assembler> {
  boot(asm: A, context: StubContext<A>): void;
  trap(asm: A): void;
  builtins(asm: A): void;
  /** The spec runner's catching `__mewz_catch` and `__mewz_trap`, in place of `trap`. */
  catching(asm: A): void;
}

const x86_64: IsaStubs<X86Assembler> = { boot: x86.bootStub, trap: x86.trapStub, builtins: x86.builtinStubs, catching: x86Catch };
const aarch64: IsaStubs<A64Assembler> = { boot: a64.bootStub, trap: a64.trapStub, builtins: a64.builtinStubs, catching: a64Catch };
const STUBS: Readonly<Record<LinuxIsa, IsaStubs<X86Assembler> | IsaStubs<A64Assembler>>> = Object.freeze({ x86_64, aarch64 });

/** The stubs of `isa` (an error naming the supported ISAs for another). */
export function stubsFor(isa: string): IsaStubs<Assembler> {
  return STUBS[checkIsa(isa)] as unknown as IsaStubs<Assembler>;
}
