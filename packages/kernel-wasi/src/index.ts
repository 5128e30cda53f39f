/**
 * @mewz/kernel-wasi: the WASI preview1 kernel component. Its AssemblyScript sources
 * (assembly/) implement every preview1 function on top of the services a platform's
 * kernel component provides (`mewz:kernel` imports); this module only describes them.
 * Kernel packages import nothing of the toolchain, so the value is plain data in the
 * shape of @mewz/core's ComponentPlugin.
 */
import { fileURLToPath } from 'node:url';
import { PLATFORM_SERVICES, WASI_PREVIEW1_FUNCTIONS } from './wasi-functions.js';

export { PLATFORM_SERVICES, WASI_PREVIEW1, WASI_PREVIEW1_FUNCTIONS, type WasiFunction } from './wasi-functions.js';

export const WASI_MODULE = 'wasi_snapshot_preview1';

export const plugin = Object.freeze({
  kind: 'component' as const,
  name: 'wasi',
  apiVersion: 1 as const,
  description: 'WASI preview1: stdio, args, environ, clocks, random, exit (files and sockets answer EBADF/ENOTSOCK)',
  // Relative to this module: src/ under jest, dist/ once built; both sit beside assembly/.
  sources: Object.freeze([fileURLToPath(new URL('../assembly/index.ts', import.meta.url))]),
  provides: Object.freeze(WASI_PREVIEW1_FUNCTIONS.map((name) => Object.freeze({ module: WASI_MODULE, name }))),
  requires: Object.freeze({
    symbols: Object.freeze(PLATFORM_SERVICES.map((name) => Object.freeze({ module: 'mewz:kernel', name }))),
  }),
});

export default plugin;
