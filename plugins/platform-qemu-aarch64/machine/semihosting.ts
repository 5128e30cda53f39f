// Arm semihosting through the stub's doorbell (boot-info.ts): the stderr console. Under
// QEMU (`-semihosting-config enable=on,chardev=…`) it reaches the runner's stderr; on a
// machine without semihosting every call returns -1 and the bytes are dropped.
import { doorbell, KIND_SEMIHOSTING } from "./boot-info";
import { mmio_load8 } from "./intrinsics";

const SYS_WRITEC: u64 = 0x03;
const SYS_WRITE0: u64 = 0x04;

const CHUNK: u32 = 255;
const chunk = memory.data(256, 8);

/** Sends `len` bytes (`mapped`: in kernel memory, else read as native addresses) to the semihosting console, a NUL-terminated chunk at a time. */
export function semihostingWrite(addr: u64, len: u32, mapped: bool): void {
  let n: u32 = 0;
  for (let i: u32 = 0; i < len; i++) {
    const b = mapped ? <u32>load<u8>(<usize>addr + i) : mmio_load8(addr + i);
    if (b == 0) {
      // WRITE0 stops at a NUL: flush, then send the NUL by itself.
      flush(n);
      n = 0;
      store<u8>(chunk, 0);
      doorbell(KIND_SEMIHOSTING, SYS_WRITEC, <u64>chunk);
      continue;
    }
    store<u8>(chunk + n++, <u8>b);
    if (n == CHUNK) {
      flush(n);
      n = 0;
    }
  }
  flush(n);
}

function flush(n: u32): void {
  if (n == 0) return;
  store<u8>(chunk + n, 0);
  doorbell(KIND_SEMIHOSTING, SYS_WRITE0, <u64>chunk);
}
