// The privileged operations this component uses (packages/compiler/src/abi/intrinsics.ts
// lists them all); each compiles to a few instructions in place.

@external("mewz:intrinsics", "port_in8")
export declare function port_in8(port: u32): u32;
@external("mewz:intrinsics", "port_in32")
export declare function port_in32(port: u32): u32;
@external("mewz:intrinsics", "port_out8")
export declare function port_out8(port: u32, value: u32): void;
@external("mewz:intrinsics", "port_out32")
export declare function port_out32(port: u32, value: u32): void;

@external("mewz:intrinsics", "mmio_load32")
export declare function mmio_load32(addr: u64): u32;
@external("mewz:intrinsics", "mmio_store32")
export declare function mmio_store32(addr: u64, value: u32): void;
@external("mewz:intrinsics", "mmio_load64")
export declare function mmio_load64(addr: u64): u64;
@external("mewz:intrinsics", "mmio_store64")
export declare function mmio_store64(addr: u64, value: u64): void;
@external("mewz:intrinsics", "mmio_load8")
export declare function mmio_load8(addr: u64): u32;

@external("mewz:intrinsics", "cycle_counter")
export declare function cycle_counter(): u64;
@external("mewz:intrinsics", "spin_hint")
export declare function spin_hint(): void;
@external("mewz:intrinsics", "halt")
export declare function halt(): void;
@external("mewz:intrinsics", "interrupts_enable")
export declare function interrupts_enable(): void;
@external("mewz:intrinsics", "interrupts_disable")
export declare function interrupts_disable(): void;

@external("mewz:intrinsics", "msr_read")
export declare function msr_read(msr: u32): u64;
@external("mewz:intrinsics", "msr_write")
export declare function msr_write(msr: u32, value: u64): void;
@external("mewz:intrinsics", "cr3_read")
export declare function cr3_read(): u64;
@external("mewz:intrinsics", "invlpg")
export declare function invlpg(addr: u64): void;

@external("mewz:intrinsics", "cpuid_cd")
export declare function cpuid_cd(leaf: u32, subleaf: u32): u64;
@external("mewz:intrinsics", "rdrand")
export declare function rdrand(): u64;
