import { MACHINE_SERVICES, machineComponent } from '@mewz/core';
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

export { MACHINE_SERVICES };

/**
 * The hardware of QEMU's virt machine (aarch64), as a kernel component (AssemblyScript in
 * machine/): PL011 console (stderr through semihosting), generic timer and PL031 clocks,
 * GICv2, page tables of the app region, the device tree (RAM, virtio-mmio, command line),
 * exit through semihosting (PSCI elsewhere). No PCI configuration reads. Its module also exports `mewz_exception`, which the platform's
 * exception stubs reach through the generated `__mewz_exception` (a kernel entry, not a
 * service).
 */
export const qemuAarch64Machine = machineComponent({
  name: 'qemu-aarch64-machine',
  description: 'QEMU aarch64 virt machine: PL011 console, generic timer/PL031 clocks, GICv2, app-region paging, device tree, semihosting exit',
  source: machineSource(),
});
