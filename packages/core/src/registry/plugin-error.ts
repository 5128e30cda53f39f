import type { PluginKind } from '../plugins/plugin.js';

/** A plugin that cannot be found, loaded or used; the message says which and why. */
export class PluginError extends Error {
  /** Shape problems, when the plugin was found but is malformed. */
  readonly problems: readonly string[];
  readonly kind?: PluginKind;
  readonly specifier?: string;

  constructor(
    message: string,
    details: { kind?: PluginKind; specifier?: string; problems?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PluginError';
    this.kind = details.kind;
    this.specifier = details.specifier;
    this.problems = details.problems ?? [];
  }
}
