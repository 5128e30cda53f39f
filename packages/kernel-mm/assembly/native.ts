// Reads and writes of single values at native addresses (MemoryObjects and TableObjects
// live in the app's context, outside the kernel's window), through the memmove intrinsic.
import { intrinsic_memmove, intrinsic_memset } from "./imports";

const cell = memory.data(16, 16);

export function peek32(addr: u64): u32 {
  intrinsic_memmove(<u64>cell, addr, 4);
  return load<u32>(cell);
}

export function peek64(addr: u64): u64 {
  intrinsic_memmove(<u64>cell, addr, 8);
  return load<u64>(cell);
}

export function poke32(addr: u64, value: u32): void {
  store<u32>(cell, value);
  intrinsic_memmove(addr, <u64>cell, 4);
}

export function poke64(addr: u64, value: u64): void {
  store<u64>(cell, value);
  intrinsic_memmove(addr, <u64>cell, 8);
}

export function nativeCopy(dst: u64, src: u64, n: u64): void {
  if (n != 0) intrinsic_memmove(dst, src, n);
}

export function nativeZero(dst: u64, n: u64): void {
  if (n != 0) intrinsic_memset(dst, 0, n);
}
