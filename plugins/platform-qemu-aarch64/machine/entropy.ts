// Entropy: the jitter of counter readings around device (PL011, PL031) reads, the counter
// itself and a call counter, through a 64-bit finaliser. It differs on every call and boot
// but is not a cryptographic source (RNDR needs an ID_AA64ISAR0_EL1 and an RNDR intrinsic,
// which the intrinsics list does not have yet).
import { cycle_counter, mmio_load32 } from "./intrinsics";

let calls: u64 = 0;

function mix(z: u64): u64 {
  z = (z ^ (z >> 30)) * 0xbf58_476d_1ce4_e5b9;
  z = (z ^ (z >> 27)) * 0x94d0_49bb_1331_11eb;
  return z ^ (z >> 31);
}

export function entropy(): u64 {
  calls++;
  let state = mix(cycle_counter() ^ (calls * 0x9e37_79b9_7f4a_7c15));
  for (let i = 0; i < 16; i++) {
    const before = cycle_counter();
    const sample = <u64>mmio_load32(0x0900_0018) ^ (<u64>mmio_load32(0x0901_0000) << 8);
    const after = cycle_counter();
    state = mix(state ^ ((after - before) << 16) ^ sample ^ rotl<u64>(after, 29));
  }
  return state;
}
