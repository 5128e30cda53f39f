// The machine services the kernel uses (`mewz:machine`, docs/kernel-interfaces.md), bound
// by the build to the platform's machine component, and the ISA-neutral intrinsics it needs.

@external("mewz:machine", "machine_init")
export declare function machine_init(bootInfo: u64): void;
@external("mewz:machine", "machine_cmdline")
export declare function machine_cmdline(): u64;
@external("mewz:machine", "machine_console_write")
export declare function machine_console_write(stream: u32, addr: u64, len: u32): void;
@external("mewz:machine", "machine_console_read")
export declare function machine_console_read(): i32;
@external("mewz:machine", "machine_monotonic_ns")
export declare function machine_monotonic_ns(): u64;
@external("mewz:machine", "machine_wall_ns")
export declare function machine_wall_ns(): u64;
@external("mewz:machine", "machine_clock_resolution_ns")
export declare function machine_clock_resolution_ns(): u64;
@external("mewz:machine", "machine_wait")
export declare function machine_wait(deadline: u64): void;
@external("mewz:machine", "machine_entropy")
export declare function machine_entropy(): u64;
@external("mewz:machine", "machine_exit")
export declare function machine_exit(kind: u32, status: u32): void;
@external("mewz:machine", "machine_virtio_mmio_count")
export declare function machine_virtio_mmio_count(): u32;
@external("mewz:machine", "machine_virtio_mmio_base")
export declare function machine_virtio_mmio_base(i: u32): u64;
@external("mewz:machine", "machine_pci_read32")
export declare function machine_pci_read32(bdf: u32, offset: u32): u32;

/** machine_exit kinds. */
export const EXIT_APP: u32 = 0;
export const EXIT_TRAP: u32 = 1;
export const EXIT_PANIC: u32 = 2;

@external("mewz:intrinsics", "memmove")
export declare function intrinsic_memmove(dst: u64, src: u64, n: u64): void;
@external("mewz:intrinsics", "mmio_load32")
export declare function mmio_load32(addr: u64): u32;
