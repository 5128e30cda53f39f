// The boot info the platform's boot stub records (plugins/platform-qemu-aarch64/src/boot-info.ts)
// and the doorbell through which this component asks the exception stub for the calls
// compiled code has no instruction for (semihosting's hlt #0xf000, PSCI's hvc).
import { mmio_load32, mmio_load64, mmio_store64 } from "./intrinsics";

let info: u64 = 0;

export function setBootInfo(address: u64): void {
  info = address;
}

function field(offset: u64): u64 {
  return info == 0 ? 0 : mmio_load64(info + offset);
}

export function entryX0(): u64 { return field(0); }
export function imageStart(): u64 { return field(8); }
export function imageEnd(): u64 { return field(16); }
export function stackBottom(): u64 { return field(24); }
export function stackTop(): u64 { return field(32); }
export function entryCounter(): u64 { return field(40); }
export function rootTable(): u64 { return field(64); }
export function entryEl(): u64 { return field(72); }

const CALL_KIND: u64 = 80;
const CALL_X0: u64 = 88;
const CALL_X1: u64 = 96;
const CALL_RESULT: u64 = 104;

/** An unmapped address: a load there with a request pending is a call the stub performs. */
const DOORBELL: u64 = 0x1000;

export const KIND_SEMIHOSTING: u64 = 0x5348;
export const KIND_PSCI: u64 = 0x5053;
export const KIND_EXIT: u64 = 0x4558;

/** Performs the call `kind` with x0 and x1; its x0 afterwards (-1 when the machine lacks it). */
export function doorbell(kind: u64, x0: u64, x1: u64): u64 {
  if (info == 0) return u64.MAX_VALUE;
  mmio_store64(info + CALL_X0, x0);
  mmio_store64(info + CALL_X1, x1);
  mmio_store64(info + CALL_KIND, kind);
  mmio_load32(DOORBELL);
  return mmio_load64(info + CALL_RESULT);
}
