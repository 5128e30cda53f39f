import type { IrType } from '../ir/types.js';
import type { BuiltinName } from './builtins.js';

/**
 * The single list of intrinsics: privileged operations that trusted (kernel) code imports
 * from the module `mewz:intrinsics` and that compiled code performs without a call into a
 * runtime. Every backend implements the entries of its ISA and passes the same
 * conformance test for them.
 *
 * - `inline` entries become IR `intrinsic` instructions (`sym` is the name, operands and
 *   results as below) that the backend lowers to a few instructions in place.
 * - `builtin` entries become plain calls of the runtime builtin of that name (see
 *   builtins.ts): nothing for a backend to do.
 *
 * `isa` limits an entry to one ISA (ports and control registers exist only on x86_64);
 * an entry without it exists on every ISA. Addresses are native 64-bit addresses, never
 * offsets into a linear memory. Append only: kernels compiled against the list keep working.
 */
export interface IntrinsicInfo {
  readonly params: readonly IrType[];
  readonly results: readonly IrType[];
  readonly lowering: 'inline' | 'builtin';
  readonly isa?: 'x86_64' | 'aarch64';
  /** What it does, for the conformance test and for kernel authors. */
  readonly doc: string;
}

const inline = (params: IrType[], results: IrType[], doc: string, isa?: IntrinsicInfo['isa']): IntrinsicInfo => ({
  params,
  results,
  lowering: 'inline',
  doc,
  ...(isa ? { isa } : {}),
});

const syscall = (n: number): IntrinsicInfo =>
  inline(
    Array.from({ length: n + 1 }, (): IrType => 'i64'),
    ['i64'],
    `Linux system call: number, then ${n} argument${n === 1 ? '' : 's'}; the raw result (negative errno on failure). ` +
      'x86_64: syscall (rax, rdi, rsi, rdx, r10, r8, r9; rcx and r11 clobbered); aarch64: svc #0 (x8, x0–x5).',
  );

/** Module name of every intrinsic import. */
export const INTRINSICS_MODULE = 'mewz:intrinsics';

export const INTRINSICS = {
  // ---- every ISA, every platform ----
  stack_pointer: inline([], ['i64'], 'The native stack pointer (function prologues compare it with the stack limit).'),
  cycle_counter: inline([], ['i64'], 'A free-running cycle counter: rdtsc on x86_64, cntvct_el0 on aarch64.'),
  cycle_counter_frequency: inline([], ['i64'], 'Ticks per second of cycle_counter when the ISA can tell (cntfrq_el0); 0 on x86_64 (calibrate).'),
  fence: inline([], [], 'Full memory fence: mfence on x86_64, dmb sy on aarch64.'),
  fence_load: inline([], [], 'Loads before it complete before loads after it: lfence / dmb ishld.'),
  fence_store: inline([], [], 'Stores before it complete before stores after it: sfence / dmb ishst.'),
  spin_hint: inline([], [], 'Inside a busy-wait loop: pause on x86_64, yield on aarch64.'),
  halt: inline([], [], 'Stops the CPU until the next interrupt: hlt on x86_64, wfi on aarch64.'),
  interrupts_enable: inline([], [], 'sti on x86_64, msr daifclr, #2 on aarch64.'),
  interrupts_disable: inline([], [], 'cli on x86_64, msr daifset, #2 on aarch64.'),
  page_table_sync: inline([], [], 'After writing page-table entries, before relying on the new mappings: nothing on x86_64 (table walks see earlier stores), dsb ishst; isb on aarch64.'),

  // Device memory: a volatile access of the given width at a native address, never merged,
  // removed or reordered with other intrinsics.
  mmio_load8: inline(['i64'], ['i32'], 'Volatile 8-bit load at a native address, zero-extended.'),
  mmio_load16: inline(['i64'], ['i32'], 'Volatile 16-bit load at a native address, zero-extended.'),
  mmio_load32: inline(['i64'], ['i32'], 'Volatile 32-bit load at a native address.'),
  mmio_load64: inline(['i64'], ['i64'], 'Volatile 64-bit load at a native address.'),
  mmio_store8: inline(['i64', 'i32'], [], 'Volatile 8-bit store (low byte of the value) at a native address.'),
  mmio_store16: inline(['i64', 'i32'], [], 'Volatile 16-bit store (low half of the value) at a native address.'),
  mmio_store32: inline(['i64', 'i32'], [], 'Volatile 32-bit store at a native address.'),
  mmio_store64: inline(['i64', 'i64'], [], 'Volatile 64-bit store at a native address.'),

  // Bulk copies between native addresses (outside the kernel's own window: an app's linear
  // memory, the process stack); the platform's assembly builtins do the work.
  memmove: { params: ['i64', 'i64', 'i64'], results: [], lowering: 'builtin', doc: 'memmove(dst, src, n) on native addresses; the ranges may overlap.' },
  memset: { params: ['i64', 'i32', 'i64'], results: [], lowering: 'builtin', doc: 'memset(dst, byte, n) on native addresses.' },

  // ---- linux platform: system calls ----
  syscall0: syscall(0),
  syscall1: syscall(1),
  syscall2: syscall(2),
  syscall3: syscall(3),
  syscall4: syscall(4),
  syscall5: syscall(5),
  syscall6: syscall(6),

  // ---- x86_64 ----
  port_in8: inline(['i32'], ['i32'], 'in al, dx: one byte from an I/O port, zero-extended.', 'x86_64'),
  port_in16: inline(['i32'], ['i32'], 'in ax, dx: 16 bits from an I/O port, zero-extended.', 'x86_64'),
  port_in32: inline(['i32'], ['i32'], 'in eax, dx: 32 bits from an I/O port.', 'x86_64'),
  port_out8: inline(['i32', 'i32'], [], 'out dx, al: (port, value).', 'x86_64'),
  port_out16: inline(['i32', 'i32'], [], 'out dx, ax: (port, value).', 'x86_64'),
  port_out32: inline(['i32', 'i32'], [], 'out dx, eax: (port, value).', 'x86_64'),
  msr_read: inline(['i32'], ['i64'], 'rdmsr: the model-specific register numbered by the operand (ecx), edx:eax as one value.', 'x86_64'),
  msr_write: inline(['i32', 'i64'], [], 'wrmsr: (register, value).', 'x86_64'),
  cr0_read: inline([], ['i64'], 'mov from cr0.', 'x86_64'),
  cr0_write: inline(['i64'], [], 'mov to cr0.', 'x86_64'),
  cr2_read: inline([], ['i64'], 'mov from cr2 (the faulting address of a page fault).', 'x86_64'),
  cr3_read: inline([], ['i64'], 'mov from cr3 (page-table root).', 'x86_64'),
  cr3_write: inline(['i64'], [], 'mov to cr3 (switches page tables, flushes the TLB).', 'x86_64'),
  cr4_read: inline([], ['i64'], 'mov from cr4.', 'x86_64'),
  cr4_write: inline(['i64'], [], 'mov to cr4.', 'x86_64'),
  invlpg: inline(['i64'], [], 'invlpg [address]: drops one TLB entry.', 'x86_64'),
  cpuid_ab: inline(['i32', 'i32'], ['i64'], 'cpuid (leaf, subleaf): ebx << 32 | eax.', 'x86_64'),
  cpuid_cd: inline(['i32', 'i32'], ['i64'], 'cpuid (leaf, subleaf): edx << 32 | ecx.', 'x86_64'),
  rdrand: inline([], ['i64'], 'rdrand: 64 random bits from the CPU, retried while it reports none ready (up to 10 times), 0 if it never does. Check CPUID.1:ECX bit 30 first: without RDRAND it is an invalid opcode.', 'x86_64'),

  // ---- aarch64: system registers by name ----
  sysreg_read_cntfrq_el0: inline([], ['i64'], 'mrs cntfrq_el0.', 'aarch64'),
  sysreg_read_cntvct_el0: inline([], ['i64'], 'mrs cntvct_el0.', 'aarch64'),
  sysreg_write_cntv_cval_el0: inline(['i64'], [], 'msr cntv_cval_el0.', 'aarch64'),
  sysreg_write_cntv_ctl_el0: inline(['i64'], [], 'msr cntv_ctl_el0.', 'aarch64'),
  sysreg_read_esr_el1: inline([], ['i64'], 'mrs esr_el1 (exception syndrome).', 'aarch64'),
  sysreg_read_far_el1: inline([], ['i64'], 'mrs far_el1 (faulting address).', 'aarch64'),
  sysreg_read_elr_el1: inline([], ['i64'], 'mrs elr_el1.', 'aarch64'),
  sysreg_read_currentel: inline([], ['i64'], 'mrs CurrentEL.', 'aarch64'),
  sysreg_read_mpidr_el1: inline([], ['i64'], 'mrs mpidr_el1.', 'aarch64'),
  sysreg_write_vbar_el1: inline(['i64'], [], 'msr vbar_el1 (exception vectors).', 'aarch64'),
  sysreg_read_sctlr_el1: inline([], ['i64'], 'mrs sctlr_el1.', 'aarch64'),
  sysreg_write_sctlr_el1: inline(['i64'], [], 'msr sctlr_el1, then isb.', 'aarch64'),
  sysreg_write_ttbr0_el1: inline(['i64'], [], 'msr ttbr0_el1, then isb.', 'aarch64'),
  sysreg_write_tcr_el1: inline(['i64'], [], 'msr tcr_el1, then isb.', 'aarch64'),
  sysreg_write_mair_el1: inline(['i64'], [], 'msr mair_el1.', 'aarch64'),
  instruction_barrier: inline([], [], 'isb.', 'aarch64'),
  sysreg_read_id_aa64isar0_el1: inline([], ['i64'], 'mrs id_aa64isar0_el1 (instruction set attributes; bits 63:60 nonzero: RNDR exists).', 'aarch64'),
  sysreg_read_rndr: inline([], ['i64'], 'mrs rndr: 64 random bits, 0 when none could be had (the CPU sets NZCV.Z then). Check id_aa64isar0_el1 first: without FEAT_RNG it is an undefined instruction.', 'aarch64'),
} as const satisfies Record<string, IntrinsicInfo>;

export type IntrinsicName = keyof typeof INTRINSICS;

export function isIntrinsicName(name: string): name is IntrinsicName {
  return Object.prototype.hasOwnProperty.call(INTRINSICS, name);
}

/** The intrinsics a backend for `isa` must lower inline (the `builtin` ones cost it nothing). */
export function inlineIntrinsicsFor(isa: string): IntrinsicName[] {
  return (Object.keys(INTRINSICS) as IntrinsicName[]).filter((name) => {
    const info: IntrinsicInfo = INTRINSICS[name];
    return info.lowering === 'inline' && (info.isa === undefined || info.isa === isa);
  });
}

/** The builtin a `builtin` intrinsic calls. */
export const intrinsicBuiltin = (name: 'memmove' | 'memset'): BuiltinName => name;
