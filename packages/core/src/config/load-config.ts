import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isRecord } from '../plugins/shape.js';
import type { MewzConfig, MewzConfigOverrides } from './config.js';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { JsonSyntaxError, parseJson, pointerSegment, type JsonPosition } from './json-parse.js';
import { completeConfig, normalizeFields } from './normalize.js';
import { compileConfigValidator } from './schema.js';
import { schemaProblems, type PointerProblem } from './schema-problems.js';

export interface ParseConfigOptions {
  /** Where relative paths resolve from; default: the folder of `file`. */
  readonly baseDir?: string;
}

/** Reads and parses a `mewz.config.json`; see `parseConfig`. */
export async function loadConfig(path: string): Promise<MewzConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError([{ file: path, pointer: '', message: `cannot read the config: ${reason}` }], { cause: error });
  }
  return parseConfig(text, path);
}

/**
 * Parses the text of a `mewz.config.json` named `file` (used in messages and, unless
 * `baseDir` is given, to resolve relative paths). Returns the config with defaults
 * applied, or throws a `ConfigError` listing every problem found.
 */
export function parseConfig(text: string, file: string, options: ParseConfigOptions = {}): MewzConfig {
  const baseDir = options.baseDir ?? dirname(resolve(file));
  let parsed;
  try {
    parsed = parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = error.position;
    throw new ConfigError([{ file, pointer: '', message: error.message, line, column }], { cause: error });
  }
  const { value, positions } = parsed;
  const located: { problem: PointerProblem; position?: JsonPosition }[] = parsed.duplicateKeys.map(({ pointer, position }) => ({
    problem: { pointer, message: 'duplicate key; JSON keeps only one of the two, so remove the other' },
    position,
  }));
  const validate = compileConfigValidator('config');
  const schemaFound = validate(value) ? [] : schemaProblems(validate.errors ?? []);
  // Values the schema refused are not normalized too: that would report them twice.
  const input = isRecord(value) ? withoutProblems(value, schemaFound) : {};
  const { fields, problems: fieldProblems } = normalizeFields(input as MewzConfigOverrides, baseDir);
  const found = [...schemaFound, ...fieldProblems];
  let config: MewzConfig | undefined;
  if (found.length === 0 && located.length === 0) {
    const complete = completeConfig(fields, { file, baseDir });
    found.push(...complete.problems);
    config = complete.config;
  }
  for (const problem of found) located.push({ problem, position: positionOf(problem.pointer, positions) });
  if (config !== undefined && located.length === 0) return config;
  located.sort((a, b) => (a.position?.offset ?? 0) - (b.position?.offset ?? 0));
  const problems: ConfigProblem[] = located.map(({ problem, position }) => ({
    file,
    ...problem,
    line: position?.line,
    column: position?.column,
  }));
  throw new ConfigError(problems);
}

/** Where a pointer is written, or its closest written ancestor (for missing keys). */
function positionOf(pointer: string, positions: ReadonlyMap<string, JsonPosition>): JsonPosition | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const position = positions.get(p);
    if (position !== undefined || p === '') return position;
  }
}

/** A copy of the top two levels of `value` without the keys that have schema problems. */
function withoutProblems(value: Record<string, unknown>, problems: readonly PointerProblem[], prefix = ''): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const pointer = `${prefix}/${pointerSegment(key)}`;
    const bad = problems.filter((p) => p.pointer === pointer || p.pointer.startsWith(`${pointer}/`));
    if (bad.length === 0) result[key] = item;
    else if (prefix === '' && key === 'memory' && isRecord(item) && !bad.some((p) => p.pointer === pointer)) {
      result[key] = withoutProblems(item, problems, pointer);
    }
  }
  return result;
}
