import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { lowerModule, type LoweredModule, optimizeModule } from '@mewz/compiler';
import { loadModule, type Module, WasmError } from '@mewz/wasm';
import type { ModuleFile } from './commands.js';
import type { Outcome } from './executor.js';
import { failed, skipped } from './script-modules.js';

/** Why SIMD modules and values are skipped. */
export const SIMD = 'SIMD is not supported yet';

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

/** A script's module file, decoded and validated, or the outcome of the command instead. */
export function loadModuleFile(file: ModuleFile): { module: Module } | { outcome: Outcome } {
  if (file.moduleType === 'text') return { outcome: skipped('text module') };
  try {
    return { module: loadModule(readFileSync(file.path)) };
  } catch (error) {
    const what = error instanceof WasmError ? error.format(basename(file.path)) : describeError(error);
    return { outcome: failed(`${basename(file.path)}: ${what}`) };
  }
}

/** Whether a module uses v128 anywhere in its types, globals or locals. */
export function usesV128(m: Module): boolean {
  return (
    m.types.some((t) => t.params.includes('v128') || t.results.includes('v128')) ||
    m.globals.some((g) => g.type.valType === 'v128') ||
    m.imports.some((i) => i.desc.kind === 'global' && i.desc.type.valType === 'v128') ||
    m.codes.some((c) => c.locals.some((l) => l.type === 'v128'))
  );
}

/**
 * The module lowered with symbol prefix `prefix` and optimised unless `opt` is 0, or the
 * outcome instead: SIMD is skipped (not supported yet), any other failure fails.
 */
export function lowerForRun(module: Module, prefix: string, opt: 0 | 1): { lowered: LoweredModule } | { outcome: Outcome } {
  if (usesV128(module)) return { outcome: skipped(`module uses v128: ${SIMD}`) };
  let lowered: LoweredModule;
  try {
    lowered = lowerModule(module, { prefix });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes(SIMD)) return { outcome: skipped(message) };
    return { outcome: failed(`lowering failed: ${describeError(error)}`) };
  }
  if (opt === 0) return { lowered };
  try {
    optimizeModule(lowered);
  } catch (error) {
    return { outcome: failed(`optimisation failed: ${describeError(error)}`) };
  }
  return { lowered };
}
