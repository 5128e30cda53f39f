import { pathToFileURL } from 'node:url';
import { checkPlugin } from '../plugins/check-plugin.js';
import { PLUGIN_KINDS, type Plugin, type PluginKind, type PluginOfKind } from '../plugins/plugin.js';
import { isRecord } from '../plugins/shape.js';
import { didYouMean } from '../suggest.js';
import { exportedPluginValues } from './module-plugins.js';
import { PluginError } from './plugin-error.js';
import { isPathSpecifier, resolvePackage, resolvePath } from './resolve-module.js';

/** Imports a module by absolute file path and returns its namespace object. */
export type ModuleLoader = (file: string) => Promise<unknown>;

export interface RegistryOptions {
  /** Plugins that ship with the caller (the CLI passes the built-in backends, platforms, components). */
  readonly builtins?: readonly Plugin[];
  /** Where relative paths and package names resolve from: the config file's folder. */
  readonly baseDir: string;
  /** Defaults to dynamic `import()`; tests and bundlers may substitute their own. */
  readonly load?: ModuleLoader;
}

export interface Registry {
  readonly baseDir: string;
  /**
   * The plugin of `kind` named by `specifier`, looked up in order as: the name of a
   * built-in or already loaded plugin; a relative or absolute path (against `baseDir`);
   * an installed npm package. Throws a `PluginError` saying what was tried.
   */
  resolve<K extends PluginKind>(kind: K, specifier: string): Promise<PluginOfKind<K>>;
  /**
   * Loads every plugin a package or path exports (a config's `plugins` entry) and makes
   * them known by name to later `resolve` calls. Returns them.
   */
  load(specifier: string): Promise<Plugin[]>;
  /** Known plugins of `kind`: built-ins first, then loaded ones, in order. */
  list<K extends PluginKind>(kind: K): PluginOfKind<K>[];
  /** Where a known plugin came from, for messages: `built-in`, or its module file. */
  sourceOf(plugin: Plugin): string | undefined;
}

/** A module found for a specifier: what the user wrote and the file it became. */
interface Located {
  specifier: string;
  file: string;
}

export const importModule: ModuleLoader = (file) => import(pathToFileURL(file).href);

/**
 * A registry: a name → plugin map private to this build. Built-ins are checked up front,
 * so a broken built-in fails at startup rather than when a config happens to name it.
 */
export function createRegistry(options: RegistryOptions): Registry {
  const { baseDir } = options;
  const loadModule = options.load ?? importModule;
  const known = new Map<PluginKind, Map<string, Plugin>>(PLUGIN_KINDS.map((kind) => [kind, new Map()]));
  const sources = new Map<Plugin, string>();
  // One import per file, even when several kinds or config keys name the same module.
  const modules = new Map<string, Promise<unknown>>();

  const register = (plugin: Plugin, source: string): void => {
    const byName = known.get(plugin.kind)!;
    const existing = byName.get(plugin.name);
    if (existing === plugin) return;
    if (existing !== undefined) {
      throw new PluginError(
        `${plugin.kind} "${plugin.name}" from ${source} clashes with the ${plugin.kind} of that name from ${sources.get(existing)}`,
        { kind: plugin.kind, specifier: plugin.name },
      );
    }
    byName.set(plugin.name, plugin);
    sources.set(plugin, source);
  };

  for (const builtin of options.builtins ?? []) {
    const problems = checkPlugin(builtin);
    if (problems.length > 0) {
      throw invalidPlugin(builtin, undefined, 'built-in', problems);
    }
    register(builtin as Plugin, 'built-in');
  }

  const locate = (kindWord: string, specifier: string, kind?: PluginKind): Located => {
    if (isPathSpecifier(specifier)) {
      const found = resolvePath(specifier, baseDir);
      if ('error' in found) {
        throw new PluginError(`cannot find ${kindWord} "${specifier}" (relative to ${baseDir}): ${found.error}`, {
          kind,
          specifier,
        });
      }
      return { specifier, file: found.file };
    }
    const found = resolvePackage(specifier, baseDir);
    if ('error' in found) {
      if (found.installed) {
        throw new PluginError(`cannot load ${kindWord} "${specifier}": ${found.error}`, { kind, specifier });
      }
      if (kind === undefined) {
        throw new PluginError(`cannot find ${kindWord} "${specifier}": ${found.error}`, { specifier });
      }
      const names = [...known.get(kind)!.keys()];
      throw new PluginError(
        `unknown ${kind} "${specifier}"; known: ${names.join(', ') || 'none'}${didYouMean(specifier, names)}\n` +
          `(it is not an installed package either: ${found.error})`,
        { kind, specifier },
      );
    }
    return { specifier, file: found.file };
  };

  const importLocated = async (kindWord: string, located: Located, kind?: PluginKind): Promise<unknown[]> => {
    let pending = modules.get(located.file);
    if (pending === undefined) {
      pending = loadModule(located.file);
      modules.set(located.file, pending);
    }
    try {
      return exportedPluginValues(await pending);
    } catch (error) {
      throw new PluginError(`cannot load ${kindWord} ${origin(located)}: ${(error as Error)?.message ?? String(error)}`, {
        kind,
        specifier: located.specifier,
        cause: error,
      });
    }
  };

  return {
    baseDir,

    async resolve<K extends PluginKind>(kind: K, specifier: string): Promise<PluginOfKind<K>> {
      const builtin = known.get(kind)!.get(specifier);
      if (builtin !== undefined) return builtin as PluginOfKind<K>;
      const located = locate(kind, specifier, kind);
      const values = await importLocated(kind, located, kind);
      // Values of another kind are skipped; anything else with a "kind" claims to be this one and is checked.
      const declared = values.filter((v) => isRecord(v) && v.kind !== undefined);
      const ofOtherKinds = declared.filter((v) => (v as Plugin).kind !== kind && PLUGIN_KINDS.includes((v as Plugin).kind));
      const candidates = declared.filter((v) => !ofOtherKinds.includes(v));
      if (candidates.length === 0) {
        throw new PluginError(`${origin(located)} exports no ${kind} plugin (${whatItExports(values)})`, { kind, specifier });
      }
      if (candidates.length > 1) {
        const names = candidates.map((v) => (isRecord(v) && typeof v.name === 'string' ? `"${v.name}"` : '(unnamed)'));
        throw new PluginError(
          `${origin(located)} exports ${candidates.length} ${kind} plugins (${names.join(', ')}); ` +
            `list it under "plugins" in the config and name the one to use`,
          { kind, specifier },
        );
      }
      const problems = checkPlugin(candidates[0], kind);
      if (problems.length > 0) throw invalidPlugin(candidates[0], kind, origin(located), problems, specifier);
      sources.set(candidates[0] as Plugin, located.file);
      return candidates[0] as PluginOfKind<K>;
    },

    async load(specifier: string): Promise<Plugin[]> {
      const located = locate('plugin package', specifier);
      const exported = await importLocated('plugins', located);
      const values = exported.filter((v) => isRecord(v) && v.kind !== undefined);
      if (values.length === 0) {
        throw new PluginError(`${origin(located)} exports no plugins (${whatItExports(exported)})`, { specifier });
      }
      const invalid = values
        .map((value) => ({ value, problems: checkPlugin(value) }))
        .filter((entry) => entry.problems.length > 0);
      if (invalid.length > 0) {
        const messages = invalid.map(({ value, problems }) => invalidPlugin(value, undefined, origin(located), problems).message);
        throw new PluginError(messages.join('\n'), { specifier, problems: invalid.flatMap((entry) => entry.problems) });
      }
      const plugins = values as Plugin[];
      for (const plugin of plugins) register(plugin, located.file);
      return plugins;
    },

    list<K extends PluginKind>(kind: K): PluginOfKind<K>[] {
      return [...known.get(kind)!.values()] as PluginOfKind<K>[];
    },

    sourceOf(plugin: Plugin): string | undefined {
      return sources.get(plugin);
    },
  };
}

/** For "exports no … plugin" errors: what the module offered instead. */
function whatItExports(values: readonly unknown[]): string {
  const plugins = values.filter((v): v is Plugin => isRecord(v) && PLUGIN_KINDS.includes(v.kind as PluginKind));
  const kindless = values.length - plugins.length;
  const parts = plugins.map((p) => `${p.kind} "${p.name}"`);
  if (kindless > 0) parts.push(`${kindless} value${kindless > 1 ? 's' : ''} without a "kind"`);
  const expected = 'expected a default export, a named "plugin" export, or an array of plugins';
  return parts.length === 0 ? expected : `it exports ${parts.join(', ')}`;
}

function origin(located: Located): string {
  return located.specifier === located.file ? `"${located.file}"` : `"${located.specifier}" (${located.file})`;
}

function invalidPlugin(
  value: unknown,
  kind: PluginKind | undefined,
  source: string,
  problems: readonly string[],
  specifier?: string,
): PluginError {
  const declared = isRecord(value) && PLUGIN_KINDS.includes(value.kind as PluginKind) ? (value.kind as PluginKind) : undefined;
  const kindWord = kind ?? declared ?? 'plugin';
  const name = isRecord(value) && typeof value.name === 'string' && value.name !== '' ? value.name : undefined;
  const subject =
    (source === 'built-in' ? `built-in ${kindWord}` : kindWord) +
    (name === undefined ? '' : ` "${name}"`) +
    (source === 'built-in' ? '' : ` from ${source}`);
  const list = problems.map((problem) => `  - ${problem}`).join('\n');
  return new PluginError(`${subject} is not a valid ${kind ?? declared ?? ''}${kind ?? declared ? ' ' : ''}plugin:\n${list}`, {
    kind: kind ?? declared,
    specifier: specifier ?? name,
    problems,
  });
}
