// For editors only (asc compiles isa/<isa>.ts, never this): the constants every ISA's
// file in this folder defines with @global.
declare const SYS_read: i64;
declare const SYS_write: i64;
declare const SYS_fstat: i64;
declare const SYS_mmap: i64;
declare const SYS_mprotect: i64;
declare const SYS_sched_yield: i64;
declare const SYS_clock_gettime: i64;
declare const SYS_clock_getres: i64;
declare const SYS_clock_nanosleep: i64;
declare const SYS_exit_group: i64;
declare const SYS_getrandom: i64;
declare const STAT_SIZE: i32;
declare const STAT_MODE: usize;
declare const STAT_NLINK: usize;
declare const STAT_NLINK_BYTES: i32;
