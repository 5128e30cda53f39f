// The only way this component touches the app: checked copies between its linear memory
// and kernel memory. Every range is checked against the memory's current size (read
// from its MemoryObject each time, so growth is seen); a bad pointer is EFAULT, never a crash.
import { native, nativeCopy, peek64 } from "./native";

/** Native address of the app context slot that points to its memory's MemoryObject. */
let memorySlot: u64 = 0;

/**
 * Called by the image's startup code before the app is instantiated, with the address of
 * the slot in the app's instance context that will point to its MemoryObject (0 if the
 * app has no memory).
 */
export function mewz_attach_app(slot: u64): void {
  memorySlot = slot;
}

// MemoryObject layout (abi/instance-layout.ts): base @0, byteLength @8, maxPages @16.

/** The native address of app bytes [ptr, ptr + len), or 0 when they are not all inside its memory. */
export function appAddress(ptr: u32, len: u32): u64 {
  if (memorySlot == 0) return 0;
  const object = peek64(memorySlot);
  if (object == 0) return 0;
  const size = peek64(object + 8);
  if (<u64>ptr + <u64>len > size) return 0;
  return peek64(object) + <u64>ptr;
}

/** Copies app bytes [ptr, ptr + len) to kernel memory at `dst`; false if out of bounds. */
export function copyIn(dst: usize, ptr: u32, len: u32): bool {
  const src = appAddress(ptr, len);
  if (src == 0) return false;
  nativeCopy(native(dst), src, len);
  return true;
}

/** Copies kernel bytes at `src` to app memory [ptr, ptr + len); false if out of bounds. */
export function copyOut(ptr: u32, src: usize, len: u32): bool {
  const dst = appAddress(ptr, len);
  if (dst == 0) return false;
  nativeCopy(dst, native(src), len);
  return true;
}

const cell = memory.data(8, 8);

export function storeU32(ptr: u32, value: u32): bool {
  store<u32>(cell, value);
  return copyOut(ptr, cell, 4);
}

export function storeU64(ptr: u32, value: u64): bool {
  store<u64>(cell, value);
  return copyOut(ptr, cell, 8);
}
