import type { BackendPlugin } from './backend.js';
import type { ComponentPlugin } from './component.js';
import type { PlatformPlugin } from './platform.js';

/** The three plugin kinds of DESIGN.md: a machine ISA, a machine/boot protocol, a kernel feature. */
export type PluginKind = 'backend' | 'platform' | 'component';

export const PLUGIN_KINDS: readonly PluginKind[] = ['backend', 'platform', 'component'];

/**
 * The plugin API version this mewz understands. A plugin states the version it was written
 * against so that an incompatible one is refused by name instead of failing mid-build.
 */
export const PLUGIN_API_VERSION = 1;

/** What every plugin value carries. */
export interface PluginBase<K extends PluginKind> {
  readonly kind: K;
  /** The name a config uses for it, unique among plugins of the same kind. */
  readonly name: string;
  readonly apiVersion: typeof PLUGIN_API_VERSION;
  /** One line for `mewz` listings. */
  readonly description?: string;
}

export interface PluginsByKind {
  backend: BackendPlugin;
  platform: PlatformPlugin;
  component: ComponentPlugin;
}

export type PluginOfKind<K extends PluginKind> = PluginsByKind[K];

export type Plugin = PluginsByKind[PluginKind];
