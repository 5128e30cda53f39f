// Access to native memory outside the kernel's own window (the app's linear memory,
// strings a platform hands over), through the one intrinsic that copies between native
// addresses. Kernel memory is identity mapped, so a kernel pointer is a native address.

@external("mewz:intrinsics", "memmove")
declare function intrinsic_memmove(dst: u64, src: u64, n: u64): void;

/** One value's worth of scratch for peeks and pokes. */
const cell = memory.data(16, 16);
/** Scratch for scanning strings. */
const chunk = memory.data(64, 16);

export function nativeCopy(dst: u64, src: u64, n: u64): void {
  if (n != 0) intrinsic_memmove(dst, src, n);
}

/** The native address of kernel memory at `p`. */
export function native(p: usize): u64 {
  return <u64>p;
}

export function peek64(addr: u64): u64 {
  intrinsic_memmove(native(cell), addr, 8);
  return load<u64>(cell);
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
    intrinsic_memmove(native(chunk), addr, <u64>take);
    for (let i: u32 = 0; i < take; i++) {
      if (load<u8>(chunk + i) == 0) return n + i;
    }
    n += take;
    addr += take;
  }
  return n;
}
