import { basename, extname, join, resolve } from 'node:path';
import { isRecord } from '../plugins/shape.js';
import { isPathSpecifier } from '../registry/resolve-module.js';
import type {
  ComponentSelection,
  ComponentsInput,
  MemoryConfig,
  MewzConfig,
  MewzConfigOverrides,
  MissingImports,
} from './config.js';
import { pointerSegment } from './json-parse.js';
import type { PointerProblem } from './schema-problems.js';
import { formatSize, parseSize } from './size.js';

/**
 * From schema-valid input to config values: paths made absolute, sizes parsed and
 * checked, `components` in one shape. Defaults are a separate step (`completeConfig`)
 * so that `mergeConfig` can normalize overrides without inventing values for them.
 */

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const WASM_PAGE = 64 * KiB;

export const CONFIG_DEFAULTS = {
  target: 'x86_64',
  memory: { max: 64 * MiB, stack: 1 * MiB, ram: 256 * MiB },
  missingImports: 'error' as MissingImports,
} as const;

/** Each memory size's rules: what it must be a multiple of, and its upper bound. */
const MEMORY_RULES: Readonly<Record<keyof MemoryConfig, { multiple: number; unit: string; max?: number; usualUnit: string }>> = {
  max: { multiple: WASM_PAGE, unit: 'the 64KiB Wasm page', max: 4 * GiB, usualUnit: 'MiB' },
  stack: { multiple: 4 * KiB, unit: '4KiB', usualUnit: 'KiB' },
  ram: { multiple: MiB, unit: '1MiB', usualUnit: 'MiB' },
};

/** The parts of a config an input (or override) sets, normalized. */
export interface ConfigFields {
  app?: string;
  target?: string;
  platform?: string;
  machine?: string;
  memory?: Partial<MemoryConfig>;
  components?: ComponentSelection;
  plugins?: string[];
  output?: string;
  args?: string[];
  env?: Record<string, string>;
  missingImports?: MissingImports;
}

export const AUTO_COMPONENTS: ComponentSelection = { auto: true, include: [], exclude: [], options: {} };

export function normalizeFields(input: MewzConfigOverrides, baseDir: string): { fields: ConfigFields; problems: PointerProblem[] } {
  const problems: PointerProblem[] = [];
  const fields: ConfigFields = {};
  const specifier = (value: string): string => (isPathSpecifier(value) ? resolve(baseDir, value) : value);
  if (input.app !== undefined) fields.app = resolve(baseDir, input.app);
  if (input.target !== undefined) fields.target = specifier(input.target);
  if (input.platform !== undefined) fields.platform = specifier(input.platform);
  if (input.machine !== undefined) fields.machine = input.machine;
  if (input.memory !== undefined) {
    const memory: { -readonly [K in keyof MemoryConfig]?: number } = {};
    for (const key of Object.keys(MEMORY_RULES) as (keyof MemoryConfig)[]) {
      const value = input.memory[key];
      if (value === undefined) continue;
      const bytes = checkMemorySize(key, value, problems);
      if (bytes !== undefined) memory[key] = bytes;
    }
    fields.memory = memory;
  }
  if (input.components !== undefined) fields.components = normalizeComponents(input.components);
  if (input.plugins !== undefined) fields.plugins = input.plugins.map(specifier);
  if (input.output !== undefined) fields.output = resolve(baseDir, input.output);
  if (input.args !== undefined) fields.args = [...input.args];
  if (input.env !== undefined) {
    fields.env = {};
    for (const [name, value] of Object.entries(input.env)) {
      if (name === '' || name.includes('=')) {
        problems.push({ pointer: `/env/${pointerSegment(name)}`, message: 'a variable name must be non-empty and cannot contain "="' });
      } else {
        fields.env[name] = value;
      }
    }
  }
  if (input.missingImports !== undefined) fields.missingImports = input.missingImports;
  return { fields, problems };
}

function checkMemorySize(key: keyof MemoryConfig, value: number | string, problems: PointerProblem[]): number | undefined {
  const pointer = `/memory/${key}`;
  const parsed = parseSize(value);
  if ('error' in parsed) {
    problems.push({ pointer, message: parsed.error });
    return undefined;
  }
  const { bytes } = parsed;
  const rule = MEMORY_RULES[key];
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  if (bytes === 0) {
    problems.push({ pointer, message: 'must not be 0' });
  } else if (bytes % rule.multiple !== 0) {
    // A small plain number is most likely a size whose unit was forgotten.
    const forgotUnit = typeof value === 'number' && bytes < rule.multiple;
    const suggestion = forgotUnit ? `${bytes}${rule.usualUnit}` : formatSize(Math.ceil(bytes / rule.multiple) * rule.multiple);
    const note = forgotUnit ? ' (a size without a unit is in bytes)' : '';
    problems.push({ pointer, message: `${shown} is not a multiple of ${rule.unit}${note}; did you mean "${suggestion}"?` });
  } else if (rule.max !== undefined && bytes > rule.max) {
    problems.push({ pointer, message: `${shown} is more than ${formatSize(rule.max)}, the most a 32-bit Wasm memory can have` });
  } else {
    return bytes;
  }
  return undefined;
}

export function normalizeComponents(input: ComponentsInput): ComponentSelection {
  if (input === 'auto') return AUTO_COMPONENTS;
  if (Array.isArray(input)) return { auto: false, include: [...input], exclude: [], options: {} };
  return applyComponentSettings(AUTO_COMPONENTS, input as Readonly<Record<string, boolean | Record<string, unknown>>>);
}

/** Object-form `components` on top of a selection: true/options include, false excludes. */
export function applyComponentSettings(
  base: ComponentSelection,
  settings: Readonly<Record<string, boolean | Readonly<Record<string, unknown>>>>,
): ComponentSelection {
  const include = new Set(base.include);
  const exclude = new Set(base.exclude);
  const options: Record<string, Readonly<Record<string, unknown>>> = { ...base.options };
  for (const [name, setting] of Object.entries(settings)) {
    if (setting === false) {
      include.delete(name);
      exclude.add(name);
      continue;
    }
    exclude.delete(name);
    include.add(name);
    if (isRecord(setting)) options[name] = { ...options[name], ...setting };
  }
  return { auto: base.auto, include: [...include], exclude: [...exclude], options };
}

export function defaultPlatform(target: string): string | undefined {
  return /^[A-Za-z0-9_]+$/.test(target) ? `qemu-${target}` : undefined;
}

export function defaultOutput(baseDir: string, app: string, platform: string): string {
  const stem = (path: string): string => basename(path, extname(path)).replace(/[^A-Za-z0-9._-]/g, '_');
  return join(baseDir, 'out', `${stem(app)}-${stem(platform)}.elf`);
}

/**
 * A full config from fields: defaults filled in, then the checks that involve more than
 * one field. `app` must be set (the schema requires it of files).
 */
export function completeConfig(
  fields: ConfigFields,
  context: { file?: string; baseDir: string; explicitRam?: boolean },
): { config?: MewzConfig; problems: PointerProblem[] } {
  const problems: PointerProblem[] = [];
  const target = fields.target ?? CONFIG_DEFAULTS.target;
  const platform = fields.platform ?? defaultPlatform(target);
  if (platform === undefined) {
    problems.push({ pointer: '/platform', message: `required key is missing: there is no default platform for target "${target}"` });
  }
  const memory = { ...CONFIG_DEFAULTS.memory, ...fields.memory };
  problems.push(...memoryFitProblems(memory, fields.memory?.ram !== undefined ? 'ram' : 'max'));
  if (fields.app === undefined) problems.push({ pointer: '/app', message: 'required key is missing' });
  if (problems.length > 0 || fields.app === undefined || platform === undefined) return { problems };
  return {
    problems,
    config: {
      file: context.file,
      baseDir: context.baseDir,
      app: fields.app,
      target,
      platform,
      ...(fields.machine !== undefined ? { machine: fields.machine } : {}),
      memory,
      components: fields.components ?? AUTO_COMPONENTS,
      plugins: fields.plugins ?? [],
      output: fields.output ?? defaultOutput(context.baseDir, fields.app, platform),
      args: fields.args ?? [],
      env: fields.env ?? {},
      missingImports: fields.missingImports ?? CONFIG_DEFAULTS.missingImports,
    },
  };
}

/**
 * The app's memory and stack must leave room in the machine's RAM for the kernel too.
 * `blame` is the key the problem is reported at: the one the user wrote.
 */
export function memoryFitProblems(memory: MemoryConfig, blame: 'max' | 'ram'): PointerProblem[] {
  if (memory.max + memory.stack < memory.ram) return [];
  const sizes = `max + stack (${formatSize(memory.max)} + ${formatSize(memory.stack)})`;
  const ram = `${formatSize(memory.ram)}${memory.ram === CONFIG_DEFAULTS.memory.ram ? ', the default' : ''}`;
  return blame === 'ram'
    ? [{ pointer: '/memory/ram', message: `${formatSize(memory.ram)} leaves no room for the kernel next to ${sizes}` }]
    : [{ pointer: '/memory/max', message: `${sizes} leaves no room for the kernel in ram (${ram}); raise "ram" too` }];
}
