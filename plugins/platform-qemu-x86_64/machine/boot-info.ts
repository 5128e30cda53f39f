// The boot info the platform's boot stub records (plugins/platform-qemu-x86_64/src/boot-info.ts)
// and the PVH start info it points to (Xen's public arch-x86/hvm/start_info.h).
import { mmio_load32, mmio_load64, mmio_load8 } from "./intrinsics";

let info: u64 = 0;

export function setBootInfo(address: u64): void {
  info = address;
}

function field(offset: u64): u64 {
  return info == 0 ? 0 : mmio_load64(info + offset);
}

export function startInfoAddress(): u64 { return field(0); }
export function imageStart(): u64 { return field(8); }
export function imageEnd(): u64 { return field(16); }
export function stackBottom(): u64 { return field(24); }
export function stackTop(): u64 { return field(32); }
export function entryTsc(): u64 { return field(40); }
export function istBottom(): u64 { return field(48); }
export function istTop(): u64 { return field(56); }

// hvm_start_info: magic u32, version u32, flags u32, nr_modules u32, modlist_paddr u64,
// cmdline_paddr u64, rsdp_paddr u64, then (version >= 1) memmap_paddr u64,
// memmap_entries u32, reserved u32.
export const PVH_MAGIC: u32 = 0x336e_c578;
export const START_INFO_SIZE_V0: u64 = 40;
export const START_INFO_SIZE_V1: u64 = 56;

export function pvhMagic(): u32 { const s = startInfoAddress(); return s == 0 ? 0 : mmio_load32(s); }
export function pvhVersion(): u32 { return mmio_load32(startInfoAddress() + 4); }
export function pvhModuleCount(): u32 { return mmio_load32(startInfoAddress() + 12); }
export function pvhModuleList(): u64 { return mmio_load64(startInfoAddress() + 16); }
export function pvhCmdline(): u64 { return mmio_load64(startInfoAddress() + 24); }

// The command line, copied into kernel memory at boot: the boot protocol's copy may sit
// in page 0, which is unmapped after machine_init.
const CMDLINE_CAPACITY: u32 = 16384;
const cmdlineCopy = memory.data(16384);
let cmdline: u64 = 0;

/** Copies the command line (truncated to 16 KiB - 1 bytes when longer). */
export function copyCmdline(): void {
  const from = pvhCmdline();
  cmdline = 0;
  if (from == 0) return;
  let n: u32 = 0;
  while (n < CMDLINE_CAPACITY - 1) {
    const b = mmio_load8(from + n);
    if (b == 0) break;
    store<u8>(cmdlineCopy + n++, <u8>b);
  }
  store<u8>(cmdlineCopy + n, 0);
  cmdline = <u64>cmdlineCopy;
}

/** The copy's native address, 0 when the boot protocol gave none. */
export function cmdlineAddress(): u64 {
  return cmdline;
}

export function pvhMemmap(): u64 {
  return pvhVersion() >= 1 ? mmio_load64(startInfoAddress() + 40) : 0;
}

export function pvhMemmapEntries(): u32 {
  return pvhVersion() >= 1 ? mmio_load32(startInfoAddress() + 48) : 0;
}

/** E820-style entries: addr u64, size u64, type u32 (1 = RAM), reserved u32. */
export const MEMMAP_ENTRY_SIZE: u64 = 24;
