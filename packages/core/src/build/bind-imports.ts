import { INTRINSICS_MODULE } from '@mewz/compiler';
import { type FuncType, funcType, type Module } from '@mewz/wasm';
import type { MissingImports } from '../config/config.js';
import type { ComponentPlugin } from '../plugins/component.js';
import { BuildError } from './build-error.js';
import { providerOf } from './select-components.js';

/** Kernel components import each other's services from this module. */
export const KERNEL_MODULE = 'mewz:kernel';
/** A platform's machine component provides the hardware services under this module. */
export const MACHINE_MODULE = 'mewz:machine';
/** The modules whose imports bind to the kernel module's own exports. */
const SERVICE_MODULES: readonly string[] = [KERNEL_MODULE, MACHINE_MODULE];

/** What an app import is bound to: a function the kernel exports, or a stub returning ENOSYS. */
export type ImportTarget = { kind: 'kernel'; func: number } | { kind: 'enosys'; module: string; name: string; type: FuncType };

export const formatType = (t: FuncType): string => `(${t.params.join(', ')}) -> (${t.results.join(', ')})`;
const sameType = (a: FuncType, b: FuncType): boolean => a.params.join() === b.params.join() && a.results.join() === b.results.join();

/** The function the kernel exports under `name`, if any. */
export function kernelExport(kernel: Module, name: string): number | undefined {
  return kernel.exports.find((e) => e.kind === 'func' && e.name === name)?.index;
}

/**
 * Binds every import of the app, in import order, to a kernel export: by module and name
 * (the module+name must be provided by a chosen component, which exports the function
 * under that name) and by type. Imports nobody provides are all listed in one error,
 * unless `missing` is `enosys`, which binds them to stubs instead.
 */
export function bindAppImports(app: Module, kernel: Module, components: readonly ComponentPlugin[], missing: MissingImports): ImportTarget[] {
  const targets: ImportTarget[] = [];
  const problems: string[] = [];
  const unprovided: string[] = [];
  let funcIndex = 0;
  for (const imp of app.imports) {
    const what = `${imp.module}.${imp.name}`;
    if (imp.desc.kind !== 'func') {
      problems.push(`the app imports the ${imp.desc.kind} ${what}; kernel components provide functions only`);
      continue;
    }
    const type = funcType(app, funcIndex++)!;
    if (imp.module.startsWith('mewz:')) {
      problems.push(`the app imports ${what}: modules named mewz:* belong to the kernel`);
      continue;
    }
    const provider = providerOf(components, imp);
    if (provider === undefined) {
      if (missing === 'enosys') targets.push({ kind: 'enosys', module: imp.module, name: imp.name, type });
      else unprovided.push(`${what} ${formatType(type)}`);
      continue;
    }
    const func = kernelExport(kernel, imp.name);
    if (func === undefined) {
      problems.push(`component "${provider.name}" provides ${what}, but the kernel exports no function "${imp.name}"`);
      continue;
    }
    const kernelType = funcType(kernel, func)!;
    if (!sameType(type, kernelType)) {
      problems.push(`the app imports ${what} as ${formatType(type)}, but component "${provider.name}" provides ${formatType(kernelType)}`);
      continue;
    }
    targets.push({ kind: 'kernel', func });
  }
  if (unprovided.length > 0) {
    problems.unshift(
      ...unprovided.map((u) => `${u}: no kernel component provides it`),
    );
    throw new BuildError(
      `the app imports ${unprovided.length} function${unprovided.length > 1 ? 's' : ''} that no kernel component provides ` +
        `(set "missingImports": "enosys" to build stubs that fail with ENOSYS):`,
      problems,
    );
  }
  if (problems.length > 0) throw new BuildError('cannot bind the app to the kernel:', problems);
  return targets;
}

/**
 * The kernel's own imports: intrinsics stay for the lowering; `mewz:kernel` and
 * `mewz:machine` imports bind
 * to the kernel's exports of the same name and type (one component calling another),
 * as direct calls. Anything else is an error.
 */
export function bindKernelImports(kernel: Module): Map<number, number> {
  const direct = new Map<number, number>();
  const problems: string[] = [];
  let funcIndex = 0;
  for (const imp of kernel.imports) {
    const what = `${imp.module}.${imp.name}`;
    if (imp.desc.kind !== 'func') {
      problems.push(`the kernel imports the ${imp.desc.kind} ${what}; only functions can be imported`);
      continue;
    }
    const index = funcIndex++;
    if (imp.module === INTRINSICS_MODULE) continue;
    if (!SERVICE_MODULES.includes(imp.module)) {
      problems.push(`the kernel imports ${what}: kernel code may import only ${[INTRINSICS_MODULE, ...SERVICE_MODULES].join(', ')}`);
      continue;
    }
    const target = kernelExport(kernel, imp.name);
    if (target === undefined || target < kernel.importedFuncCount) {
      problems.push(`the kernel imports ${what}, which no chosen component exports`);
      continue;
    }
    const want = funcType(kernel, index)!;
    const got = funcType(kernel, target)!;
    if (!sameType(want, got)) problems.push(`the kernel imports ${what} as ${formatType(want)}, but it is exported as ${formatType(got)}`);
    else direct.set(index, target);
  }
  if (problems.length > 0) throw new BuildError('cannot link the kernel components:', problems);
  return direct;
}
