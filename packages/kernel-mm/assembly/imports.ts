// What kernel-mm uses from other components: the machine's RAM ranges, app region and page
// mapping (`mewz:machine`), the kernel's panic and log (`mewz:kernel`). The build binds
// these imports to the providing components' exports.

@external("mewz:machine", "machine_ram_count")
export declare function machine_ram_count(): u32;
@external("mewz:machine", "machine_ram_base")
export declare function machine_ram_base(i: u32): u64;
@external("mewz:machine", "machine_ram_size")
export declare function machine_ram_size(i: u32): u64;
@external("mewz:machine", "machine_app_region_base")
export declare function machine_app_region_base(): u64;
@external("mewz:machine", "machine_app_region_size")
export declare function machine_app_region_size(): u64;
@external("mewz:machine", "machine_map")
export declare function machine_map(virt: u64, phys: u64, bytes: u64): bool;

@external("mewz:kernel", "kernel_panic")
export declare function kernel_panic(message: u64, len: u32): void;
@external("mewz:kernel", "kernel_log")
export declare function kernel_log(level: u32, message: u64, len: u32): void;

// Native memory outside the kernel's window (physical pages, app contexts) is reached only
// through these two, which the platform implements in assembly.
@external("mewz:intrinsics", "memmove")
export declare function intrinsic_memmove(dst: u64, src: u64, n: u64): void;
@external("mewz:intrinsics", "memset")
export declare function intrinsic_memset(dst: u64, byte: i32, n: u64): void;
