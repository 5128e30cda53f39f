/**
 * aarch64 register file as data: the 31 general-purpose registers x0–x30, the stack
 * pointer and the zero register (both encoded as 31; the instruction decides which one
 * register number 31 means), the 32 SIMD/FP registers v0–v31, and the system registers
 * the kernel intrinsics read and write.
 *
 * GPRs are width-neutral: an instruction's operand size picks the name (`x3` / `w3`).
 * FP registers likewise (`d3` / `s3`): the float type of the instruction picks it.
 */

export type Size = 32 | 64;

export interface Gpr {
  readonly kind: 'gpr';
  /** Hardware number 0–31. */
  readonly enc: number;
  /** x0–x30, or the two meanings of number 31. */
  readonly role: 'reg' | 'sp' | 'zr';
}

export interface FpReg {
  readonly kind: 'fp';
  readonly enc: number;
}

export type Register = Gpr | FpReg;

/** x0–x30, indexed by encoding. */
export const gprs: readonly Gpr[] = Array.from({ length: 31 }, (_, enc) => Object.freeze({ kind: 'gpr' as const, enc, role: 'reg' as const }));
export const sp: Gpr = Object.freeze({ kind: 'gpr', enc: 31, role: 'sp' });
export const xzr: Gpr = Object.freeze({ kind: 'gpr', enc: 31, role: 'zr' });

export const [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x18, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30] =
  gprs as [Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr];
/** The frame pointer and link register by their roles. */
export const fp = x29;
export const lr = x30;

/** v0–v31, indexed by encoding. */
export const fpRegs: readonly FpReg[] = Array.from({ length: 32 }, (_, enc) => Object.freeze({ kind: 'fp' as const, enc }));
export const [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25, v26, v27, v28, v29, v30, v31] =
  fpRegs as [FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg, FpReg];

/** The name of a GPR at an operand size: `x3`/`w3`, `sp`/`wsp`, `xzr`/`wzr`. */
export function gprName(reg: Gpr, size: Size): string {
  if (reg.role === 'sp') return size === 64 ? 'sp' : 'wsp';
  if (reg.role === 'zr') return size === 64 ? 'xzr' : 'wzr';
  return `${size === 64 ? 'x' : 'w'}${reg.enc}`;
}

/** The name of an FP register as a scalar of `bits` bits: `b3`, `h3`, `s3`, `d3`, `q3`. */
export function fpName(reg: FpReg, bits: 8 | 16 | 32 | 64 | 128): string {
  const prefix = { 8: 'b', 16: 'h', 32: 's', 64: 'd', 128: 'q' }[bits];
  return `${prefix}${reg.enc}`;
}

/**
 * A system register as MRS/MSR encode it: op0 (2 or 3), op1, CRn, CRm, op2. The kernel
 * intrinsics name the ones they use (@mewz/compiler abi/intrinsics.ts), plus a few that
 * boot and exception code needs.
 */
export interface SystemRegister {
  readonly name: string;
  readonly op0: 2 | 3;
  readonly op1: number;
  readonly crn: number;
  readonly crm: number;
  readonly op2: number;
}

const sysreg = (name: string, op0: 2 | 3, op1: number, crn: number, crm: number, op2: number): SystemRegister =>
  Object.freeze({ name, op0, op1, crn, crm, op2 });

export const systemRegisters: Readonly<Record<string, SystemRegister>> = Object.freeze(
  Object.fromEntries(
    [
      sysreg('cntfrq_el0', 3, 3, 14, 0, 0),
      sysreg('cntpct_el0', 3, 3, 14, 0, 1),
      sysreg('cntvct_el0', 3, 3, 14, 0, 2),
      sysreg('cntv_ctl_el0', 3, 3, 14, 3, 1),
      sysreg('cntv_cval_el0', 3, 3, 14, 3, 2),
      sysreg('esr_el1', 3, 0, 5, 2, 0),
      sysreg('far_el1', 3, 0, 6, 0, 0),
      sysreg('elr_el1', 3, 0, 4, 0, 1),
      sysreg('spsr_el1', 3, 0, 4, 0, 0),
      sysreg('sp_el0', 3, 0, 4, 1, 0),
      sysreg('currentel', 3, 0, 4, 2, 2),
      sysreg('daif', 3, 3, 4, 2, 1),
      sysreg('mpidr_el1', 3, 0, 0, 0, 5),
      sysreg('vbar_el1', 3, 0, 12, 0, 0),
      sysreg('sctlr_el1', 3, 0, 1, 0, 0),
      sysreg('cpacr_el1', 3, 0, 1, 0, 2),
      sysreg('ttbr0_el1', 3, 0, 2, 0, 0),
      sysreg('ttbr1_el1', 3, 0, 2, 0, 1),
      sysreg('tcr_el1', 3, 0, 2, 0, 2),
      sysreg('mair_el1', 3, 0, 10, 2, 0),
      sysreg('tpidr_el1', 3, 0, 13, 0, 4),
      sysreg('id_aa64isar0_el1', 3, 0, 0, 6, 0),
      sysreg('rndr', 3, 3, 2, 4, 0),
    ].map((r) => [r.name, r]),
  ),
);

/** A register by name (`x3`, `w3` with its size, `sp`, `xzr`, `d5`, `v5`). For front ends that spell registers as strings. */
export function lookupRegister(name: string): { readonly reg: Register; readonly size?: Size } | undefined {
  if (name === 'sp') return { reg: sp, size: 64 };
  if (name === 'wsp') return { reg: sp, size: 32 };
  if (name === 'xzr') return { reg: xzr, size: 64 };
  if (name === 'wzr') return { reg: xzr, size: 32 };
  if (name === 'fp') return { reg: x29, size: 64 };
  if (name === 'lr') return { reg: x30, size: 64 };
  const m = /^([xwvsdbhq])(\d+)$/.exec(name);
  if (!m) return undefined;
  const n = Number(m[2]);
  if (m[1] === 'x' || m[1] === 'w') return n <= 30 ? { reg: gprs[n]!, size: m[1] === 'x' ? 64 : 32 } : undefined;
  return n <= 31 ? { reg: fpRegs[n]! } : undefined;
}
