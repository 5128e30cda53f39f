import { type ExternKind, type FuncType, funcType, type GlobalType, indexSpaces, type Import, type Limits, type MemoryType, type Module, type TableType } from '@mewz/wasm';

/**
 * Import resolution as a linker does it for the spec runner, whatever runs the code: every
 * import must name an export of a registered module, of the same kind and a matching type
 * (Wasm 2.0 import matching: function and global types equal; tables and memories by
 * limits, with the exporter's current size as its minimum). `A` is how a mode addresses
 * an object: a simulated address (interp), a symbol and addend (native images).
 */

export type Extern<A> =
  | { kind: 'func'; address: A; type: FuncType }
  | { kind: 'table'; address: A; type: TableType }
  | { kind: 'memory'; address: A; type: MemoryType }
  | { kind: 'global'; address: A; type: GlobalType };

export type ExportTable<A> = Map<string, Extern<A>>;

export class LinkError extends Error {}

/**
 * A size requirement left to run time: an imported table or memory must have at least
 * `min` elements or pages when the importer is instantiated, and was declared smaller (it
 * may have grown since). Only a mode that cannot read current sizes at link time gets them.
 */
export interface SizeCheck<A> {
  extern: Extern<A> & { kind: 'table' | 'memory' };
  min: number;
  /** The import, for messages. */
  what: string;
}

export interface Linked<A> {
  /** The import values, in import order. */
  imports: Extern<A>[];
  sizeChecks: SizeCheck<A>[];
}

export interface LinkOptions<A> {
  /** The registered module of that name, if any. */
  registry: (name: string) => ExportTable<A> | undefined;
  /** The limits of a table or memory as they are now (interp), or as declared (native). */
  limits: (e: Extern<A> & { kind: 'table' | 'memory' }) => Limits;
  /** Sizes may have grown past `limits` since: a too small minimum becomes a SizeCheck instead of an error. */
  sizesMayGrow?: boolean;
}

const sameTypes = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);

const formatLimits = (l: Limits): string => (l.max === undefined ? `${l.min}` : `${l.min} ${l.max}`);

function maxMatches(actual: Limits, wanted: Limits): boolean {
  return wanted.max === undefined || (actual.max !== undefined && actual.max <= wanted.max);
}

function check<A>(module: Module, imp: Import, e: Extern<A>, options: LinkOptions<A>, sizeChecks: SizeCheck<A>[]): void {
  const where = `import "${imp.module}" "${imp.name}"`;
  const d = imp.desc;
  if (d.kind !== e.kind) throw new LinkError(`incompatible import type: ${where} is a ${d.kind}, the export a ${e.kind}`);
  switch (d.kind) {
    case 'func': {
      const want = module.types[d.typeIndex];
      const got = (e as Extern<A> & { kind: 'func' }).type;
      if (!sameTypes(want.params, got.params) || !sameTypes(want.results, got.results)) {
        throw new LinkError(`incompatible import type: ${where} wants (${want.params}) -> (${want.results}), got (${got.params}) -> (${got.results})`);
      }
      return;
    }
    case 'global': {
      const got = (e as Extern<A> & { kind: 'global' }).type;
      if (got.valType !== d.type.valType || got.mutable !== d.type.mutable) {
        throw new LinkError(`incompatible import type: ${where} wants ${d.type.mutable ? 'mut ' : ''}${d.type.valType}, got ${got.mutable ? 'mut ' : ''}${got.valType}`);
      }
      return;
    }
    case 'table':
    case 'memory': {
      const ext = e as Extern<A> & { kind: 'table' | 'memory' };
      const limits = options.limits(ext);
      const wanted = d.type.limits;
      const describe = (): string =>
        d.kind === 'table'
          ? `${where} wants ${formatLimits(wanted)} ${d.type.elemType}, got ${formatLimits(limits)} ${(ext.type as TableType).elemType}`
          : `${where} wants memory ${formatLimits(wanted)}, got ${formatLimits(limits)}`;
      const elemsMatch = d.kind !== 'table' || (ext.type as TableType).elemType === d.type.elemType;
      if (!elemsMatch || !maxMatches(limits, wanted)) throw new LinkError(`incompatible import type: ${describe()}`);
      if (limits.min >= wanted.min) return;
      if (!options.sizesMayGrow) throw new LinkError(`incompatible import type: ${describe()}`);
      sizeChecks.push({ extern: ext, min: wanted.min, what: describe() });
      return;
    }
  }
}

/** The import values of `module` in import order; throws LinkError for the first mismatch. */
export function resolveImports<A>(module: Module, options: LinkOptions<A>): Linked<A> {
  const sizeChecks: SizeCheck<A>[] = [];
  const imports = module.imports.map((imp) => {
    const e = options.registry(imp.module)?.get(imp.name);
    if (!e) throw new LinkError(`unknown import "${imp.module}" "${imp.name}"`);
    check(module, imp, e, options, sizeChecks);
    return e;
  });
  return { imports, sizeChecks };
}

/**
 * The exports of an instance with their types. A re-exported import is the import's own
 * extern (the object it names, with that object's type, not the importer's possibly looser
 * declaration); `own` gives the address of a defined function, table, memory or global
 * (index in its index space).
 */
export function exportsOf<A>(module: Module, imports: readonly Extern<A>[], own: (kind: ExternKind, index: number) => A): ExportTable<A> {
  const spaces = indexSpaces(module);
  const imported: Record<ExternKind, Extern<A>[]> = { func: [], table: [], memory: [], global: [] };
  for (const e of imports) imported[e.kind].push(e);
  const table: ExportTable<A> = new Map();
  for (const e of module.exports) {
    const fromImport = imported[e.kind][e.index];
    if (fromImport !== undefined) {
      table.set(e.name, fromImport);
      continue;
    }
    const address = own(e.kind, e.index);
    switch (e.kind) {
      case 'func':
        table.set(e.name, { kind: 'func', address, type: funcType(module, e.index)! });
        break;
      case 'table':
        table.set(e.name, { kind: 'table', address, type: spaces.tables[e.index] });
        break;
      case 'memory':
        table.set(e.name, { kind: 'memory', address, type: spaces.memories[e.index] });
        break;
      case 'global':
        table.set(e.name, { kind: 'global', address, type: spaces.globals[e.index] });
        break;
    }
  }
  return table;
}
