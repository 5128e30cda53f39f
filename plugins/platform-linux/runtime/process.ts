// The process: arguments and environment from the initial stack, exit, randomness, yield.
import { wasiErrno } from "./errno";
import { peek64 } from "./native";
import { EINTR, failed, syscall0, syscall1, syscall3 } from "./syscalls";

let argc: u32 = 0;
let argv: u64 = 0;
let envc: u32 = 0;
let envp: u64 = 0;

/**
 * Called by the image's startup code first, with the stack pointer the kernel started
 * the process with: argc, then argv[argc] and a null, then envp[] and a null.
 */
export function mewz_init(sp: u64): void {
  argc = <u32>peek64(sp);
  argv = sp + 8;
  envp = argv + 8 * (<u64>argc + 1);
  let n: u32 = 0;
  while (peek64(envp + 8 * <u64>n) != 0) n++;
  envc = n;
}

export function platform_arg_count(): u32 {
  return argc;
}

export function platform_arg(i: u32): u64 {
  return i < argc ? peek64(argv + 8 * <u64>i) : 0;
}

export function platform_env_count(): u32 {
  return envc;
}

export function platform_env(i: u32): u64 {
  return i < envc ? peek64(envp + 8 * <u64>i) : 0;
}

export function platform_exit(code: u32): void {
  syscall1(SYS_exit_group, code);
  unreachable();
}

export function platform_yield(): void {
  syscall0(SYS_sched_yield);
}

export function platform_random(addr: u64, len: u32): u32 {
  let done: u64 = 0;
  while (done < len) {
    const r = syscall3(SYS_getrandom, addr + done, <i64>len - <i64>done, 0);
    if (r == -EINTR) continue;
    if (failed(r)) return wasiErrno(-r);
    done += <u64>r;
  }
  return 0;
}
