// The GICv2 of QEMU's virt machine: distributor at 0x08000000, CPU interface at
// 0x08010000. Interrupts only wake `wfi` (the CPU keeps IRQs masked); machine_wait
// acknowledges what woke it.
import { mmio_load32, mmio_store32, mmio_store8 } from "./intrinsics";

const GICD: u64 = 0x0800_0000;
const GICC: u64 = 0x0801_0000;
const GICD_CTLR: u64 = 0x000;
const GICD_TYPER: u64 = 0x004;
const GICD_ISENABLER: u64 = 0x100;
const GICD_IPRIORITYR: u64 = 0x400;
const GICD_ITARGETSR: u64 = 0x800;
const GICC_CTLR: u64 = 0x000;
const GICC_PMR: u64 = 0x004;
const GICC_IAR: u64 = 0x00c;
const GICC_EOIR: u64 = 0x010;
const SPURIOUS: u32 = 1020;

/** The virtual timer's PPI (11 on virt: INTID 27). */
export const VTIMER_INTID: u32 = 27;

export function gicInit(): void {
  mmio_store32(GICD + GICD_CTLR, 1);
  mmio_store32(GICC + GICC_PMR, 0xff);
  mmio_store32(GICC + GICC_CTLR, 1);
}

/** Whether a distributor answers (its TYPER reads 0xffffffff or 0 where nothing is). */
export function gicPresent(): bool {
  const typer = mmio_load32(GICD + GICD_TYPER);
  return typer != 0xffff_ffff;
}

export function gicEnable(intid: u32): void {
  mmio_store8(GICD + GICD_IPRIORITYR + <u64>intid, 0x80);
  if (intid >= 32) mmio_store8(GICD + GICD_ITARGETSR + <u64>intid, 1);
  mmio_store32(GICD + GICD_ISENABLER + 4 * <u64>(intid / 32), 1 << (intid % 32));
}

/** Acknowledges and ends every pending interrupt (QEMU's GIC keeps a level interrupt pending until acknowledged). */
export function gicAcknowledgeAll(): void {
  for (let i = 0; i < 64; i++) {
    const iar = mmio_load32(GICC + GICC_IAR);
    if ((iar & 0x3ff) >= SPURIOUS) return;
    mmio_store32(GICC + GICC_EOIR, iar);
  }
}
