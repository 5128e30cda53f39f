// Access to native memory outside the kernel's window (the process stack, the app's
// contexts and memories) through the memmove intrinsic. Kernel memory is identity
// mapped, so a kernel pointer is a native address.

@external("mewz:intrinsics", "memmove")
declare function intrinsic_memmove(dst: u64, src: u64, n: u64): void;

const cell = memory.data(16, 16);

export function native(p: usize): u64 {
  return <u64>p;
}

export function nativeCopy(dst: u64, src: u64, n: u64): void {
  if (n != 0) intrinsic_memmove(dst, src, n);
}

export function peek32(addr: u64): u32 {
  intrinsic_memmove(native(cell), addr, 4);
  return load<u32>(cell);
}

export function peek64(addr: u64): u64 {
  intrinsic_memmove(native(cell), addr, 8);
  return load<u64>(cell);
}

export function poke32(addr: u64, value: u32): void {
  store<u32>(cell, value);
  intrinsic_memmove(addr, native(cell), 4);
}

export function poke64(addr: u64, value: u64): void {
  store<u64>(cell, value);
  intrinsic_memmove(addr, native(cell), 8);
}
