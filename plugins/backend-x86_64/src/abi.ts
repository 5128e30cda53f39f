/**
 * The calling convention of compiled Wasm functions, the runtime builtins (`__mewz_*`)
 * and the platform's runtime entry points. It is System V AMD64 for everything SysV can
 * express, plus a rule for multiple results:
 *
 * - Arguments in order; integers and pointers (the instance context first, for Wasm
 *   functions) take rdi, rsi, rdx, rcx, r8, r9; f32/f64 take xmm0–xmm7. Arguments that
 *   find no register of their class go to the stack, each in an 8-byte slot, in argument
 *   order, starting at [rsp] at the call instruction (so [rsp + 8] on entry, after the
 *   return address). An i32 or f32 occupies the low 4 bytes of its slot; the upper bytes
 *   are unspecified.
 * - rsp is 16-byte aligned at the call instruction.
 * - Results: the first two integer results in rax, rdx; the first two float results in
 *   xmm0, xmm1. Further results go to a return area the caller provides: 8 bytes per
 *   result, in result order of the results that got no register, i32/f32 in the low 4
 *   bytes. Its address is a hidden integer argument after all others (in the next free
 *   integer register, or the next stack slot).
 * - An i32 in a 64-bit register (argument or result) has unspecified upper 32 bits;
 *   the receiver zero-extends where it needs the full register.
 * - Callee-saved: rbx, rbp, r12–r15 (and rsp). Everything else, all xmm registers
 *   included, is clobbered by a call.
 * - Frame pointers: every function keeps rbp as a frame pointer (push rbp; mov rbp, rsp),
 *   so gdb and perf unwind compiled code without unwind tables; rbp is never allocated.
 *   Stack arguments are read at [rbp + 16 + 8k].
 */
import type { IrType } from '@mewz/compiler';
import type { Reg, RegClass, RegisterInfo } from '@mewz/compiler';
import type { CallingConvention, Register } from '@mewz/core';
import {
  pregClass,
  pregName,
  R8,
  R9,
  R10,
  R11,
  R12,
  R13,
  R14,
  R15,
  RAX,
  RBP,
  RBX,
  RCX,
  RDI,
  RDX,
  RSI,
  RSP,
  xmmReg,
} from './pregs.js';

export const INT_ARG_REGS: readonly Reg[] = [RDI, RSI, RDX, RCX, R8, R9];
export const FLOAT_ARG_REGS: readonly Reg[] = [0, 1, 2, 3, 4, 5, 6, 7].map(xmmReg);
export const INT_RESULT_REGS: readonly Reg[] = [RAX, RDX];
export const FLOAT_RESULT_REGS: readonly Reg[] = [xmmReg(0), xmmReg(1)];

/** Callee-saved registers the allocator may use (rbp is the frame pointer, never allocated). */
export const CALLEE_SAVED: readonly Reg[] = [RBX, R12, R13, R14, R15];

const ALL_XMM: readonly Reg[] = Array.from({ length: 16 }, (_, i) => xmmReg(i));

/** What every call destroys. */
export const CALLER_SAVED: readonly Reg[] = [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11, ...ALL_XMM];

/** Bytes of one stack argument or return-area slot. */
export const SLOT_BYTES = 8;

/** Offset of stack argument 0 from the frame pointer: saved rbp, then the return address. */
export const INCOMING_ARGS_FROM_RBP = 16;

export type ArgLocation = { readonly kind: 'reg'; readonly reg: Reg } | { readonly kind: 'stack'; readonly offset: number };
export type ResultLocation = { readonly kind: 'reg'; readonly reg: Reg } | { readonly kind: 'area'; readonly offset: number };

/** Where each argument and result of a signature lives. */
export interface CallLayout {
  readonly args: readonly ArgLocation[];
  readonly results: readonly ResultLocation[];
  /** The hidden return-area pointer argument, when some result goes to the return area. */
  readonly returnAreaArg: ArgLocation | undefined;
  readonly returnAreaBytes: number;
  /** Bytes of stack arguments (the caller's outgoing area must be at least this big). */
  readonly stackArgBytes: number;
}

export function classOfType(t: IrType): RegClass {
  switch (t) {
    case 'i32':
    case 'i64':
      return 'int';
    case 'f32':
    case 'f64':
      return 'float';
    case 'v128':
      throw new Error('v128 values are not supported by the x86_64 backend yet');
  }
}

export function callLayout(params: readonly IrType[], results: readonly IrType[]): CallLayout {
  const resultLocs: ResultLocation[] = [];
  let intRes = 0;
  let floatRes = 0;
  let areaBytes = 0;
  for (const t of results) {
    const regs = classOfType(t) === 'int' ? INT_RESULT_REGS : FLOAT_RESULT_REGS;
    const n = classOfType(t) === 'int' ? intRes++ : floatRes++;
    if (n < regs.length) resultLocs.push({ kind: 'reg', reg: regs[n]! });
    else {
      resultLocs.push({ kind: 'area', offset: areaBytes });
      areaBytes += SLOT_BYTES;
    }
  }

  let intArg = 0;
  let floatArg = 0;
  let stack = 0;
  const place = (cls: RegClass): ArgLocation => {
    const regs = cls === 'int' ? INT_ARG_REGS : FLOAT_ARG_REGS;
    const n = cls === 'int' ? intArg++ : floatArg++;
    if (n < regs.length) return { kind: 'reg', reg: regs[n]! };
    const loc: ArgLocation = { kind: 'stack', offset: stack };
    stack += SLOT_BYTES;
    return loc;
  };
  const args = params.map((t) => place(classOfType(t)));
  const returnAreaArg = areaBytes > 0 ? place('int') : undefined;
  return { args, results: resultLocs, returnAreaArg, returnAreaBytes: areaBytes, stackArgBytes: stack };
}

/** The register facts the ISA-neutral allocator works from. */
export const registerInfo: RegisterInfo = Object.freeze({
  classOf: pregClass,
  // Caller-saved first: short live ranges between calls cost nothing to keep there.
  // Argument registers come late so that values rarely sit where a call needs its arguments.
  allocatable: Object.freeze({
    int: Object.freeze([RAX, R10, R11, RCX, RDX, RSI, RDI, R8, R9, RBX, R12, R13, R14, R15]),
    float: Object.freeze([...[8, 9, 10, 11, 12, 13, 14, 15].map(xmmReg), ...[0, 1, 2, 3, 4, 5, 6, 7].map(xmmReg)]),
  }),
  calleeSaved: CALLEE_SAVED,
  name: pregName,
});

/** The convention as data, in the shape core's backend plugins describe it. */
export const callingConvention: CallingConvention = Object.freeze({
  name: 'mewz-x86_64-sysv',
  arguments: Object.freeze({
    int: Object.freeze(INT_ARG_REGS.map(pregName)),
    float: Object.freeze(FLOAT_ARG_REGS.map(pregName)),
  }),
  results: Object.freeze({
    int: Object.freeze(INT_RESULT_REGS.map(pregName)),
    float: Object.freeze(FLOAT_RESULT_REGS.map(pregName)),
  }),
  calleeSaved: Object.freeze([...CALLEE_SAVED, RBP].map(pregName)),
  stackPointer: 'rsp',
  framePointer: 'rbp',
  stackAlignment: 16,
});

/** Every register the allocator knows, in core's plugin shape (name, class, encoding). */
export const registers: readonly Register[] = Object.freeze([
  ...Array.from({ length: 16 }, (_, enc) =>
    Object.freeze({ name: pregName(enc), class: 'int' as const, encoding: enc, allocatable: enc !== RSP && enc !== RBP }),
  ),
  ...Array.from({ length: 16 }, (_, enc) => Object.freeze({ name: pregName(xmmReg(enc)), class: 'float' as const, encoding: enc, allocatable: true })),
]);
