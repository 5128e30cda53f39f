/** SSE2 / SSE4.1 scalar floating point, bitwise ops on xmm, and gpr<->xmm moves. */
import type { CodeBuffer } from '@mewz/compiler';
import type { Gpr, Xmm } from '../registers.js';
import {
  EncodingError,
  checkSize,
  operandName,
  emitModRM,
  expectGpr,
  expectRM,
  expectXmm,
  expectXmmOrMem,
  isMem,
  isXmm,
  type MemOperand,
  type RM,
} from './operands.js';

interface SseOpcode {
  /** Mandatory prefix (0x66, 0xf2, 0xf3) or none. */
  readonly prefix?: number;
  readonly opcode: number;
}

/** Two-operand `op xmm, xmm/mem` instructions: all take the 0f-map opcode with a ModRM. */
export const sseOps = Object.freeze({
  addss: { prefix: 0xf3, opcode: 0x58 },
  addsd: { prefix: 0xf2, opcode: 0x58 },
  mulss: { prefix: 0xf3, opcode: 0x59 },
  mulsd: { prefix: 0xf2, opcode: 0x59 },
  subss: { prefix: 0xf3, opcode: 0x5c },
  subsd: { prefix: 0xf2, opcode: 0x5c },
  divss: { prefix: 0xf3, opcode: 0x5e },
  divsd: { prefix: 0xf2, opcode: 0x5e },
  minss: { prefix: 0xf3, opcode: 0x5d },
  minsd: { prefix: 0xf2, opcode: 0x5d },
  maxss: { prefix: 0xf3, opcode: 0x5f },
  maxsd: { prefix: 0xf2, opcode: 0x5f },
  sqrtss: { prefix: 0xf3, opcode: 0x51 },
  sqrtsd: { prefix: 0xf2, opcode: 0x51 },
  cvtss2sd: { prefix: 0xf3, opcode: 0x5a },
  cvtsd2ss: { prefix: 0xf2, opcode: 0x5a },
  ucomiss: { opcode: 0x2e },
  ucomisd: { prefix: 0x66, opcode: 0x2e },
  comiss: { opcode: 0x2f },
  comisd: { prefix: 0x66, opcode: 0x2f },
  andps: { opcode: 0x54 },
  andpd: { prefix: 0x66, opcode: 0x54 },
  andnps: { opcode: 0x55 },
  andnpd: { prefix: 0x66, opcode: 0x55 },
  orps: { opcode: 0x56 },
  orpd: { prefix: 0x66, opcode: 0x56 },
  xorps: { opcode: 0x57 },
  xorpd: { prefix: 0x66, opcode: 0x57 },
  pxor: { prefix: 0x66, opcode: 0xef },
  pand: { prefix: 0x66, opcode: 0xdb },
  por: { prefix: 0x66, opcode: 0xeb },
} satisfies Record<string, SseOpcode>);
export type SseOp = keyof typeof sseOps;

function lookup<T>(table: Record<string, T>, op: string, family: string): T {
  const entry = table[op];
  if (entry === undefined) throw new EncodingError(String(op), `not a ${family} instruction (one of ${Object.keys(table).join(', ')})`);
  return entry;
}

function prefixes(p: number | undefined): number[] {
  return p === undefined ? [] : [p];
}

export function sse(buf: CodeBuffer, op: SseOp, dst: Xmm, src: Xmm | MemOperand): void {
  const e: SseOpcode = lookup(sseOps, op, 'SSE');
  expectXmm(op, dst, 'destination');
  expectXmmOrMem(op, src, 'source');
  emitModRM(buf, { mnemonic: op, prefixes: prefixes(e.prefix), opcode: [0x0f, e.opcode], reg: dst, rm: src });
}

interface SseMoveOpcode {
  readonly prefix?: number;
  readonly load: number;
  readonly store: number;
}

/** Moves between xmm registers and memory: `load` is xmm ← xmm/mem, `store` is mem ← xmm. */
export const sseMoveOps = Object.freeze({
  movss: { prefix: 0xf3, load: 0x10, store: 0x11 },
  movsd: { prefix: 0xf2, load: 0x10, store: 0x11 },
  movups: { load: 0x10, store: 0x11 },
  movupd: { prefix: 0x66, load: 0x10, store: 0x11 },
  movaps: { load: 0x28, store: 0x29 },
  movapd: { prefix: 0x66, load: 0x28, store: 0x29 },
  movdqa: { prefix: 0x66, load: 0x6f, store: 0x7f },
  movdqu: { prefix: 0xf3, load: 0x6f, store: 0x7f },
  // movq xmm, xmm/m64 zeroes the upper half; the store form is a different opcode.
  movq: { prefix: 0xf3, load: 0x7e, store: 0xd6, storePrefix: 0x66 },
} satisfies Record<string, SseMoveOpcode & { storePrefix?: number }>);
export type SseMoveOp = keyof typeof sseMoveOps;

export function sseMove(buf: CodeBuffer, op: SseMoveOp, dst: Xmm | MemOperand, src: Xmm | MemOperand): void {
  const e: SseMoveOpcode & { storePrefix?: number } = lookup(sseMoveOps, op, 'SSE move');
  if (isXmm(dst)) {
    expectXmmOrMem(op, src, 'source');
    emitModRM(buf, { mnemonic: op, prefixes: prefixes(e.prefix), opcode: [0x0f, e.load], reg: dst, rm: src });
  } else if (isMem(dst)) {
    const reg = expectXmm(op, src, 'source of a store');
    emitModRM(buf, { mnemonic: op, prefixes: prefixes(e.storePrefix ?? e.prefix), opcode: [0x0f, e.store], reg, rm: dst });
  } else {
    throw new EncodingError(op, `destination ${operandName(dst)} must be an xmm register or memory`);
  }
}

/** movd (32) / movq (64) between an xmm register and a GPR or memory. */
export function movGprXmm(buf: CodeBuffer, size: 32 | 64, dst: Xmm | RM, src: Xmm | RM): void {
  const mnemonic = size === 64 ? 'movq' : 'movd';
  checkSize(mnemonic, size, [32, 64]);
  const w = size === 64;
  if (isXmm(dst)) {
    expectRM(mnemonic, src, 'source');
    emitModRM(buf, { mnemonic, prefixes: [0x66], w, opcode: [0x0f, 0x6e], reg: dst, rm: src as RM });
  } else if (isXmm(src)) {
    expectRM(mnemonic, dst, 'destination');
    emitModRM(buf, { mnemonic, prefixes: [0x66], w, opcode: [0x0f, 0x7e], reg: src, rm: dst });
  } else {
    throw new EncodingError(mnemonic, 'one operand must be an xmm register and the other a general-purpose register or memory');
  }
}

export const intToFloatOps = Object.freeze({ cvtsi2ss: 0xf3, cvtsi2sd: 0xf2 });
export type IntToFloatOp = keyof typeof intToFloatOps;

/** Signed integer (32/64-bit GPR or memory) to float. */
export function cvtIntToFloat(buf: CodeBuffer, op: IntToFloatOp, srcSize: 32 | 64, dst: Xmm, src: RM): void {
  const prefix = lookup(intToFloatOps, op, 'int-to-float conversion');
  checkSize(op, srcSize, [32, 64]);
  expectXmm(op, dst, 'destination');
  expectRM(op, src, 'source');
  emitModRM(buf, { mnemonic: op, prefixes: [prefix], w: srcSize === 64, opcode: [0x0f, 0x2a], reg: dst, rm: src });
}

/** Float to signed integer: the cvtt* forms truncate, cvt* use the MXCSR rounding mode. */
export const floatToIntOps = Object.freeze({
  cvttss2si: { prefix: 0xf3, opcode: 0x2c },
  cvttsd2si: { prefix: 0xf2, opcode: 0x2c },
  cvtss2si: { prefix: 0xf3, opcode: 0x2d },
  cvtsd2si: { prefix: 0xf2, opcode: 0x2d },
});
export type FloatToIntOp = keyof typeof floatToIntOps;

export function cvtFloatToInt(buf: CodeBuffer, op: FloatToIntOp, dstSize: 32 | 64, dst: Gpr, src: Xmm | MemOperand): void {
  const e = lookup(floatToIntOps, op, 'float-to-int conversion');
  checkSize(op, dstSize, [32, 64]);
  expectGpr(op, dst, 'destination');
  expectXmmOrMem(op, src, 'source');
  emitModRM(buf, { mnemonic: op, prefixes: [e.prefix], w: dstSize === 64, opcode: [0x0f, e.opcode], reg: dst, rm: src });
}

/** SSE4.1 rounding; `mode` is the imm8 (0 nearest, 1 down, 2 up, 3 truncate; +4 uses MXCSR; +8 suppresses inexact). */
export const roundOps = Object.freeze({ roundss: 0x0a, roundsd: 0x0b });
export type RoundOp = keyof typeof roundOps;

export function round(buf: CodeBuffer, op: RoundOp, dst: Xmm, src: Xmm | MemOperand, mode: number): void {
  const opcode = lookup(roundOps, op, 'rounding');
  expectXmm(op, dst, 'destination');
  expectXmmOrMem(op, src, 'source');
  // Bits 4–7 of the immediate are reserved.
  if (!Number.isInteger(mode) || mode < 0 || mode > 15) throw new EncodingError(op, `rounding mode ${mode} is not 0–15`);
  const imm = mode;
  emitModRM(buf, { mnemonic: op, prefixes: [0x66], opcode: [0x0f, 0x3a, opcode], reg: dst, rm: src, imm: { value: BigInt(imm), size: 1 } });
}
