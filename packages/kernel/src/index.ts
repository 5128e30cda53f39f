/**
 * @mewz/kernel: the ISA-neutral kernel core of unikernel images — entry (`mewz_init`),
 * trap report (`mewz_trap`), log, panic, console, clocks, event loop, random numbers,
 * device discovery, and the `platform_*` services the WASI component runs on — all on top
 * of the platform's machine component (`mewz:machine`, docs/kernel-interfaces.md). Its
 * AssemblyScript sources are in assembly/; this module only describes them, as plain data
 * in the shape of @mewz/core's ComponentPlugin (kernel packages import nothing of the toolchain).
 */
import { fileURLToPath } from 'node:url';

/** The services kernel-wasi requires (its assembly/platform.ts), with the same names and types. */
export const PLATFORM_SERVICES = [
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

/** The services other components use. */
export const KERNEL_SERVICES = ['kernel_panic', 'kernel_log', 'kernel_add_poller'] as const;

/** The machine services it calls. */
export const KERNEL_MACHINE_IMPORTS = [
  'machine_init',
  'machine_cmdline',
  'machine_console_write',
  'machine_console_read',
  'machine_monotonic_ns',
  'machine_wall_ns',
  'machine_clock_resolution_ns',
  'machine_wait',
  'machine_entropy',
  'machine_exit',
  'machine_virtio_mmio_count',
  'machine_virtio_mmio_base',
  'machine_pci_read32',
] as const;

/** Entry points its module exports for the build's generated code (not `provides`). */
export const KERNEL_ENTRIES = ['mewz_init', 'mewz_trap'] as const;

export const kernelComponent = Object.freeze({
  kind: 'component' as const,
  name: 'kernel',
  apiVersion: 1 as const,
  description: 'Kernel core: entry, log, panic, trap report, console, clocks, event loop, random, devices, platform services',
  // Relative to this module: src/ under jest, dist/ once built; both sit beside assembly/.
  sources: Object.freeze([fileURLToPath(new URL('../assembly/index.ts', import.meta.url))]),
  provides: Object.freeze([...PLATFORM_SERVICES, ...KERNEL_SERVICES].map((name) => Object.freeze({ module: 'mewz:kernel', name }))),
  requires: Object.freeze({
    components: Object.freeze(['kernel-mm']),
    symbols: Object.freeze(KERNEL_MACHINE_IMPORTS.map((name) => Object.freeze({ module: 'mewz:machine', name }))),
  }),
});

export default kernelComponent;
