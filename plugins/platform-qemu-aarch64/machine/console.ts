// The console: the PL011 UART at 0x09000000 carries stdout and stdin; virt has no second
// UART, so stderr (and the kernel log) goes to the semihosting console.
import { mmio_load32, mmio_load8, mmio_store32 } from "./intrinsics";
import { semihostingWrite } from "./semihosting";

const UART: u64 = 0x0900_0000;
const DR: u64 = 0x00;
const FR: u64 = 0x18;
const IMSC: u64 = 0x38;
const ICR: u64 = 0x44;
const FR_RXFE: u32 = 1 << 4;
const FR_TXFF: u32 = 1 << 5;
const IM_RX: u32 = 1 << 4;
const IM_RT: u32 = 1 << 6;

/** The end of the kernel's window: addresses below it are plain loads of kernel memory. */
const KERNEL_END: u64 = 0x4060_0000;

/** Its interrupt (SPI 1 on virt) is raised when a byte arrives: it wakes machine_wait. */
export const UART_INTID: u32 = 33;

export function consoleInit(): void {
  mmio_store32(UART + ICR, 0x7ff);
  mmio_store32(UART + IMSC, IM_RX | IM_RT);
}

function put(b: u32): void {
  while ((mmio_load32(UART + FR) & FR_TXFF) != 0) {}
  mmio_store32(UART + DR, b);
}

/** Sends `len` bytes at native address `addr` on stream 1 (stdout) or 2 (stderr). */
export function consoleWrite(stream: u32, addr: u64, len: u32): void {
  const mapped = addr + <u64>len <= KERNEL_END;
  if (stream == 2) {
    semihostingWrite(addr, len, mapped);
    return;
  }
  if (mapped) {
    for (let i: u32 = 0; i < len; i++) put(load<u8>(<usize>addr + i));
  } else {
    for (let i: u32 = 0; i < len; i++) put(mmio_load8(addr + i));
  }
}

/** The next received byte, or -1. */
export function consoleRead(): i32 {
  if ((mmio_load32(UART + FR) & FR_RXFE) != 0) return -1;
  return <i32>(mmio_load32(UART + DR) & 0xff);
}
