/** Privileged and system instructions used by boot code, trap stubs and kernel intrinsics. */
import type { CodeBuffer } from '@mewz/compiler';
import type { ControlReg, Gpr, Size } from '../registers.js';
import { EncodingError, checkSize, operandName, emitModRM, expectGpr, isGpr, isMem, unsignedImmediate, type MemOperand } from './operands.js';

/** Instructions with only implicit operands, by their bytes. */
export const fixedOps = Object.freeze({
  hlt: [0xf4],
  cli: [0xfa],
  sti: [0xfb],
  cpuid: [0x0f, 0xa2],
  rdtsc: [0x0f, 0x31],
  rdtscp: [0x0f, 0x01, 0xf9],
  rdmsr: [0x0f, 0x32],
  wrmsr: [0x0f, 0x30],
  syscall: [0x0f, 0x05],
  swapgs: [0x0f, 0x01, 0xf8],
  mfence: [0x0f, 0xae, 0xf0],
  lfence: [0x0f, 0xae, 0xe8],
  sfence: [0x0f, 0xae, 0xf8],
  pause: [0xf3, 0x90],
  // Direction flag: string instructions count down (std) or up (cld, what the ABI expects).
  cld: [0xfc],
  std: [0xfd],
  iretq: [0x48, 0xcf],
  // Far return popping rip then cs: how 64-bit code reloads cs after lgdt.
  retfq: [0x48, 0xcb],
  cdqe: [0x48, 0x98],
} satisfies Record<string, readonly number[]>);
export type FixedOp = keyof typeof fixedOps;

export function fixed(buf: CodeBuffer, op: FixedOp): void {
  const bytes = (fixedOps as Record<string, readonly number[]>)[op];
  if (bytes === undefined) throw new EncodingError(String(op), 'unknown instruction');
  buf.bytes(bytes);
}

/** `rdrand r64` (REX.W 0F C7 /6): CF set when the register received random bits. */
export function rdrand(buf: CodeBuffer, dst: Gpr): void {
  const reg = expectGpr('rdrand', dst);
  buf.bytes([0x48 | (reg.enc >> 3), 0x0f, 0xc7, 0xf0 | (reg.enc & 7)]);
}

type Port = number | Gpr;

function portForm(mnemonic: string, size: Size, port: Port): { prefix: number[]; dx: boolean; imm?: number } {
  checkSize(mnemonic, size, [8, 16, 32]);
  const prefix = size === 16 ? [0x66] : [];
  if (typeof port === 'number') return { prefix, dx: false, imm: unsignedImmediate(mnemonic, port, 8, 'port') };
  if (port?.kind === 'gpr' && port.enc === 2 && !port.high8) return { prefix, dx: true };
  throw new EncodingError(mnemonic, `port ${operandName(port, 16)} must be an imm8 or dx (rdx)`);
}

/** `in al/ax/eax, imm8|dx`. */
export function inPort(buf: CodeBuffer, size: Size, port: Port): void {
  const f = portForm('in', size, port);
  const wide = size === 8 ? 0 : 1;
  buf.bytes(f.prefix);
  if (f.dx) buf.u8(0xec + wide);
  else buf.bytes([0xe4 + wide, f.imm!]);
}

/** `out imm8|dx, al/ax/eax`. */
export function outPort(buf: CodeBuffer, size: Size, port: Port): void {
  const f = portForm('out', size, port);
  const wide = size === 8 ? 0 : 1;
  buf.bytes(f.prefix);
  if (f.dx) buf.u8(0xee + wide);
  else buf.bytes([0xe6 + wide, f.imm!]);
}

/** Instructions of the 0f 01 group that take a memory operand. */
export const descriptorOps = Object.freeze({ sgdt: 0, sidt: 1, lgdt: 2, lidt: 3, invlpg: 7 });
export type DescriptorOp = keyof typeof descriptorOps;

export function descriptorTable(buf: CodeBuffer, op: DescriptorOp, m: MemOperand): void {
  const digit = (descriptorOps as Record<string, number>)[op];
  if (digit === undefined) throw new EncodingError(String(op), 'unknown instruction');
  if (!isMem(m)) throw new EncodingError(op, `operand ${operandName(m)} must be memory`);
  emitModRM(buf, { mnemonic: op, opcode: [0x0f, 0x01], reg: digit, rm: m });
}

/** `ltr r/m16`: load the task register with a TSS selector (0f 00 /3). */
export function ltr(buf: CodeBuffer, selector: Gpr | MemOperand): void {
  if (!isGpr(selector) && !isMem(selector)) throw new EncodingError('ltr', `operand ${operandName(selector)} must be a register or memory`);
  emitModRM(buf, { mnemonic: 'ltr', opcode: [0x0f, 0x00], reg: 3, rm: selector });
}

/** `mov crN, r64` or `mov r64, crN` (operand size is always 64 in long mode). */
export function movControl(buf: CodeBuffer, dst: ControlReg | Gpr, src: ControlReg | Gpr): void {
  if (dst?.kind === 'cr') {
    emitModRM(buf, { mnemonic: 'mov', opcode: [0x0f, 0x22], reg: dst, rm: expectGpr('mov', src, 'source') });
  } else if (src?.kind === 'cr') {
    emitModRM(buf, { mnemonic: 'mov', opcode: [0x0f, 0x20], reg: src, rm: expectGpr('mov', dst, 'destination') });
  } else {
    throw new EncodingError('mov', 'one operand must be a control register and the other a general-purpose register');
  }
}

function stringOp(mnemonic: string, buf: CodeBuffer, size: Size, byteOpcode: number): void {
  checkSize(mnemonic, size, [8, 16, 32, 64]);
  buf.u8(0xf3); // rep: repeat rcx times
  if (size === 16) buf.u8(0x66);
  if (size === 64) buf.u8(0x48);
  buf.u8(size === 8 ? byteOpcode : byteOpcode + 1);
}

/** `rep movs{b,w,d,q}`: copy rcx elements from [rsi] to [rdi]. */
export function repMovs(buf: CodeBuffer, size: Size): void {
  stringOp('rep movs', buf, size, 0xa4);
}

/** `rep stos{b,w,d,q}`: store al/ax/eax/rax to rcx elements at [rdi]. */
export function repStos(buf: CodeBuffer, size: Size): void {
  stringOp('rep stos', buf, size, 0xaa);
}
