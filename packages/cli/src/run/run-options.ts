// Checks of `mewz run`'s own options, before anything is built or started.
import { basename, extname } from 'node:path';
import { closeMatches, formatSize, parseSize, type PlatformPlugin } from '@mewz/core';
import { UsageError } from '../errors.js';

/** `--env K=V`, repeatable, as one object; later ones win. */
export function parseEnvOptions(values: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) {
      const why = eq === 0 ? 'the name is empty' : 'there is no "="';
      throw new UsageError(`mewz: --env '${value}': expected NAME=VALUE (${why})`);
    }
    env[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return env;
}

/**
 * The machine type: `--machine`, else the config's `machine`; one of the platform's, or
 * undefined for the platform's default. A config's machine is ignored by a platform
 * without machine types (the config may be run with `--platform linux`), an option is not.
 */
export function checkMachine(platform: PlatformPlugin, option: string | undefined, config?: { machine?: string; file?: string }): string | undefined {
  const machine = option ?? config?.machine;
  if (machine === undefined) return undefined;
  const where = option !== undefined ? `--machine ${machine}` : `"machine": "${machine}" in ${config?.file ?? 'the config'}`;
  const machines = platform.machines ?? [];
  if (machines.length === 0) {
    if (option === undefined) return undefined;
    throw new UsageError(`mewz: ${where}: the ${platform.name} platform has no machine types to choose from`);
  }
  if (machines.includes(machine)) return machine;
  const close = closeMatches(machine, machines);
  const hint = close.length > 0 ? `; did you mean "${close[0]}"?` : '';
  throw new UsageError(`mewz: ${where}: unknown machine type for ${platform.name}; known: ${machines.join(', ')}${hint}`);
}

const MiB = 1024 * 1024;

/**
 * `--memory` for an image run without a build (a build checks it as config `memory.ram`,
 * with the rest of the config): a size in whole MiB.
 */
export function parseRamSize(value: string): number {
  const parsed = parseSize(value);
  if ('error' in parsed) throw new UsageError(`mewz: --memory ${parsed.error}`);
  if (parsed.bytes === 0 || parsed.bytes % MiB !== 0) {
    const suggestion = formatSize(Math.max(1, Math.ceil(parsed.bytes / MiB)) * MiB);
    throw new UsageError(`mewz: --memory ${value}: guest RAM must be a non-zero multiple of 1MiB; did you mean "${suggestion}"?`);
  }
  return parsed.bytes;
}

/** argv[0] of the app: its file name without the extension. */
export function appName(file: string): string {
  return basename(file, extname(file));
}
