/** Control flow: calls, jumps, conditional jumps, returns, traps and padding. */
import { isLabel, isSymbolRef, type CodeBuffer, type Target } from '@mewz/compiler';
import { condCode, type Cond } from './conditions.js';
import { EncodingError, operandName, emitModRM, isGpr, isMem, unsignedImmediate, type RM } from './operands.js';

/** Record a rel32 field at the current position referring to `target` (the field is last in the instruction). */
function rel32(buf: CodeBuffer, target: Target): void {
  const addend = (isSymbolRef(target) ? BigInt(target.addend ?? 0) : 0n) - 4n;
  buf.addFixup({ offset: buf.length, type: 'pc32', target, addend });
  buf.u32(0);
}

function isTarget(x: unknown): x is Target {
  return isLabel(x) || isSymbolRef(x);
}

/** `call target`: rel32 to a label or symbol, or indirect through a register/memory. */
export function call(buf: CodeBuffer, target: Target | RM): void {
  if (isTarget(target)) {
    buf.u8(0xe8);
    rel32(buf, target);
  } else if (isGpr(target) || isMem(target)) {
    emitModRM(buf, { mnemonic: 'call', opcode: [0xff], reg: 2, rm: target });
  } else {
    throw new EncodingError('call', `target ${operandName(target)} must be a label, symbol, register or memory`);
  }
}

/** `jmp target` with a rel32 (labels usually go through the assembler, which can relax them). */
export function jmpRel32(buf: CodeBuffer, target: Target): void {
  buf.u8(0xe9);
  rel32(buf, target);
}

/** `jcc target` with a rel32. */
export function jccRel32(buf: CodeBuffer, cc: Cond, target: Target): void {
  buf.bytes([0x0f, 0x80 + condCode('jcc', cc)]);
  rel32(buf, target);
}

/** `jmp reg` / `jmp [mem]` (64-bit target). */
export function jmpIndirect(buf: CodeBuffer, target: RM): void {
  if (!isGpr(target) && !isMem(target)) throw new EncodingError('jmp', `target ${operandName(target)} must be a label, symbol, register or memory`);
  emitModRM(buf, { mnemonic: 'jmp', opcode: [0xff], reg: 4, rm: target });
}

/** Encoded length of a direct jump: short (rel8) or near (rel32). */
export function jumpSize(cc: Cond | undefined, short: boolean): number {
  if (short) return 2;
  return cc === undefined ? 5 : 6;
}

/** A direct jmp/jcc with a known displacement (from the end of the instruction). */
export function jumpWithDisp(buf: CodeBuffer, cc: Cond | undefined, short: boolean, disp: number): void {
  if (short) {
    if (disp < -128 || disp > 127) throw new EncodingError(cc === undefined ? 'jmp' : `j${cc}`, `displacement ${disp} does not fit rel8`);
    buf.bytes([cc === undefined ? 0xeb : 0x70 + condCode('jcc', cc), disp & 0xff]);
  } else {
    if (cc === undefined) buf.u8(0xe9);
    else buf.bytes([0x0f, 0x80 + condCode('jcc', cc)]);
    buf.u32(disp);
  }
}

/** `ret`, or `ret imm16` popping extra bytes. */
export function ret(buf: CodeBuffer, pop = 0): void {
  if (pop === 0) buf.u8(0xc3);
  else {
    buf.u8(0xc2);
    buf.u16(unsignedImmediate('ret', pop, 16, 'byte count'));
  }
}

/** The recommended multi-byte NOP forms (Intel SDM vol. 2B, "NOP"), by length 1–9. */
const nops: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

/** Exactly `length` bytes of NOPs, as few instructions as possible. */
export function nop(buf: CodeBuffer, length = 1): void {
  if (!Number.isInteger(length) || length < 0) throw new EncodingError('nop', `length ${length} must be a non-negative integer`);
  for (let left = length; left > 0; ) {
    const n = Math.min(left, nops.length - 1);
    buf.bytes(nops[n]!);
    left -= n;
  }
}

export function ud2(buf: CodeBuffer): void {
  buf.bytes([0x0f, 0x0b]);
}

export function int3(buf: CodeBuffer): void {
  buf.u8(0xcc);
}

/** `int n` (software interrupt). */
export function int(buf: CodeBuffer, vector: number): void {
  buf.bytes([0xcd, unsignedImmediate('int', vector, 8, 'vector')]);
}
