// The privileged operations this component uses (packages/compiler/src/abi/intrinsics.ts
// lists them all); each compiles to a few instructions in place.

@external("mewz:intrinsics", "mmio_load8")
export declare function mmio_load8(addr: u64): u32;
@external("mewz:intrinsics", "mmio_load32")
export declare function mmio_load32(addr: u64): u32;
@external("mewz:intrinsics", "mmio_load64")
export declare function mmio_load64(addr: u64): u64;
@external("mewz:intrinsics", "mmio_store8")
export declare function mmio_store8(addr: u64, value: u32): void;
@external("mewz:intrinsics", "mmio_store32")
export declare function mmio_store32(addr: u64, value: u32): void;
@external("mewz:intrinsics", "mmio_store64")
export declare function mmio_store64(addr: u64, value: u64): void;

@external("mewz:intrinsics", "cycle_counter")
export declare function cycle_counter(): u64;
@external("mewz:intrinsics", "cycle_counter_frequency")
export declare function cycle_counter_frequency(): u64;
@external("mewz:intrinsics", "halt")
export declare function halt(): void;
@external("mewz:intrinsics", "interrupts_disable")
export declare function interrupts_disable(): void;
@external("mewz:intrinsics", "page_table_sync")
export declare function page_table_sync(): void;

@external("mewz:intrinsics", "sysreg_write_cntv_cval_el0")
export declare function sysreg_write_cntv_cval_el0(value: u64): void;
@external("mewz:intrinsics", "sysreg_write_cntv_ctl_el0")
export declare function sysreg_write_cntv_ctl_el0(value: u64): void;
@external("mewz:intrinsics", "sysreg_read_id_aa64isar0_el1")
export declare function sysreg_read_id_aa64isar0_el1(): u64;
@external("mewz:intrinsics", "sysreg_read_rndr")
export declare function sysreg_read_rndr(): u64;
