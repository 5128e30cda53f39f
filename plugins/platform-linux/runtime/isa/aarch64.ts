// aarch64 Linux (the generic system call table): system call numbers and the
// `struct stat` layout the runtime reads. Compiled before the runtime's other files (the
// component's isaSources), so these @global constants are visible there without an import.

@global export const SYS_read: i64 = 63;
@global export const SYS_write: i64 = 64;
@global export const SYS_fstat: i64 = 80;
@global export const SYS_mmap: i64 = 222;
@global export const SYS_mprotect: i64 = 226;
@global export const SYS_sched_yield: i64 = 124;
@global export const SYS_clock_gettime: i64 = 113;
@global export const SYS_clock_getres: i64 = 114;
@global export const SYS_clock_nanosleep: i64 = 115;
@global export const SYS_exit_group: i64 = 94;
@global export const SYS_getrandom: i64 = 278;

/** sizeof(struct stat) */
@global export const STAT_SIZE: i32 = 128;
/** Offset of st_mode (u32). */
@global export const STAT_MODE: usize = 16;
/** Offset of st_nlink, and its width in bytes (generic layout: u32 right after st_mode). */
@global export const STAT_NLINK: usize = 20;
@global export const STAT_NLINK_BYTES: i32 = 4;
