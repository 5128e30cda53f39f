import { type Instance, type Machine, readMemory, readTable } from '@mewz/compiler';
import { type FuncType, type GlobalType, indexSpaces, type Import, type Limits, type MemoryType, type Module, type TableType, funcType } from '@mewz/wasm';

/**
 * Import resolution as a linker does it for the spec runner: every import must name an
 * export of a registered module, of the same kind and a matching type (Wasm 2.0 import
 * matching: function and global types equal; tables and memories by limits, with the
 * exporter's current size as its minimum).
 */

export type Extern =
  | { kind: 'func'; address: bigint; type: FuncType }
  | { kind: 'table'; address: bigint; type: TableType }
  | { kind: 'memory'; address: bigint; type: MemoryType }
  | { kind: 'global'; address: bigint; type: GlobalType };

export type ExportTable = Map<string, Extern>;

export class LinkError extends Error {}

const sameTypes = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);

const formatLimits = (l: Limits): string => (l.max === undefined ? `${l.min}` : `${l.min} ${l.max}`);

function limitsMatch(actual: Limits, wanted: Limits): boolean {
  if (actual.min < wanted.min) return false;
  if (wanted.max === undefined) return true;
  return actual.max !== undefined && actual.max <= wanted.max;
}

/** The type of an extern as it is now (tables and memories report their current size). */
function currentLimits(machine: Machine, e: Extern): Limits | undefined {
  if (e.kind === 'table') return { min: readTable(machine, Number(e.address)).length, max: e.type.limits.max };
  if (e.kind === 'memory') return { min: readMemory(machine, Number(e.address)).pages, max: e.type.limits.max };
  return undefined;
}

function check(machine: Machine, module: Module, imp: Import, e: Extern): void {
  const where = `import "${imp.module}" "${imp.name}"`;
  const d = imp.desc;
  if (d.kind !== e.kind) throw new LinkError(`incompatible import type: ${where} is a ${d.kind}, the export a ${e.kind}`);
  switch (d.kind) {
    case 'func': {
      const want = module.types[d.typeIndex];
      const got = (e as Extern & { kind: 'func' }).type;
      if (!sameTypes(want.params, got.params) || !sameTypes(want.results, got.results)) {
        throw new LinkError(`incompatible import type: ${where} wants (${want.params}) -> (${want.results}), got (${got.params}) -> (${got.results})`);
      }
      return;
    }
    case 'global': {
      const got = (e as Extern & { kind: 'global' }).type;
      if (got.valType !== d.type.valType || got.mutable !== d.type.mutable) {
        throw new LinkError(`incompatible import type: ${where} wants ${d.type.mutable ? 'mut ' : ''}${d.type.valType}, got ${got.mutable ? 'mut ' : ''}${got.valType}`);
      }
      return;
    }
    case 'table': {
      const got = (e as Extern & { kind: 'table' }).type;
      const limits = currentLimits(machine, e)!;
      if (got.elemType !== d.type.elemType || !limitsMatch(limits, d.type.limits)) {
        throw new LinkError(`incompatible import type: ${where} wants ${formatLimits(d.type.limits)} ${d.type.elemType}, got ${formatLimits(limits)} ${got.elemType}`);
      }
      return;
    }
    case 'memory': {
      const limits = currentLimits(machine, e)!;
      if (!limitsMatch(limits, d.type.limits)) {
        throw new LinkError(`incompatible import type: ${where} wants memory ${formatLimits(d.type.limits)}, got ${formatLimits(limits)}`);
      }
      return;
    }
  }
}

/** The import values of `module` in import order; throws LinkError for the first mismatch. */
export function resolveImports(machine: Machine, module: Module, registry: (name: string) => ExportTable | undefined): Extern[] {
  return module.imports.map((imp) => {
    const e = registry(imp.module)?.get(imp.name);
    if (!e) throw new LinkError(`unknown import "${imp.module}" "${imp.name}"`);
    check(machine, module, imp, e);
    return e;
  });
}

/**
 * The exports of an instance with their types. A re-exported import keeps the type of
 * the object it names (`known`, by address), not the importer's possibly looser
 * declaration; the object's own maximum is what later importers are checked against.
 */
export function exportsOf(instance: Instance, known: Map<string, Extern>): ExportTable {
  const module = instance.module;
  const spaces = indexSpaces(module);
  const table: ExportTable = new Map();
  for (const e of module.exports) {
    const value = instance.export(e.name)!;
    const key = `${value.kind}:${value.address}`;
    let ext = known.get(key);
    if (!ext) {
      switch (e.kind) {
        case 'func':
          ext = { kind: 'func', address: value.address, type: funcType(module, e.index)! };
          break;
        case 'table':
          ext = { kind: 'table', address: value.address, type: spaces.tables[e.index] };
          break;
        case 'memory':
          ext = { kind: 'memory', address: value.address, type: spaces.memories[e.index] };
          break;
        case 'global':
          ext = { kind: 'global', address: value.address, type: spaces.globals[e.index] };
          break;
      }
      known.set(key, ext);
    }
    table.set(e.name, ext);
  }
  return table;
}

export const externKey = (e: Extern): string => `${e.kind}:${e.address}`;
