// What this component needs from the kernel components (module `mewz:kernel`, bound by the
// build to the providing component's exports).

/** A zeroed, identity-mapped 4 KiB physical page, 0 when none is left (kernel-mm). */
@external("mewz:kernel", "mm_alloc_page")
export declare function mm_alloc_page(): u64;

/** Prints `mewz: kernel panic: <message>` and ends the machine (kernel). */
@external("mewz:kernel", "kernel_panic")
export declare function kernel_panic(message: u64, len: u32): void;
