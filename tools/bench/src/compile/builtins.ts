// The plugins `mewz build` hands its registry (packages/cli/src/builtins.ts), loaded on
// demand: the suite's runner composes the build exactly as the CLI does, and only the
// runner pays for loading the toolchain. A test keeps this list equal to the CLI's.
import type { Plugin } from '@mewz/core';

export async function loadBuiltinPlugins(): Promise<readonly Plugin[]> {
  const [{ x86_64Backend }, { plugin: wasiComponent }, { linuxPlatform, linuxRuntime }] = await Promise.all([
    import('@mewz/backend-x86_64'),
    import('@mewz/kernel-wasi'),
    import('@mewz/platform-linux'),
  ]);
  return [x86_64Backend, linuxPlatform, linuxRuntime, wasiComponent] as unknown as readonly Plugin[];
}
