/**
 * x86_64 register file as data: general-purpose, SSE, control and segment registers,
 * with their hardware encodings (the 4-bit number split over ModRM/SIB and REX).
 *
 * GPRs are width-neutral: an instruction's operand size picks the name and encoding
 * (`rax`/`eax`/`ax`/`al`). The legacy high-byte registers ah/ch/dh/bh are separate
 * values because they share encodings 4–7 with spl/bpl/sil/dil and exist only without REX.
 */

export type Size = 8 | 16 | 32 | 64;

export interface Gpr {
  readonly kind: 'gpr';
  /** Hardware number 0–15; bit 3 goes into REX.R/X/B. */
  readonly enc: number;
  /** Name at each operand size (for ah..bh only the 8-bit name exists). */
  readonly names: Readonly<Partial<Record<Size, string>>>;
  /** ah/ch/dh/bh: encodable only in 8-bit operations without a REX prefix. */
  readonly high8: boolean;
}

export interface Xmm {
  readonly kind: 'xmm';
  readonly enc: number;
  readonly name: string;
}

export interface ControlReg {
  readonly kind: 'cr';
  readonly enc: number;
  readonly name: string;
}

export interface SegmentReg {
  readonly kind: 'seg';
  readonly enc: number;
  readonly name: string;
}

export type Register = Gpr | Xmm | ControlReg | SegmentReg;

const gprNames: readonly (readonly [string, string, string, string])[] = [
  ['rax', 'eax', 'ax', 'al'],
  ['rcx', 'ecx', 'cx', 'cl'],
  ['rdx', 'edx', 'dx', 'dl'],
  ['rbx', 'ebx', 'bx', 'bl'],
  ['rsp', 'esp', 'sp', 'spl'],
  ['rbp', 'ebp', 'bp', 'bpl'],
  ['rsi', 'esi', 'si', 'sil'],
  ['rdi', 'edi', 'di', 'dil'],
  ...[8, 9, 10, 11, 12, 13, 14, 15].map((n) => [`r${n}`, `r${n}d`, `r${n}w`, `r${n}b`] as const),
];

/** The 16 general-purpose registers, indexed by encoding. */
export const gprs: readonly Gpr[] = gprNames.map(([n64, n32, n16, n8], enc) =>
  Object.freeze({ kind: 'gpr', enc, names: Object.freeze({ 64: n64, 32: n32, 16: n16, 8: n8 }), high8: false }),
);

export const [rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15] = gprs as [
  Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr, Gpr,
];

function high8(name: string, enc: number): Gpr {
  return Object.freeze({ kind: 'gpr', enc, names: Object.freeze({ 8: name }), high8: true });
}
/** Legacy high-byte registers (bits 8–15 of rax/rcx/rdx/rbx). */
export const ah = high8('ah', 4);
export const ch = high8('ch', 5);
export const dh = high8('dh', 6);
export const bh = high8('bh', 7);

/** The 16 SSE registers, indexed by encoding. */
export const xmms: readonly Xmm[] = Array.from({ length: 16 }, (_, enc) => Object.freeze({ kind: 'xmm', enc, name: `xmm${enc}` }));

export const [xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7, xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15] = xmms as [
  Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm, Xmm,
];

function controlReg(enc: number): ControlReg {
  return Object.freeze({ kind: 'cr', enc, name: `cr${enc}` });
}
/** Control registers used by boot code (cr8 is the task-priority register, needs REX.R). */
export const cr0 = controlReg(0);
export const cr2 = controlReg(2);
export const cr3 = controlReg(3);
export const cr4 = controlReg(4);
export const cr8 = controlReg(8);

/** Segment registers, indexed by encoding. */
export const segmentRegs: readonly SegmentReg[] = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'].map((name, enc) =>
  Object.freeze({ kind: 'seg', enc, name }),
);
export const [es, cs, ss, ds, fs, gs] = segmentRegs as [SegmentReg, SegmentReg, SegmentReg, SegmentReg, SegmentReg, SegmentReg];

export interface RegisterClass<R> {
  readonly name: string;
  /** Width of one register in bits. */
  readonly bits: number;
  readonly regs: readonly R[];
}

/** Register classes the allocator works with: integer/pointer values and scalar floats. */
export const registerClasses = Object.freeze({
  gpr: Object.freeze({ name: 'gpr', bits: 64, regs: gprs }) as RegisterClass<Gpr>,
  xmm: Object.freeze({ name: 'xmm', bits: 128, regs: xmms }) as RegisterClass<Xmm>,
});

/** The name of a GPR at an operand size, e.g. `gprName(r9, 32)` is `r9d`. */
export function gprName(reg: Gpr, size: Size): string {
  const name = reg.names[size];
  if (name === undefined) throw new Error(`${reg.names[8]} has no ${size}-bit form`);
  return name;
}

const byName = new Map<string, { readonly reg: Register; readonly size?: Size }>();
for (const reg of [...gprs, ah, ch, dh, bh]) {
  for (const [size, name] of Object.entries(reg.names)) byName.set(name, { reg, size: Number(size) as Size });
}
for (const reg of [...xmms, cr0, cr2, cr3, cr4, cr8, ...segmentRegs]) byName.set(reg.name, { reg });

/**
 * A register by any of its names, with the operand size the name implies for GPRs
 * (`r9d` is r9 at 32 bits). For front ends that spell registers as strings.
 */
export function lookupRegister(name: string): { readonly reg: Register; readonly size?: Size } | undefined {
  return byName.get(name);
}
