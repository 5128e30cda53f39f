// Entropy without RDRAND: there is no cpuid or rdrand intrinsic yet, so this mixes the
// jitter of TSC readings around slow (CMOS) port accesses, the RTC and a call counter through a
// 64-bit finaliser. Good enough to seed the kernel's generator differently on every boot;
// not a cryptographic source.
import { cmosRead } from "./cmos";
import { cycle_counter } from "./intrinsics";

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
    // Port reads take a variable time on real and virtual machines alike. (Not the PIT's
    // data port: a read outside the latch sequence would shift its byte order.)
    const sample = <u64>cmosRead(0) ^ (<u64>cmosRead(0x0a) << 8);
    const after = cycle_counter();
    state = mix(state ^ ((after - before) << 16) ^ sample ^ rotl<u64>(after, 29));
  }
  return state;
}
