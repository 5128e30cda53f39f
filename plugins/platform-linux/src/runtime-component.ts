import { fileURLToPath } from 'node:url';

/** The services the runtime gives other kernel components (imports of `mewz:kernel`). */
export const LINUX_SERVICES = [
  'platform_write',
  'platform_read',
  'platform_fd_filestat',
  'platform_clock_time',
  'platform_clock_res',
  'platform_sleep',
  'platform_random',
  'platform_exit',
  'platform_yield',
  'platform_arg_count',
  'platform_arg',
  'platform_env_count',
  'platform_env',
] as const;

/**
 * The Linux runtime as a kernel component (AssemblyScript in runtime/, compiled with the
 * other components into the kernel module): system calls through the syscall intrinsics,
 * the memory and table builtins (mmap/mprotect), and the trap report. The linux platform
 * names it in its `components`, so every linux image has it.
 */
export const linuxRuntime = Object.freeze({
  kind: 'component' as const,
  name: 'linux-runtime',
  apiVersion: 1 as const,
  description: 'Linux runtime: stdio, clocks, random, exit through syscalls; app memory and tables with mmap',
  // Relative to this module: src/ under jest, dist/ once built; both sit beside runtime/.
  sources: Object.freeze([fileURLToPath(new URL('../runtime/index.ts', import.meta.url))]),
  // System call numbers and `struct stat` differ per ISA: runtime/isa/<isa>.ts defines them as globals.
  isaSources: (isa: string) => Object.freeze([fileURLToPath(new URL(`../runtime/isa/${isa}.ts`, import.meta.url))]),
  provides: Object.freeze(LINUX_SERVICES.map((name) => Object.freeze({ module: 'mewz:kernel', name }))),
  requires: Object.freeze({}),
});
