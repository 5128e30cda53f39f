// The qemu-aarch64 machine component: the `mewz:machine` services of
// docs/kernel-interfaces.md on QEMU's virt machine, and the CPU exception entry
// `mewz_exception` the platform's vectors reach.
import { entryX0, setBootInfo } from "./boot-info";
import { clockInit, monotonicNs, resolutionNs, wallNs } from "./clock";
import { cmdlineAddress, copyCmdline } from "./cmdline";
import { consoleInit, consoleRead, consoleWrite, UART_INTID } from "./console";
import { entropy } from "./entropy";
import { reportException } from "./exception";
import { exitMachine } from "./exit";
import { fdtInit, fdtVirtioBase, fdtVirtioCount } from "./fdt";
import { gicEnable, gicInit, VTIMER_INTID } from "./gic";
import { interrupts_disable } from "./intrinsics";
import { APP_REGION_BASE, APP_REGION_SIZE, map } from "./paging";
import { ramBase, ramCount, ramInit, ramSize } from "./ram";
import { panic } from "./text";
import { wait } from "./wait";

export function machine_init(bootInfo: u64): void {
  interrupts_disable();
  setBootInfo(bootInfo);
  // The console first, so that every later failure can be read.
  consoleInit();
  if (bootInfo == 0) panic("no boot info: the image was not entered through its boot stub");
  if (!fdtInit(entryX0())) panic("no device tree: neither x0 at entry nor the base of RAM holds one");
  if (!ramInit()) panic("the device tree names no usable RAM");
  copyCmdline();
  gicInit();
  gicEnable(VTIMER_INTID);
  gicEnable(UART_INTID);
  if (!clockInit()) panic("the generic timer's frequency (cntfrq_el0) is not set");
}

export function machine_cmdline(): u64 {
  return cmdlineAddress();
}

export function machine_ram_count(): u32 {
  return ramCount();
}

export function machine_ram_base(i: u32): u64 {
  return ramBase(i);
}

export function machine_ram_size(i: u32): u64 {
  return ramSize(i);
}

export function machine_app_region_base(): u64 {
  return APP_REGION_BASE;
}

export function machine_app_region_size(): u64 {
  return APP_REGION_SIZE;
}

export function machine_map(virt: u64, phys: u64, bytes: u64): bool {
  return map(virt, phys, bytes);
}

export function machine_console_write(stream: u32, addr: u64, len: u32): void {
  consoleWrite(stream, addr, len);
}

export function machine_console_read(): i32 {
  return consoleRead();
}

export function machine_monotonic_ns(): u64 {
  return monotonicNs();
}

export function machine_wall_ns(): u64 {
  return wallNs();
}

export function machine_clock_resolution_ns(): u64 {
  return resolutionNs();
}

export function machine_wait(deadline: u64): void {
  wait(deadline);
}

export function machine_entropy(): u64 {
  return entropy();
}

export function machine_exit(kind: u32, status: u32): void {
  exitMachine(kind, status);
}

export function machine_virtio_mmio_count(): u32 {
  return fdtVirtioCount();
}

export function machine_virtio_mmio_base(i: u32): u64 {
  return fdtVirtioBase(i);
}

/** virt's PCIe host bridge is not driven: no PCI. */
export function machine_pci_read32(bdf: u32, offset: u32): u32 {
  return 0xffff_ffff;
}

export function mewz_exception(vector: u32, error: u64, pc: u64, address: u64): void {
  reportException(vector, error, pc, address);
}
