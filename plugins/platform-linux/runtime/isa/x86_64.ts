// x86_64 Linux: system call numbers and the `struct stat` layout the runtime reads.
// Compiled before the runtime's other files (the component's isaSources), so these
// @global constants are visible there without an import; every ISA's file defines them all.

@global export const SYS_read: i64 = 0;
@global export const SYS_write: i64 = 1;
@global export const SYS_fstat: i64 = 5;
@global export const SYS_mmap: i64 = 9;
@global export const SYS_mprotect: i64 = 10;
@global export const SYS_sched_yield: i64 = 24;
@global export const SYS_clock_gettime: i64 = 228;
@global export const SYS_clock_getres: i64 = 229;
@global export const SYS_clock_nanosleep: i64 = 230;
@global export const SYS_exit_group: i64 = 231;
@global export const SYS_getrandom: i64 = 318;

/** sizeof(struct stat) */
@global export const STAT_SIZE: i32 = 144;
/** Offset of st_mode (u32). */
@global export const STAT_MODE: usize = 24;
/** Offset of st_nlink, and its width in bytes (x86_64: u64). */
@global export const STAT_NLINK: usize = 16;
@global export const STAT_NLINK_BYTES: i32 = 8;
