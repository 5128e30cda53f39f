// Interrupt controllers: the legacy 8259 PICs masked, the I/O APIC routing the lines we
// use, and the local APIC kept in xAPIC mode (the platform's interrupt stubs acknowledge
// with an xAPIC MMIO write to EOI) with its one-shot timer.
import { mmio_load32, mmio_store32, msr_read, port_out8 } from "./intrinsics";

export const LAPIC_BASE: u64 = 0xfee0_0000;
export const IOAPIC_BASE: u64 = 0xfec0_0000;

/** Vectors the platform's stubs handle as interrupts. */
export const TIMER_VECTOR: u32 = 0x20;
export const GSI_VECTOR_BASE: u32 = 0x30;
export const SPURIOUS_VECTOR: u32 = 0xff;

// Local APIC registers (offsets from its base).
const LAPIC_ID: u64 = 0x20;
const LAPIC_TPR: u64 = 0x80;
const LAPIC_SVR: u64 = 0xf0;
const LAPIC_LVT_TIMER: u64 = 0x320;
const LAPIC_LVT_LINT0: u64 = 0x350;
const LAPIC_TIMER_INITIAL: u64 = 0x380;
const LAPIC_TIMER_CURRENT: u64 = 0x390;
const LAPIC_TIMER_DIVIDE: u64 = 0x3e0;
const LVT_MASKED: u32 = 1 << 16;

const IA32_APIC_BASE: u32 = 0x1b;
const APIC_GLOBAL_ENABLE: u64 = 1 << 11;
const APIC_X2APIC: u64 = 1 << 10;

function lapicRead(reg: u64): u32 {
  return mmio_load32(LAPIC_BASE + reg);
}

function lapicWrite(reg: u64, value: u32): void {
  mmio_store32(LAPIC_BASE + reg, value);
}

function ioapicRead(reg: u32): u32 {
  mmio_store32(IOAPIC_BASE, reg);
  return mmio_load32(IOAPIC_BASE + 0x10);
}

function ioapicWrite(reg: u32, value: u32): void {
  mmio_store32(IOAPIC_BASE, reg);
  mmio_store32(IOAPIC_BASE + 0x10, value);
}

/** Why the local APIC cannot be used, or null: the stubs need it enabled and in xAPIC mode. */
export function lapicProblem(): string | null {
  const base = msr_read(IA32_APIC_BASE);
  if ((base & APIC_GLOBAL_ENABLE) == 0) return "the local APIC is disabled (IA32_APIC_BASE)";
  if ((base & APIC_X2APIC) != 0) return "the local APIC is in x2APIC mode; the interrupt stubs need xAPIC";
  if ((base & 0xf_ffff_f000) != LAPIC_BASE) return "the local APIC is not at 0xfee00000";
  return null;
}

/**
 * Masks both PICs (their lines go through the I/O APIC instead) and every I/O APIC line,
 * enables the local APIC with the spurious vector, and leaves its timer masked.
 */
export function interruptsInit(): void {
  port_out8(0x21, 0xff);
  port_out8(0xa1, 0xff);

  const entries = ((ioapicRead(1) >> 16) & 0xff) + 1;
  for (let gsi: u32 = 0; gsi < entries; gsi++) {
    ioapicWrite(0x10 + 2 * gsi, LVT_MASKED | (GSI_VECTOR_BASE + gsi));
    ioapicWrite(0x11 + 2 * gsi, 0);
  }

  lapicWrite(LAPIC_TPR, 0);
  lapicWrite(LAPIC_LVT_LINT0, LVT_MASKED); // the PIC's ExtINT path, unused
  lapicWrite(LAPIC_SVR, 0x100 | SPURIOUS_VECTOR);
  lapicWrite(LAPIC_TIMER_DIVIDE, 0x3); // divide by 16
  lapicWrite(LAPIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
  lapicWrite(LAPIC_TIMER_INITIAL, 0);
}

/** Routes an I/O APIC line (edge-triggered, active high: ISA interrupts) to vector 0x30 + gsi on this CPU. */
export function routeGsi(gsi: u32): void {
  const apicId = lapicRead(LAPIC_ID) >> 24;
  ioapicWrite(0x11 + 2 * gsi, apicId << 24);
  ioapicWrite(0x10 + 2 * gsi, GSI_VECTOR_BASE + gsi);
}

/** Starts the timer counting down from `count` (masked: for calibration, no interrupt). */
export function timerStartMasked(count: u32): void {
  lapicWrite(LAPIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
  lapicWrite(LAPIC_TIMER_INITIAL, count);
}

/** One interrupt on vector 0x20 after `count` timer ticks. */
export function timerOneShot(count: u32): void {
  lapicWrite(LAPIC_LVT_TIMER, TIMER_VECTOR);
  lapicWrite(LAPIC_TIMER_INITIAL, count);
}

export function timerCurrent(): u32 {
  return lapicRead(LAPIC_TIMER_CURRENT);
}

/** Stops the timer (an initial count of 0 disarms it). */
export function timerStop(): void {
  lapicWrite(LAPIC_TIMER_INITIAL, 0);
  lapicWrite(LAPIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
}
