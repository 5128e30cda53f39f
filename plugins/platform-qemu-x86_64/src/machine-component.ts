import { MACHINE_SERVICES, machineComponent } from '@mewz/core';
import { fileURLToPath } from 'node:url';

export { MACHINE_SERVICES };

/**
 * The hardware of QEMU's microvm and q35 machines booted through PVH, as a kernel
 * component (AssemblyScript in machine/): 16550 console, TSC/PIT/RTC clocks, local and I/O
 * APIC, page tables of the app region, exit through isa-debug-exit, virtio-mmio slots and
 * PCI configuration reads. Its module also exports `mewz_exception`, which the platform's
 * exception stubs reach through the generated `__mewz_exception` (a kernel entry, not a
 * service).
 */
export const qemuX86_64Machine = machineComponent({
  name: 'qemu-x86_64-machine',
  description: 'QEMU x86_64 machine (microvm, q35): UART console, TSC/RTC clocks, APIC timer, app-region paging, exit, device slots',
  // Relative to this module: src/ under jest, dist/ once built; both sit beside machine/.
  source: fileURLToPath(new URL('../machine/index.ts', import.meta.url)),
});
