import type { Options } from 'tsup';

/** Every package builds the same way: ESM with type declarations, one entry per public file. */
export function packageBuild(entry: Record<string, string> | string[], extra: Partial<Options> = {}): Options {
  return {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    ...extra,
  };
}
