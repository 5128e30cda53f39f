// The kernel component: the entry points the image's startup and trap code call
// (mewz_init, mewz_trap), the services of other components (kernel_panic, kernel_log) and
// the platform services the WASI component runs on (`platform_*`, bound to its
// `mewz:kernel` imports), all on top of the machine component.
import { parseCommandLine, arg, argCount, env, envCount } from "./cmdline";
import { clockResolution, clockTime } from "./clock";
import { consoleFilestat, consoleRead, consoleWrite } from "./console";
import { probeDevices } from "./devices";
import { addPollerIndex, sleep, yieldNow } from "./event-loop";
import { LOG_DEBUG, logBegin, logMessage } from "./log";
import { EXIT_APP, machine_exit, machine_init } from "./machine";
import { decimal, finish, text } from "./message";
import { panicWith } from "./panic";
import { fillRandom, seedRandom } from "./random";
import { reportTrap } from "./trap";

/**
 * First call of the image (from `__mewz_main`): the machine, then the command line (log
 * level, args, environment), the random generator and the devices. Memory needs nothing
 * here: kernel-mm reads the machine's RAM ranges on first use.
 */
export function mewz_init(bootInfo: u64): void {
  machine_init(bootInfo);
  parseCommandLine();
  seedRandom();
  probeDevices();
  if (logBegin(LOG_DEBUG)) {
    text("kernel ready: "); decimal(argCount()); text(" arguments, "); decimal(envCount()); text(" environment entries");
    finish();
  }
}

export function mewz_trap(code: u32, func: u32, info: u64): void {
  reportTrap(code, func, info);
}

export function kernel_panic(message: u64, len: u32): void {
  panicWith(message, len);
}

export function kernel_log(level: u32, message: u64, len: u32): void {
  logMessage(level, message, len);
}

/**
 * Registers a poller for other components: `index` is a function of the kernel module's
 * table (AssemblyScript: `fn.index`) of type () => void, run after every wake-up of the
 * event loop and at every yield.
 */
export function kernel_add_poller(index: u32): void {
  addPollerIndex(index);
}

export function platform_write(fd: u32, addr: u64, len: u32): i64 {
  return consoleWrite(fd, addr, len);
}

export function platform_read(fd: u32, addr: u64, len: u32): i64 {
  return consoleRead(fd, addr, len);
}

export function platform_fd_filestat(fd: u32, out: usize): u32 {
  return consoleFilestat(fd, out);
}

export function platform_clock_time(id: u32): i64 {
  return clockTime(id);
}

export function platform_clock_res(id: u32): i64 {
  return clockResolution(id);
}

export function platform_sleep(ns: u64): void {
  sleep(ns);
}

export function platform_random(addr: u64, len: u32): u32 {
  return fillRandom(addr, len);
}

/**
 * WASI exit statuses are u32; the machine reports 0-255, so like Linux the app's status
 * is its low 8 bits (exit(256) reads as 0).
 */
export function platform_exit(code: u32): void {
  machine_exit(EXIT_APP, code & 0xff);
  unreachable();
}

export function platform_yield(): void {
  yieldNow();
}

export function platform_arg_count(): u32 {
  return argCount();
}

export function platform_arg(i: u32): u64 {
  return arg(i);
}

export function platform_env_count(): u32 {
  return envCount();
}

export function platform_env(i: u32): u64 {
  return env(i);
}
