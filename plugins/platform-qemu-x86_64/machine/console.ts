// The console on 16550 UARTs: COM1 (0x3f8) carries stdout and stdin, COM2 (0x2f8) stderr
// when the machine has one (QEMU's microvm has a single ISA serial port unless the runner
// adds another), else stderr shares COM1.
import { mmio_load8, port_in8, port_out8 } from "./intrinsics";

export const COM1: u32 = 0x3f8;
export const COM2: u32 = 0x2f8;

// Register offsets from a UART's base port.
const DATA: u32 = 0; // RBR/THR, or the divisor's low byte while LCR.DLAB is set
const IER: u32 = 1; // interrupt enable, or the divisor's high byte
const FCR: u32 = 2; // written: FIFO control
const IIR: u32 = 2; // read: interrupt identification
const LCR: u32 = 3;
const MCR: u32 = 4;
const LSR: u32 = 5;
const SCRATCH: u32 = 7;

const LSR_DATA_READY: u32 = 0x01;
const LSR_THR_EMPTY: u32 = 0x20;
const IER_RECEIVED: u32 = 0x01;
const IIR_FIFOS_ENABLED: u32 = 0xc0;

/** The port stderr goes to: COM2 when it answers, else COM1. */
let errorPort: u32 = COM1;

/** A UART answers when its scratch register keeps what is written (an absent one reads 0xff). */
function present(base: u32): bool {
  port_out8(base + SCRATCH, 0x5a);
  if (port_in8(base + SCRATCH) != 0x5a) return false;
  port_out8(base + SCRATCH, 0xa5);
  return port_in8(base + SCRATCH) == 0xa5;
}

/**
 * 115200 baud, 8N1; OUT2 set because it gates the UART's IRQ line on PCs. The FIFOs are
 * left as they are: changing their enable bit empties the receiver (QEMU does so too),
 * which would lose input that arrived before boot. When firmware enabled them, the
 * receive trigger level goes to 1 byte (a byte interrupts at once, not after the FIFO
 * timeout), written without the enable bit changing or the clear bits.
 */
function setup(base: u32, interrupts: u32): void {
  port_out8(base + IER, 0);
  port_out8(base + LCR, 0x80);
  port_out8(base + DATA, 1);
  port_out8(base + IER, 0);
  port_out8(base + LCR, 0x03);
  if ((port_in8(base + IIR) & IIR_FIFOS_ENABLED) == IIR_FIFOS_ENABLED) port_out8(base + FCR, 0x01);
  port_out8(base + MCR, 0x0b);
  port_out8(base + IER, interrupts);
}

/** Sets both UARTs up; COM1 interrupts when a byte arrives (routed by interrupts.ts). */
export function consoleInit(): void {
  setup(COM1, IER_RECEIVED);
  if (present(COM2)) {
    setup(COM2, 0);
    errorPort = COM2;
  } else {
    errorPort = COM1;
  }
}

export function hasSecondPort(): bool {
  return errorPort == COM2;
}

function put(base: u32, b: u32): void {
  // An absent port reads 0xff, which has THR-empty set: never an endless wait.
  while ((port_in8(base + LSR) & LSR_THR_EMPTY) == 0) {}
  port_out8(base + DATA, b);
}

/** Sends `len` bytes at native address `addr` on stream 1 (stdout) or 2 (stderr). */
export function consoleWrite(stream: u32, addr: u64, len: u32): void {
  const base = stream == 2 ? errorPort : COM1;
  // Kernel memory is identity mapped below 4 GiB, where a plain load reaches it.
  if (addr + <u64>len <= 0x1_0000_0000) {
    for (let i: u32 = 0; i < len; i++) put(base, load<u8>(<usize>addr + i));
  } else {
    for (let i: u32 = 0; i < len; i++) put(base, mmio_load8(addr + i));
  }
}

/** Writes one byte to the debug console (port 0xe9), for the status line. */
export function debugConsoleByte(b: u32): void {
  port_out8(0xe9, b);
}

/** The next received byte on COM1, or -1. */
export function consoleRead(): i32 {
  const status = port_in8(COM1 + LSR);
  // 0xff is what an absent port reads: nothing is waiting there.
  if (status == 0xff || (status & LSR_DATA_READY) == 0) return -1;
  return <i32>port_in8(COM1 + DATA);
}
