import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MewzConfig } from '../config/config.js';
import type { Registry } from '../registry/registry.js';
import { type BuildInput, type BuiltImage, buildImage } from './build-image.js';

/**
 * A build as a config describes it: its plugin packages loaded, the backend and platform
 * it names resolved through the registry, and every component the registry knows to
 * choose from. The caller reads
 * the app (a `.wat` needs converting, which core leaves to its callers).
 */
export async function buildFromConfig(config: MewzConfig, registry: Registry, app: Uint8Array, options: Pick<BuildInput, 'cacheDir' | 'onPhase'> = {}): Promise<BuiltImage> {
  for (const spec of config.plugins) await registry.load(spec);
  const backend = await registry.resolve('backend', config.target);
  const platform = await registry.resolve('platform', config.platform);
  return buildImage({
    app,
    backend,
    platform,
    components: registry.list('component'),
    selection: config.components,
    memory: { max: config.memory.max, stack: config.memory.stack },
    missingImports: config.missingImports,
    cacheDir: options.cacheDir,
    onPhase: options.onPhase,
  });
}

/** Writes an image and makes it executable (a linux image runs as is; others do not mind). */
export async function writeImage(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, bytes);
  await chmod(file, 0o755);
}
