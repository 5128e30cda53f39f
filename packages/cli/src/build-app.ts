// What `mewz build` and `mewz run` share: the build options, the config they make with a
// config file, and the build itself with its errors explained.
import { rename, rm } from 'node:fs/promises';
import { WasmError } from '@mewz/wasm';
import type { Argv } from 'yargs';
import {
  BuildError,
  buildFromConfig,
  type BuiltImage,
  ConfigError,
  createRegistry,
  LinkError,
  loadConfig,
  mergeConfig,
  type MewzConfig,
  type MewzConfigOverrides,
  parseConfig,
  PluginError,
  type Registry,
  type SizeInput,
  writeImage,
} from '@mewz/core';
import { BUILTIN_PLUGINS } from './builtins.js';
import { CliError, UsageError } from './errors.js';
import { describeFsError, type LoadedInput, loadInput } from './load-input.js';

export interface BuildArgs {
  app?: string;
  config?: string;
  target?: string;
  platform?: string;
  output?: string;
  'missing-imports'?: string;
  'memory-max'?: string;
  stack?: string;
  'cache-dir'?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The options of `build`, which `run` has too (it builds the same way). */
export function buildOptions<T>(yargs: Argv<T>): Argv<T & BuildArgs> {
  return yargs
    .option('config', { alias: 'c', type: 'string', describe: 'a mewz.config.json; the options below override it' })
    .option('target', { alias: 't', type: 'string', describe: 'ISA: x86_64 or aarch64 (a backend plugin)' })
    .option('platform', { alias: 'p', type: 'string', describe: 'machine: qemu-x86_64 (a VM image), linux (a static executable) (default qemu-<target>)' })
    .option('output', { alias: 'o', type: 'string', describe: 'the image to write (default out/<app>-<platform>.elf)' })
    .option('missing-imports', { type: 'string', choices: ['error', 'enosys'], describe: 'imports no kernel component provides: fail, or return ENOSYS' })
    .option('memory-max', { type: 'string', describe: "cap on the app's linear memory, e.g. 64MiB" })
    .option('stack', { type: 'string', describe: 'stack for compiled code, e.g. 1MiB' })
    .option('cache-dir', { type: 'string', describe: 'where compiled kernels are cached (default node_modules/.cache/mewz)' }) as Argv<T & BuildArgs>;
}

/**
 * The config: a file's with the command line on top, or the command line alone. `extra`
 * are overrides of options only `run` has (env, args, guest RAM).
 */
export async function configFor(args: BuildArgs, extra: MewzConfigOverrides = {}): Promise<MewzConfig> {
  const overrides: Mutable<MewzConfigOverrides> = { ...extra };
  if (args.app !== undefined) overrides.app = args.app;
  if (args.target !== undefined) overrides.target = args.target;
  if (args.platform !== undefined) overrides.platform = args.platform;
  if (args.output !== undefined) overrides.output = args.output;
  if (args['missing-imports'] !== undefined) overrides.missingImports = args['missing-imports'] as 'error' | 'enosys';
  const memory: { max?: SizeInput; stack?: SizeInput; ram?: SizeInput } = { ...extra.memory };
  if (args['memory-max'] !== undefined) memory.max = args['memory-max'];
  if (args.stack !== undefined) memory.stack = args.stack;
  if (Object.keys(memory).length > 0) overrides.memory = memory;
  try {
    if (args.config !== undefined) return mergeConfig(await loadConfig(args.config), overrides, { baseDir: process.cwd() });
    if (args.app === undefined) throw new UsageError('mewz: no app given (name a .wasm or .wat file, or a config with --config)');
    return parseConfig(JSON.stringify(overrides), 'command line', { baseDir: process.cwd() });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/** A registry with the built-ins and the config's plugins, for the folder of the config. */
export function registryFor(config: MewzConfig): Registry {
  return createRegistry({ builtins: BUILTIN_PLUGINS, baseDir: config.baseDir });
}

export interface BuiltApp {
  input: LoadedInput;
  built: BuiltImage;
}

/**
 * Builds the config's app and writes the image to `config.output`. The image is written
 * beside its place and renamed into it, so a concurrent run of the same app never
 * executes a half-written file.
 */
export async function buildApp(config: MewzConfig, registry: Registry, cacheDir?: string): Promise<BuiltApp> {
  const input = await loadInput(config.app);
  const built = await explainErrors(input.file, () => buildFromConfig(config, registry, input.bytes, { cacheDir }));
  const aside = `${config.output}.${process.pid}.tmp`;
  try {
    await writeImage(aside, built.elf);
    await rename(aside, config.output);
  } catch (error) {
    await rm(aside, { force: true }).catch(() => {});
    throw new CliError(`mewz: cannot write '${config.output}': ${describeFsError(error)}`);
  }
  return { input, built };
}

/** Errors a user can act on, printed without a stack trace. */
export async function explainErrors<T>(file: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof WasmError) throw new CliError(error.format(file));
    if (error instanceof BuildError || error instanceof PluginError || error instanceof ConfigError) throw new CliError(`mewz: ${error.message}`);
    if (error instanceof LinkError) throw new CliError(`mewz: the image does not link: ${error.message}`);
    throw error;
  }
}
