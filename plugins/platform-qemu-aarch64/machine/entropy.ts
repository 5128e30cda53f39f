// Entropy: RNDR when the CPU has it (ID_AA64ISAR0_EL1 bits 63:60), mixed with the jitter of
// counter readings around device (PL011, PL031) reads, the counter itself and a call
// counter through a 64-bit finaliser. Without RNDR the result differs on every call and
// boot but is not a cryptographic source.
import { cycle_counter, mmio_load32, sysreg_read_id_aa64isar0_el1, sysreg_read_rndr } from "./intrinsics";

let hasRndr: i32 = -1; // unknown until first asked

export function rndrAvailable(): bool {
  if (hasRndr < 0) hasRndr = ((sysreg_read_id_aa64isar0_el1() >> 60) & 0xf) != 0 ? 1 : 0;
  return hasRndr == 1;
}

let calls: u64 = 0;

function mix(z: u64): u64 {
  z = (z ^ (z >> 30)) * 0xbf58_476d_1ce4_e5b9;
  z = (z ^ (z >> 27)) * 0x94d0_49bb_1331_11eb;
  return z ^ (z >> 31);
}

export function entropy(): u64 {
  calls++;
  let state = mix(cycle_counter() ^ (calls * 0x9e37_79b9_7f4a_7c15));
  // RNDR reads 0 when it had nothing: retried a few times, then left to the jitter.
  if (rndrAvailable()) {
    for (let i = 0; i < 10; i++) {
      const r = sysreg_read_rndr();
      if (r != 0) {
        state ^= r;
        break;
      }
    }
  }
  for (let i = 0; i < 16; i++) {
    const before = cycle_counter();
    const sample = <u64>mmio_load32(0x0900_0018) ^ (<u64>mmio_load32(0x0901_0000) << 8);
    const after = cycle_counter();
    state = mix(state ^ ((after - before) << 16) ^ sample ^ rotl<u64>(after, 29));
  }
  return state;
}
