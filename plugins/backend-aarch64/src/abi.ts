/**
 * The calling convention of compiled Wasm functions, the runtime builtins (`__mewz_*`)
 * and the platform's runtime entry points. It is AAPCS64 for everything AAPCS64 can
 * express, plus the same rule for multiple results as on x86_64:
 *
 * - Arguments in order; integers and pointers (the instance context first, for Wasm
 *   functions, so vmctx is in x0) take x0–x7; f32/f64 take v0–v7 (as s/d). Arguments that
 *   find no register of their class go to the stack, each in an 8-byte slot, in argument
 *   order, starting at [sp] at the call. An i32 or f32 occupies the low 4 bytes of its
 *   slot; the upper bytes are unspecified.
 * - sp is 16-byte aligned at all times (the hardware checks it on every sp-based access).
 * - Results: the first two integer results in x0, x1; the first two float results in v0,
 *   v1. Further results go to a return area the caller provides: 8 bytes per result, in
 *   result order of the results that got no register, i32/f32 in the low 4 bytes. Its
 *   address is a hidden integer argument after all others (next free register or slot).
 * - An i32 in a 64-bit register (argument or result) has unspecified upper 32 bits.
 * - Callee-saved: x19–x28, x29 (frame pointer), x30's value is the return address, and the
 *   low 64 bits of v8–v15 (d8–d15), as AAPCS64 says. Everything else is clobbered by a call.
 * - Frame record: every function starts with `stp x29, x30, [sp, #-16]!; mov x29, sp`, so
 *   gdb and perf unwind through the chain of frame records; stack arguments are read at
 *   [x29 + 16 + 8k].
 * - Reserved, never allocated: x16 (the backend's scratch inside an instruction's
 *   sequence: large offsets and immediates), x17 (the register allocator's scratch for its
 *   copies, also free inside a sequence), x18 (the platform register: AAPCS64 lets a
 *   platform own it), x29, x30 and sp; v31 (the allocator's float scratch, also free inside
 *   a sequence).
 */
import type { IrType } from '@mewz/compiler';
import type { Reg, RegClass, RegisterInfo } from '@mewz/compiler';
import type { CallingConvention, Register } from '@mewz/core';
import { fpReg, pregClass, pregName, X16, X17, X18, X29, X30 } from './pregs.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const INT_ARG_REGS: readonly Reg[] = range(0, 7);
export const FLOAT_ARG_REGS: readonly Reg[] = range(0, 7).map(fpReg);
export const INT_RESULT_REGS: readonly Reg[] = [0, 1];
export const FLOAT_RESULT_REGS: readonly Reg[] = [fpReg(0), fpReg(1)];

/** Callee-saved registers the allocator may use (x29/x30 are saved by every prologue). */
export const CALLEE_SAVED: readonly Reg[] = [...range(19, 28), ...range(8, 15).map(fpReg)];

/** Scratch registers of the backend and the allocator (see the header). */
export const SCRATCH_INT = X16;
export const ALLOC_SCRATCH_INT = X17;
export const ALLOC_SCRATCH_FLOAT = fpReg(31);

/** What every call destroys: every allocatable register that is not callee-saved, and the scratch ones. */
export const CALLER_SAVED: readonly Reg[] = [...range(0, 17), X30, ...range(0, 7).map(fpReg), ...range(16, 31).map(fpReg)];

/** Bytes of one stack argument or return-area slot. */
export const SLOT_BYTES = 8;

/** Offset of stack argument 0 from the frame pointer: above the frame record (x29, x30). */
export const INCOMING_ARGS_FROM_FP = 16;

export type ArgLocation = { readonly kind: 'reg'; readonly reg: Reg } | { readonly kind: 'stack'; readonly offset: number };
export type ResultLocation = { readonly kind: 'reg'; readonly reg: Reg } | { readonly kind: 'area'; readonly offset: number };

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
      throw new Error('v128 values are not supported by the aarch64 backend yet');
  }
}

/** Where each argument and result of a signature lives. */
export function callLayout(params: readonly IrType[], results: readonly IrType[]): CallLayout {
  const resultLocs: ResultLocation[] = [];
  let intRes = 0;
  let floatRes = 0;
  let areaBytes = 0;
  for (const t of results) {
    const isInt = classOfType(t) === 'int';
    const regs = isInt ? INT_RESULT_REGS : FLOAT_RESULT_REGS;
    const n = isInt ? intRes++ : floatRes++;
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
  // The outgoing area is part of a frame whose size keeps sp 16-byte aligned.
  return { args, results: resultLocs, returnAreaArg, returnAreaBytes: areaBytes, stackArgBytes: stack };
}

/** The register facts the ISA-neutral allocator works from. */
export const registerInfo: RegisterInfo = Object.freeze({
  classOf: pregClass,
  // Caller-saved temporaries first, argument registers later, callee-saved last.
  allocatable: Object.freeze({
    int: Object.freeze([...range(9, 15), 8, ...range(0, 7), ...range(19, 28)]),
    float: Object.freeze([...range(16, 30).map(fpReg), ...range(0, 7).map(fpReg), ...range(8, 15).map(fpReg)]),
  }),
  calleeSaved: CALLEE_SAVED,
  scratch: Object.freeze({ int: ALLOC_SCRATCH_INT, float: ALLOC_SCRATCH_FLOAT }),
  name: pregName,
});

/** The convention as data, in the shape core's backend plugins describe it. */
export const callingConvention: CallingConvention = Object.freeze({
  name: 'mewz-aarch64-aapcs64',
  arguments: Object.freeze({
    int: Object.freeze(INT_ARG_REGS.map(pregName)),
    float: Object.freeze(FLOAT_ARG_REGS.map(pregName)),
  }),
  results: Object.freeze({
    int: Object.freeze(INT_RESULT_REGS.map(pregName)),
    float: Object.freeze(FLOAT_RESULT_REGS.map(pregName)),
  }),
  calleeSaved: Object.freeze([...CALLEE_SAVED, X29, X30].map(pregName)),
  stackPointer: 'sp',
  framePointer: 'x29',
  stackAlignment: 16,
});

const RESERVED = new Set<Reg>([X16, X17, X18, X29, X30]);

/** Every register the allocator knows, in core's plugin shape (name, class, encoding). */
export const registers: readonly Register[] = Object.freeze([
  ...range(0, 30).map((enc) => Object.freeze({ name: pregName(enc), class: 'int' as const, encoding: enc, allocatable: !RESERVED.has(enc) })),
  Object.freeze({ name: 'sp', class: 'int' as const, encoding: 31, allocatable: false }),
  ...range(0, 31).map((enc) => Object.freeze({ name: pregName(fpReg(enc)), class: 'float' as const, encoding: enc, allocatable: enc !== 31 })),
]);

