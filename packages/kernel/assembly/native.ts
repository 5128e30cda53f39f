// Access to native memory outside the kernel's own window (app memory, the trap info in
// the image, the command line the boot loader left) through the memmove intrinsic. Kernel
// memory is identity mapped, so a kernel pointer is a native address.
import { intrinsic_memmove } from "./machine";

const cell = memory.data(16, 16);
const chunk = memory.data(64, 16);

export function nativeCopy(dst: u64, src: u64, n: u64): void {
  if (n != 0) intrinsic_memmove(dst, src, n);
}

export function peek32(addr: u64): u32 {
  intrinsic_memmove(<u64>cell, addr, 4);
  return load<u32>(cell);
}

/**
 * Length of the NUL-terminated string at a native address. Reads stay inside the page of
 * each byte read, so a string that ends just before an unmapped page is safe.
 */
export function nativeStrlen(addr: u64): u32 {
  let n: u32 = 0;
  while (true) {
    const toPageEnd: u32 = 4096 - <u32>(addr & 4095);
    const take: u32 = toPageEnd < 64 ? toPageEnd : 64;
    intrinsic_memmove(<u64>chunk, addr, <u64>take);
    for (let i: u32 = 0; i < take; i++) {
      if (load<u8>(chunk + i) == 0) return n + i;
    }
    n += take;
    addr += take;
  }
  return n;
}
