import { isRecord } from '../plugins/shape.js';
import type { MewzConfig, MewzConfigOverrides } from './config.js';
import { ConfigError } from './config-error.js';
import {
  applyComponentSettings,
  defaultOutput,
  defaultPlatform,
  memoryFitProblems,
  normalizeFields,
} from './normalize.js';
import { compileConfigValidator } from './schema.js';
import { schemaProblems, type PointerProblem } from './schema-problems.js';

export interface MergeConfigOptions {
  /** Where relative paths in the overrides resolve from; default: the current directory. */
  readonly baseDir?: string;
  /** Names the overrides in messages; default "command line". */
  readonly source?: string;
}

/**
 * `base` with `overrides` (any part of a config, in file syntax) on top: scalars (`machine`
 * included, whichever platform it ends up with: `mewz run` checks it) and
 * `args` are replaced; `memory` and `env` are merged key by key; `plugins` are added;
 * `components` in object form adjusts the base selection, "auto" or a list replaces it.
 * A platform or output that was the default for the old target/app is re-derived.
 * Throws a `ConfigError` (with `source` as the file) if the overrides are invalid.
 */
export function mergeConfig(base: MewzConfig, overrides: MewzConfigOverrides, options: MergeConfigOptions = {}): MewzConfig {
  const source = options.source ?? 'command line';
  const fail = (problems: readonly PointerProblem[]): never => {
    throw new ConfigError(problems.map((problem) => ({ file: source, ...problem })));
  };
  const validate = compileConfigValidator('overrides');
  if (!validate(overrides)) fail(schemaProblems(validate.errors ?? []));
  const { fields, problems } = normalizeFields(overrides, options.baseDir ?? process.cwd());
  if (problems.length > 0) fail(problems);

  const target = fields.target ?? base.target;
  let platform = fields.platform ?? base.platform;
  if (fields.platform === undefined && fields.target !== undefined && base.platform === defaultPlatform(base.target)) {
    const derived = defaultPlatform(target);
    if (derived === undefined) {
      fail([{ pointer: '/platform', message: `required key is missing: there is no default platform for target "${target}"` }]);
    }
    platform = derived!;
  }
  const app = fields.app ?? base.app;
  const wasDefaultOutput = base.output === defaultOutput(base.baseDir, base.app, base.platform);
  const output = fields.output ?? (wasDefaultOutput ? defaultOutput(base.baseDir, app, platform) : base.output);
  const memory = { ...base.memory, ...fields.memory };
  const fit = memoryFitProblems(memory, fields.memory?.ram !== undefined ? 'ram' : 'max');
  if (fit.length > 0) fail(fit);
  const components =
    overrides.components !== undefined && isRecord(overrides.components)
      ? applyComponentSettings(base.components, overrides.components)
      : (fields.components ?? base.components);
  const machine = fields.machine ?? base.machine;
  return {
    file: base.file,
    baseDir: base.baseDir,
    app,
    target,
    platform,
    ...(machine !== undefined ? { machine } : {}),
    memory,
    components,
    plugins: [...base.plugins, ...(fields.plugins ?? []).filter((p) => !base.plugins.includes(p))],
    output,
    args: fields.args ?? base.args,
    env: { ...base.env, ...fields.env },
    missingImports: fields.missingImports ?? base.missingImports,
  };
}
