// The qemu-x86_64 machine component: the `mewz:machine` services of
// docs/kernel-interfaces.md on QEMU's microvm and q35 (PVH boot), and the CPU exception
// entry `mewz_exception` the platform's stubs reach.
import { cmdlineAddress, copyCmdline, pvhMagic, PVH_MAGIC, setBootInfo } from "./boot-info";
import { closePageZero, openPageZero } from "./page-zero";
import { clockInit, monotonicNs, resolutionNs, wallNs } from "./clock";
import { consoleInit, consoleRead, consoleWrite } from "./console";
import { devicesInit, pciRead32, virtioBase, virtioCount } from "./devices";
import { entropy } from "./entropy";
import { reportException } from "./exception";
import { exitMachine } from "./exit";
import { interrupts_disable } from "./intrinsics";
import { interruptsInit, lapicProblem, routeGsi } from "./interrupts";
import { APP_REGION_BASE, APP_REGION_SIZE, map, pagingInit } from "./paging";
import { ramBase, ramCount, ramInit, ramSize } from "./ram";
import { panic } from "./text";
import { wait } from "./wait";

/** COM1's interrupt line (ISA IRQ 4 is GSI 4 on QEMU's machines). */
const COM1_GSI: u32 = 4;

export function machine_init(bootInfo: u64): void {
  interrupts_disable();
  setBootInfo(bootInfo);
  // The console first, so that every later failure can be read.
  consoleInit();
  pagingInit();
  // The boot data may lie in page 0: read all of it while page 0 is mapped.
  openPageZero();
  if (bootInfo == 0 || pvhMagic() != PVH_MAGIC) panic("no PVH start info (bad magic): was the image booted through PVH?");
  const memoryFound = ramInit();
  copyCmdline();
  closePageZero();
  if (!memoryFound) panic("no memory map: the PVH start info has none and the CMOS reports no memory");
  const apic = lapicProblem();
  if (apic !== null) panic(apic);
  interruptsInit();
  if (!clockInit()) panic("cannot calibrate the TSC: neither the PIT nor the RTC counts");
  devicesInit();
  routeGsi(COM1_GSI);
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
  return virtioCount();
}

export function machine_virtio_mmio_base(i: u32): u64 {
  return virtioBase(i);
}

export function machine_pci_read32(bdf: u32, offset: u32): u32 {
  return pciRead32(bdf, offset);
}

export function mewz_exception(vector: u32, error: u64, pc: u64, address: u64): void {
  reportException(vector, error, pc, address);
}
