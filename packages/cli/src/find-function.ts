// Which function `--function` names: an index in the function index space, a name from
// the name section (`main` or `$main`), or an export name.
import { closeMatches } from '@mewz/core';
import type { Module } from '@mewz/wasm';
import { CliError } from './errors.js';

export interface FoundFunction {
  /** In the function index space (imports first). */
  index: number;
  /** How messages and headings name it: `func 3 "main"`. */
  label: string;
}

/** A defined function of `module`; a CliError for an unknown or imported one. */
export function findFunction(module: Module, spec: string, file: string): FoundFunction {
  const total = module.importedFuncCount + module.functions.length;
  const index = /^\d+$/.test(spec) ? Number(spec) : byName(module, spec.startsWith('$') ? spec.slice(1) : spec);
  if (index === undefined) throw new CliError(`mewz: ${file} has no function "${spec}"${nameHint(module, spec)}`);
  if (index >= total) {
    const span = (first: number, last: number): string => (first === last ? `${first}` : `${first}–${last}`);
    const ranges = [module.importedFuncCount > 0 ? `${span(0, module.importedFuncCount - 1)} imported` : '', module.functions.length > 0 ? `${span(module.importedFuncCount, total - 1)} defined` : '']
      .filter(Boolean)
      .join(', ');
    throw new CliError(`mewz: ${file} has no function ${index} (it has ${total}${ranges ? `: ${ranges}` : ''})`);
  }
  const label = labelOf(module, index);
  if (index < module.importedFuncCount) {
    const imp = module.imports.filter((i) => i.desc.kind === 'func')[index];
    throw new CliError(`mewz: ${label} is imported from ${imp.module}.${imp.name}: it has no code in ${file} to compile`);
  }
  return { index, label };
}

function byName(module: Module, name: string): number | undefined {
  for (const [index, n] of module.names?.functions ?? []) if (n === name) return index;
  return module.exports.find((e) => e.kind === 'func' && e.name === name)?.index;
}

/** `func 3 "main"`: the name section's name, else an export's, else the index alone. */
export function labelOf(module: Module, index: number): string {
  const name = module.names?.functions.get(index) ?? module.exports.find((e) => e.kind === 'func' && e.index === index)?.name;
  return name === undefined ? `func ${index}` : `func ${index} "${name}"`;
}

const MAX_LISTED = 8;

/** `; did you mean "main" or "mains"?`, or the names there are when none is close. */
function nameHint(module: Module, spec: string): string {
  const names = new Set<string>([...(module.names?.functions.values() ?? [])]);
  for (const e of module.exports) if (e.kind === 'func') names.add(e.name);
  if (names.size === 0) return ' (it has no function names: give an index)';
  const close = closeMatches(spec.replace(/^\$/, ''), names)
    .slice(0, MAX_LISTED)
    .map((name) => `"${name}"`);
  if (close.length > 0) return `; did you mean ${close.length === 1 ? close[0] : `${close.slice(0, -1).join(', ')} or ${close[close.length - 1]}`}?`;
  const listed = [...names].slice(0, MAX_LISTED).join(', ');
  return ` (its functions: ${listed}${names.size > MAX_LISTED ? `, … ${names.size - MAX_LISTED} more` : ''})`;
}
