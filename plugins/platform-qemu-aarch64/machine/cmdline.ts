// The command line (/chosen/bootargs), copied into kernel memory at boot.
import { fdtBootargs } from "./fdt";
import { mmio_load8 } from "./intrinsics";

const CAPACITY: u32 = 16384;
const copy = memory.data(16384);
let cmdline: u64 = 0;

/** Copies the command line (truncated to 16 KiB - 1 bytes when longer). */
export function copyCmdline(): void {
  const from = fdtBootargs();
  cmdline = 0;
  if (from == 0) return;
  let n: u32 = 0;
  while (n < CAPACITY - 1) {
    const b = mmio_load8(from + n);
    if (b == 0) break;
    store<u8>(copy + n++, <u8>b);
  }
  store<u8>(copy + n, 0);
  cmdline = <u64>copy;
}

/** The copy's native address, 0 when the device tree gave none. */
export function cmdlineAddress(): u64 {
  return cmdline;
}
