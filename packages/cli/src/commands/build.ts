import { isAbsolute, relative } from 'node:path';
import { WasmError } from '@mewz/wasm';
import {
  BuildError,
  buildFromConfig,
  ConfigError,
  createRegistry,
  LinkError,
  loadConfig,
  mergeConfig,
  type MewzConfig,
  type MewzConfigOverrides,
  parseConfig,
  PluginError,
  writeImage,
} from '@mewz/core';
import { BUILTIN_PLUGINS } from '../builtins.js';
import { defineCommand } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { loadInput } from '../load-input.js';

interface BuildArgs {
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

export const buildCommand = defineCommand({
  command: 'build [app]',
  describe: 'compile a WASI app and the kernel it needs into an image',
  builder: (yargs) =>
    yargs
      .positional('app', { type: 'string', describe: 'a .wasm binary or a .wat text module (or "app" in the config)' })
      .option('config', { alias: 'c', type: 'string', describe: 'a mewz.config.json; the options below override it' })
      .option('target', { alias: 't', type: 'string', describe: 'ISA: x86_64 (a backend plugin)' })
      .option('platform', { alias: 'p', type: 'string', describe: 'machine: linux (a static executable), … (default qemu-<target>)' })
      .option('output', { alias: 'o', type: 'string', describe: 'the image to write (default out/<app>-<platform>.elf)' })
      .option('missing-imports', { type: 'string', choices: ['error', 'enosys'], describe: 'imports no kernel component provides: fail, or return ENOSYS' })
      .option('memory-max', { type: 'string', describe: 'cap on the app\'s linear memory, e.g. 64MiB' })
      .option('stack', { type: 'string', describe: 'stack for compiled code, e.g. 1MiB' })
      .option('cache-dir', { type: 'string', describe: 'where compiled kernels are cached (default node_modules/.cache/mewz)' })
      .example('$0 build app.wasm --target x86_64 --platform linux -o app', 'a static Linux executable: ./app args…')
      .example('$0 build -c mewz.config.json', 'everything from the config')
      .epilogue(
        'The app is validated, the kernel components it needs are chosen from its imports and\n' +
          'compiled from AssemblyScript, both are compiled to native code and linked with the\n' +
          "platform's stubs. A linux image is run directly; traps print 'trap: <kind> in <function>'\n" +
          'and exit with status 134.',
      ),
  async run(args: BuildArgs, { io }) {
    const config = await configFor(args);
    const input = await loadInput(config.app);
    const registry = createRegistry({ builtins: BUILTIN_PLUGINS, baseDir: config.baseDir });
    const built = await explainErrors(input.file, () => buildFromConfig(config, registry, input.bytes, { cacheDir: args['cache-dir'] }));
    await writeImage(config.output, built.elf);
    const rel = relative(process.cwd(), config.output);
    const out = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? config.output : rel;
    io.stdout(`${input.file} → ${out} (${kib(built.elf.length)}; kernel: ${built.components.join(', ')})\n`);
    if (built.stubbed.length > 0) io.stdout(`imports returning ENOSYS: ${built.stubbed.join(', ')}\n`);
    return 0;
  },
});

/** The config: a file's with the command line on top, or the command line alone. */
async function configFor(args: BuildArgs): Promise<MewzConfig> {
  const overrides: { -readonly [K in keyof MewzConfigOverrides]: MewzConfigOverrides[K] } = {};
  if (args.app !== undefined) overrides.app = args.app;
  if (args.target !== undefined) overrides.target = args.target;
  if (args.platform !== undefined) overrides.platform = args.platform;
  if (args.output !== undefined) overrides.output = args.output;
  if (args['missing-imports'] !== undefined) overrides.missingImports = args['missing-imports'] as 'error' | 'enosys';
  const memory: { max?: string; stack?: string } = {};
  if (args['memory-max'] !== undefined) memory.max = args['memory-max'];
  if (args.stack !== undefined) memory.stack = args.stack;
  if (Object.keys(memory).length > 0) overrides.memory = memory;
  try {
    if (args.config !== undefined) return mergeConfig(await loadConfig(args.config), overrides, { baseDir: process.cwd() });
    if (args.app === undefined) throw new UsageError('no app given (name a .wasm or .wat file, or a config with --config)');
    return parseConfig(JSON.stringify(overrides), 'command line', { baseDir: process.cwd() });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/** Errors a user can act on, printed without a stack trace. */
async function explainErrors<T>(file: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof WasmError) throw new CliError(error.format(file));
    if (error instanceof BuildError || error instanceof PluginError || error instanceof ConfigError) throw new CliError(`mewz: ${error.message}`);
    if (error instanceof LinkError) throw new CliError(`mewz: the image does not link: ${error.message}`);
    throw error;
  }
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
