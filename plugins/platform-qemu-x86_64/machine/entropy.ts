// Entropy: RDRAND when the CPU has it (CPUID.1:ECX bit 30), mixed with the jitter of TSC
// readings around slow (CMOS) port accesses, the RTC and a call counter through a 64-bit
// finaliser. Without RDRAND the result differs on every call and boot but is not a
// cryptographic source.
import { cmosRead } from "./cmos";
import { cpuid_cd, cycle_counter, rdrand } from "./intrinsics";

const RDRAND_BIT: u64 = 1 << 30;
let hasRdrand: i32 = -1; // unknown until first asked

function rdrandAvailable(): bool {
  if (hasRdrand < 0) hasRdrand = (cpuid_cd(1, 0) & RDRAND_BIT) != 0 ? 1 : 0;
  return hasRdrand == 1;
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
  if (rdrandAvailable()) state ^= rdrand();
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
