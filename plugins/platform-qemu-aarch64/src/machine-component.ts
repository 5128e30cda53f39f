import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * machine/index.ts: relative to this module (src/ under jest, dist/ once built; both sit
 * beside machine/), or, when a bundler copied this module into another package's dist,
 * through this package's own package.json.
 */
function machineSource(): string {
  const beside = fileURLToPath(new URL('../machine/index.ts', import.meta.url));
  if (existsSync(beside)) return beside;
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@mewz/platform-qemu-aarch64/package.json')), 'machine', 'index.ts');
  } catch {
    return beside; // the build names the missing file
  }
}

/** The `mewz:machine` services of docs/kernel-interfaces.md, every one of which this component provides. */
export const MACHINE_SERVICES = [
  'machine_init',
  'machine_cmdline',
  'machine_ram_count',
  'machine_ram_base',
  'machine_ram_size',
  'machine_app_region_base',
  'machine_app_region_size',
  'machine_map',
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

/**
 * The hardware of QEMU's virt machine (aarch64), as a kernel component (AssemblyScript in
 * machine/): PL011 console (stderr through semihosting), generic timer and PL031 clocks,
 * GICv2, page tables of the app region, the device tree (RAM, virtio-mmio, command line),
 * exit through semihosting (PSCI elsewhere). No PCI configuration reads. Its module also exports `mewz_exception`, which the platform's
 * exception stubs reach through the generated `__mewz_exception` (a kernel entry, not a
 * service).
 */
export const qemuAarch64Machine = Object.freeze({
  kind: 'component' as const,
  name: 'qemu-aarch64-machine',
  apiVersion: 1 as const,
  description: 'QEMU aarch64 virt machine: PL011 console, generic timer/PL031 clocks, GICv2, app-region paging, device tree, semihosting exit',
  sources: Object.freeze([machineSource()]),
  provides: Object.freeze(MACHINE_SERVICES.map((name) => Object.freeze({ module: 'mewz:machine', name }))),
  requires: Object.freeze({
    symbols: Object.freeze([
      Object.freeze({ module: 'mewz:kernel', name: 'mm_alloc_page' }),
      Object.freeze({ module: 'mewz:kernel', name: 'kernel_panic' }),
    ]),
  }),
});
