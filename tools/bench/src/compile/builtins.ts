// The plugins `mewz build` hands its registry, taken from the CLI itself and loaded on
// demand: the suite's runner composes the build exactly as the CLI does, and only the
// runner pays for loading the toolchain.
import type { Plugin } from '@mewz/core';

export async function loadBuiltinPlugins(): Promise<readonly Plugin[]> {
  const { BUILTIN_PLUGINS } = await import('@mewz/cli');
  return BUILTIN_PLUGINS;
}
