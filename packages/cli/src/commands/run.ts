import { open } from 'node:fs/promises';
import path from 'node:path';
import {
  ConfigError,
  CONFIG_DEFAULTS,
  createRegistry,
  loadConfig,
  type MewzConfig,
  type MewzConfigOverrides,
  type PlatformPlugin,
  PluginError,
  type Registry,
  RUN_STATUS,
  type RunCommand,
  type RunRequest,
} from '@mewz/core';
import { type BuildArgs, buildApp, buildOptions, configFor, explainErrors, registryFor } from '../build-app.js';
import { BUILTIN_PLUGINS } from '../builtins.js';
import { defineCommand } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { describeFsError } from '../load-input.js';
import { ACCEL_CHOICES, type AccelChoice, chooseAccel, hostAccelFacts } from '../run/accel.js';
import { elfFacts, type ElfFacts, isElf } from '../run/elf-facts.js';
import { appName, checkMachine, parseEnvOptions, parseRamSize } from '../run/run-options.js';
import { runProcess, statusFile } from '../run/run-process.js';

interface RunArgs extends BuildArgs {
  machine?: string;
  accel?: AccelChoice;
  env?: string | string[];
  memory?: string;
  '--'?: (string | number)[];
}

export const runCommand = defineCommand({
  command: 'run [app]',
  describe: 'build a WASI app if needed and run it (boot it in QEMU, or execute a linux image)',
  builder: (yargs) =>
    buildOptions(
      yargs
        // The app's arguments follow `--`; without this yargs would take them as positionals
        // (and read "1e3" or "0x10" as numbers).
        .parserConfiguration({ 'populate--': true, 'parse-positional-numbers': false })
        .positional('app', { type: 'string', describe: 'an image (ELF), or a .wasm/.wat app to build first (or "app" in the config)' }),
    )
      .option('machine', { alias: 'm', type: 'string', describe: "the VM's machine type (qemu-x86_64: microvm, q35; default the config's machine, else the platform's first)" })
      .option('accel', { type: 'string', choices: ACCEL_CHOICES, describe: 'run guest code with QEMU\'s translator (tcg) or KVM; auto: KVM only on a bare-metal host with a usable /dev/kvm' })
      // Not `array: true`, which would take the app's path after `-e A=1` as a second value;
      // a repeated string option arrives as an array anyway.
      .option('env', { alias: 'e', type: 'string', describe: 'NAME=VALUE for the app\'s environment (repeatable; over the config\'s env)' })
      .option('memory', { type: 'string', describe: 'guest RAM, e.g. 256MiB (config memory.ram)' })
      .example('$0 run app.wasm -- input.txt', 'build out/app-qemu-x86_64.elf and boot it with argv "app input.txt"')
      .example('$0 run out/app-qemu-x86_64.elf --env DEBUG=1', 'boot an image built before')
      .example('$0 run app.wat --platform linux', 'build a static Linux executable and execute it')
      .epilogue(
        'A .wasm or .wat app is built first, exactly as `mewz build` builds it, into the same\n' +
          'output (default out/<app>-<platform>.elf). An ELF image is run as is: its platform is\n' +
          'the one --platform or the config names, else the one its format shows (the PVH note:\n' +
          'qemu-<isa>; a Linux executable: linux). The app gets argv[0] = its file name without\n' +
          'extension, then the arguments after --. mewz run exits with the app\'s status; 134\n' +
          'after a trap, 135 after a kernel panic, 125 when the run ended without a status, 127\n' +
          'when QEMU is not installed.',
      ),
  async run(args: RunArgs) {
    const env = parseEnvOptions([args.env ?? []].flat());
    const appArgs = args['--']?.map(String);
    const image = args.app !== undefined ? await imageFacts(args.app) : undefined;
    const plan = image ? await imagePlan(args, image) : await buildPlan(args, env, appArgs);
    const { platform, registry, config } = plan;
    const machine = checkMachine(platform, args.machine, config);
    const accel = chooseAccel(args.accel ?? 'auto', plan.isa, hostAccelFacts());
    if (accel instanceof Error) throw new UsageError(`mewz: ${accel.message}`);
    const memory = image && args.memory !== undefined ? parseRamSize(args.memory) : (config?.memory.ram ?? CONFIG_DEFAULTS.memory.ram);
    if (!image) await buildApp(config!, registry, args['cache-dir']);
    const imageFile = image ? image.file : config!.output;

    const status = await statusFile();
    try {
      const request: RunRequest = {
        image: imageFile,
        isa: plan.isa,
        memory,
        machine,
        accel,
        args: [appName(image ? image.file : config!.app), ...(appArgs ?? config?.args ?? [])],
        env: { ...config?.env, ...env },
        statusFile: status.file,
      };
      return await runProcess(commandOf(platform, request), status.file);
    } finally {
      await status.remove();
    }
  },
});

interface RunPlan {
  config?: MewzConfig;
  registry: Registry;
  platform: PlatformPlugin;
  isa: string;
}

interface ImageFacts extends ElfFacts {
  file: string;
}

/** The ELF facts of `file` when it is an ELF file; undefined for an app to build. */
async function imageFacts(file: string): Promise<ImageFacts | undefined> {
  let bytes: Uint8Array | undefined;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const head = new Uint8Array(4);
      await handle.read(head, 0, Math.min(4, size), 0);
      if (isElf(head)) {
        bytes = new Uint8Array(size);
        await handle.read(bytes, 0, size, 0);
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new CliError(`mewz: cannot read '${file}': ${describeFsError(error)}`);
  }
  if (bytes === undefined) {
    if (!/\.(wasm|wat)$/i.test(file)) throw new CliError(`mewz: ${file} is neither an ELF image nor a .wasm or .wat app`);
    return undefined;
  }
  const facts = elfFacts(bytes);
  if (facts instanceof Error) throw new CliError(`mewz: ${file}: not an image mewz can run: ${facts.message}`);
  return { file: path.resolve(file), ...facts };
}

/** An image run: the platform from the command line, the config or the image itself. */
async function imagePlan(args: RunArgs, image: ImageFacts): Promise<RunPlan> {
  const buildOnly = (['output', 'missing-imports', 'memory-max', 'stack', 'cache-dir'] as const).filter((name) => args[name] !== undefined);
  if (buildOnly.length > 0) {
    throw new UsageError(`mewz: ${buildOnly.map((name) => `--${name}`).join(', ')}: ${args.app} is an image, which is run as it was built`);
  }
  if (args.target !== undefined && args.target !== image.isa) {
    throw new UsageError(`mewz: ${args.app} is an ${image.isa} image, not ${args.target}`);
  }
  let config: MewzConfig | undefined;
  try {
    if (args.config !== undefined) config = await loadConfig(args.config);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  const registry = createRegistry({ builtins: BUILTIN_PLUGINS, baseDir: config?.baseDir ?? process.cwd() });
  const platform = await explainErrors(args.app!, async () => {
    for (const spec of config?.plugins ?? []) await registry.load(spec);
    const named = args.platform ?? config?.platform;
    return named !== undefined ? registry.resolve('platform', named) : platformOfImage(registry, image, args.app!);
  });
  if (!platform.isas.includes(image.isa)) {
    throw new CliError(`mewz: ${args.app} is an ${image.isa} image; the ${platform.name} platform runs ${platform.isas.join(', ')}`);
  }
  return { config, registry, platform, isa: image.isa };
}

/** The platform an image was made for, from its entry kind; the ISA's default platform first. */
function platformOfImage(registry: Registry, image: ImageFacts, file: string): PlatformPlugin {
  const fits = registry.list('platform').filter((p) => p.isas.includes(image.isa) && p.imageFormat.entry === image.entry);
  const chosen = fits.find((p) => p.name === `qemu-${image.isa}`) ?? fits[0];
  if (chosen === undefined) {
    const kind = image.entry === undefined ? 'an ELF file of no known image kind' : `a ${image.entry} image`;
    throw new CliError(`mewz: ${file} is ${kind} for ${image.isa}, which no known platform runs; name one with --platform`);
  }
  return chosen;
}

/** An app run: the config as `build` makes it, with run's overrides, and its platform. */
async function buildPlan(args: RunArgs, env: Record<string, string>, appArgs: string[] | undefined): Promise<RunPlan> {
  const extra: { -readonly [K in keyof MewzConfigOverrides]: MewzConfigOverrides[K] } = {};
  if (Object.keys(env).length > 0) extra.env = env;
  if (appArgs !== undefined) extra.args = appArgs;
  if (args.memory !== undefined) extra.memory = { ram: args.memory };
  const config = await configFor(args, extra);
  const registry = registryFor(config);
  const resolved = await explainErrors(config.app, async () => {
    for (const spec of config.plugins) await registry.load(spec);
    return { platform: await registry.resolve('platform', config.platform), backend: await registry.resolve('backend', config.target) };
  });
  if (!resolved.platform.isas.includes(resolved.backend.name)) {
    throw new CliError(`mewz: the ${resolved.platform.name} platform runs ${resolved.platform.isas.join(', ')}, not ${resolved.backend.name}`);
  }
  return { config, registry, platform: resolved.platform, isa: resolved.backend.name };
}

/** The platform's command for the request; its refusal ends the run like a run without a status. */
function commandOf(platform: PlatformPlugin, request: RunRequest): RunCommand {
  try {
    return platform.run(request);
  } catch (error) {
    if (error instanceof PluginError || error instanceof Error) throw new CliError(`mewz: ${error.message}`, RUN_STATUS.noStatus);
    throw error;
  }
}
