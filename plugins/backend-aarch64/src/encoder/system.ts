/**
 * System instructions: exceptions (svc, hvc, brk, udf), hints (nop, yield, wfi, wfe),
 * barriers (dmb, dsb with their option, isb), system registers (mrs, msr by register,
 * msr daifset/daifclr), eret.
 */
import type { Gpr } from '../registers.js';
import { systemRegisters, type SystemRegister } from '../registers.js';
import { EncodingError, r, unsignedField } from './operands.js';

export type ExceptionOp = 'svc' | 'hvc' | 'smc' | 'brk';
const EXC: Record<ExceptionOp, number> = { svc: 0xd400_0001, hvc: 0xd400_0002, smc: 0xd400_0003, brk: 0xd420_0000 };
export function exception(op: ExceptionOp, imm16: number): number {
  return (EXC[op] | (unsignedField(op, imm16, 16) << 5)) >>> 0;
}

/** udf #imm16: permanently undefined (traps). */
export function udf(imm16: number): number {
  return unsignedField('udf', imm16, 16);
}

export type HintOp = 'nop' | 'yield' | 'wfe' | 'wfi' | 'sev' | 'sevl';
export const hintOps: readonly HintOp[] = ['nop', 'yield', 'wfe', 'wfi', 'sev', 'sevl'];
const HINT: Record<HintOp, number> = { nop: 0, yield: 1, wfe: 2, wfi: 3, sev: 4, sevl: 5 };
export function hint(op: HintOp): number {
  return (0xd503_201f | (HINT[op] << 5)) >>> 0;
}

export const ERET = 0xd69f_03e0;

/** Barrier domains and access types (the CRm field of dmb/dsb). */
export const barrierOptions = Object.freeze({ oshld: 1, oshst: 2, osh: 3, nshld: 5, nshst: 6, nsh: 7, ishld: 9, ishst: 10, ish: 11, ld: 13, st: 14, sy: 15 } as const);
export type BarrierOption = keyof typeof barrierOptions;

export function barrier(op: 'dmb' | 'dsb', option: BarrierOption): number {
  const crm = (barrierOptions as Record<string, number>)[option];
  if (crm === undefined) throw new EncodingError(op, `unknown barrier option '${String(option)}'`);
  return ((op === 'dmb' ? 0xd503_30bf : 0xd503_309f) | (crm << 8)) >>> 0;
}

export const ISB = 0xd503_3fdf;

function sysregOf(mnemonic: string, reg: string | SystemRegister): SystemRegister {
  if (typeof reg !== 'string') return reg;
  const found = systemRegisters[reg.toLowerCase()];
  if (!found) throw new EncodingError(mnemonic, `unknown system register '${reg}'`);
  return found;
}

function sysregField(s: SystemRegister): number {
  return ((s.op0 - 2) << 19) | (s.op1 << 16) | (s.crn << 12) | (s.crm << 8) | (s.op2 << 5);
}

export function mrs(rt: Gpr, reg: string | SystemRegister): number {
  return (0xd530_0000 | sysregField(sysregOf('mrs', reg)) | r('mrs', rt, 'zr')) >>> 0;
}

export function msr(reg: string | SystemRegister, rt: Gpr): number {
  return (0xd510_0000 | sysregField(sysregOf('msr', reg)) | r('msr', rt, 'zr')) >>> 0;
}

/** msr daifset/daifclr, #mask (bit 1 = IRQ, 0 = FIQ, 2 = SError, 3 = debug). */
export function msrDaif(set: boolean, mask: number): number {
  const crm = unsignedField(set ? 'msr daifset' : 'msr daifclr', mask, 4, 'mask');
  return (0xd503_401f | (3 << 16) | (crm << 8) | ((set ? 6 : 7) << 5)) >>> 0;
}
