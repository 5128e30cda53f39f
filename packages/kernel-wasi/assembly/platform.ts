// What this component needs from the platform's kernel component, as imports from
// `mewz:kernel` that the build binds to that component's exports (index.ts of the
// package lists them under requires.symbols). Native addresses are 64-bit; results that
// can fail are negative WASI errnos.

/** Writes `len` bytes at a native address to a stdio fd: bytes written, or -errno. */
@external("mewz:kernel", "platform_write")
export declare function platform_write(fd: u32, addr: u64, len: u32): i64;

/** Reads up to `len` bytes from a stdio fd to a native address: bytes read (0 at EOF), or -errno. */
@external("mewz:kernel", "platform_read")
export declare function platform_read(fd: u32, addr: u64, len: u32): i64;

/** Fills the 64-byte WASI filestat at kernel address `out` for a stdio fd; returns an errno. */
@external("mewz:kernel", "platform_fd_filestat")
export declare function platform_fd_filestat(fd: u32, out: usize): u32;

/** The time of a WASI clock in nanoseconds, or -errno. */
@external("mewz:kernel", "platform_clock_time")
export declare function platform_clock_time(id: u32): i64;

/** The resolution of a WASI clock in nanoseconds, or -errno. */
@external("mewz:kernel", "platform_clock_res")
export declare function platform_clock_res(id: u32): i64;

/** Sleeps (halts, never spins) for at least `ns` nanoseconds. */
@external("mewz:kernel", "platform_sleep")
export declare function platform_sleep(ns: u64): void;

/** Fills `len` bytes at a native address with random bytes; returns an errno. */
@external("mewz:kernel", "platform_random")
export declare function platform_random(addr: u64, len: u32): u32;

/** Ends the app with an exit status; never returns. */
@external("mewz:kernel", "platform_exit")
export declare function platform_exit(code: u32): void;

@external("mewz:kernel", "platform_yield")
export declare function platform_yield(): void;

/** Number of command-line arguments (program name included). */
@external("mewz:kernel", "platform_arg_count")
export declare function platform_arg_count(): u32;

/** Native address of argument `i`, a NUL-terminated string. */
@external("mewz:kernel", "platform_arg")
export declare function platform_arg(i: u32): u64;

/** Number of environment entries. */
@external("mewz:kernel", "platform_env_count")
export declare function platform_env_count(): u32;

/** Native address of environment entry `i`, a NUL-terminated `KEY=VALUE`. */
@external("mewz:kernel", "platform_env")
export declare function platform_env(i: u32): u64;
