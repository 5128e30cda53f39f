/**
 * @mewz/kernel-mm: the kernel component that manages memory on unikernel platforms — the
 * physical page allocator (`mm_alloc_page`, `mm_free_page`) and the app's linear memories
 * and tables (the runtime builtins memory_new, memory_grow, table_new, table_grow). Its
 * AssemblyScript sources are in assembly/; this module only describes them, as plain data
 * in the shape of @mewz/core's ComponentPlugin (kernel packages import nothing of the toolchain).
 */
import { fileURLToPath } from 'node:url';

/** The `mewz:kernel` services it provides to other components. */
export const MM_SERVICES = ['mm_alloc_page', 'mm_free_page'] as const;

/** The runtime builtins its module exports (bound by the build, not through `provides`). */
export const MM_BUILTINS = ['memory_new', 'memory_grow', 'table_new', 'table_grow'] as const;

/** The machine services it calls. */
export const MM_MACHINE_IMPORTS = [
  'machine_ram_count',
  'machine_ram_base',
  'machine_ram_size',
  'machine_app_region_base',
  'machine_app_region_size',
  'machine_map',
] as const;

export const kernelMmComponent = Object.freeze({
  kind: 'component' as const,
  name: 'kernel-mm',
  apiVersion: 1 as const,
  description: 'Physical page allocator; app linear memories and tables in the app region',
  // Relative to this module: src/ under jest, dist/ once built; both sit beside assembly/.
  sources: Object.freeze([fileURLToPath(new URL('../assembly/index.ts', import.meta.url))]),
  provides: Object.freeze(MM_SERVICES.map((name) => Object.freeze({ module: 'mewz:kernel', name }))),
  requires: Object.freeze({
    symbols: Object.freeze([
      ...MM_MACHINE_IMPORTS.map((name) => Object.freeze({ module: 'mewz:machine', name })),
      Object.freeze({ module: 'mewz:kernel', name: 'kernel_panic' }),
      Object.freeze({ module: 'mewz:kernel', name: 'kernel_log' }),
    ]),
  }),
});

export default kernelMmComponent;
