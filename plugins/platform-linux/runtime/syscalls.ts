// Linux system calls through the syscall intrinsics. The numbers differ per ISA: they
// are the @global SYS_* constants of isa/<isa>.ts (the component's isaSources).

@external("mewz:intrinsics", "syscall1")
export declare function syscall1(n: i64, a: i64): i64;
@external("mewz:intrinsics", "syscall2")
export declare function syscall2(n: i64, a: i64, b: i64): i64;
@external("mewz:intrinsics", "syscall3")
export declare function syscall3(n: i64, a: i64, b: i64, c: i64): i64;
@external("mewz:intrinsics", "syscall4")
export declare function syscall4(n: i64, a: i64, b: i64, c: i64, d: i64): i64;
@external("mewz:intrinsics", "syscall6")
export declare function syscall6(n: i64, a: i64, b: i64, c: i64, d: i64, e: i64, f: i64): i64;
@external("mewz:intrinsics", "syscall0")
export declare function syscall0(n: i64): i64;

export const PROT_NONE: i64 = 0;
export const PROT_RW: i64 = 3;
export const MAP_PRIVATE: i64 = 0x02;
export const MAP_ANONYMOUS: i64 = 0x20;
export const MAP_NORESERVE: i64 = 0x4000;

export const EINTR: i64 = 4;

/** Whether a raw syscall result is an error (-4095..-1). */
export function failed(r: i64): bool {
  return r < 0 && r >= -4095;
}
