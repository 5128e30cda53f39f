// Symbol resolution: which definition each name means, seen from each object.
import { objectProblems, type ObjectFile, type Section, type SymbolDef } from '@mewz/object';
import { LinkError } from './errors.js';
import type { LinkerSymbol } from './layout-spec.js';

/** A section of one input object; identity is the object, not the section name. */
export interface InputSection {
  objectIndex: number;
  object: ObjectFile;
  section: Section;
}

export type Definition =
  | { from: 'object'; symbol: SymbolDef; input: InputSection }
  | { from: 'linker'; symbol: LinkerSymbol };

export interface SymbolTable {
  objects: ObjectFile[];
  /** Every input section, in object order then section order. */
  inputs: InputSection[];
  /** The definition `name` means inside object `objectIndex`: its own local first, then the global. */
  lookup(objectIndex: number, name: string): Definition | undefined;
  /** The global (or linker) definition of `name`. */
  lookupGlobal(name: string): Definition | undefined;
  /** Definitions that made it into the link: every local, and each global's winner. */
  chosen(): Definition[];
}

function describe(def: Definition): string {
  return def.from === 'linker' ? 'the linker (layout symbol)' : `${def.input.object.name} (section ${def.symbol.section})`;
}

function listing(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Check the inputs, then resolve; throws one `LinkError` listing every problem of a kind. */
export function resolveSymbols(objects: ObjectFile[], linkerSymbols: LinkerSymbol[]): SymbolTable {
  const invalid = objects.flatMap((o) => objectProblems(o).map((p) => `${o.name}: ${p}`));
  if (invalid.length > 0) throw new LinkError('invalid input objects:', invalid);

  const isas = [...new Set(objects.map((o) => o.isa))];
  if (isas.length > 1) {
    throw new LinkError(
      'objects for different ISAs cannot be linked together:',
      isas.map((isa) => `${isa}: ${objects.filter((o) => o.isa === isa).map((o) => o.name).join(', ')}`),
    );
  }

  const inputs: InputSection[] = [];
  const locals: Map<string, Definition>[] = [];
  // All global/weak/linker definitions of each name, in input order; the winner is picked below.
  const candidates = new Map<string, Definition[]>();
  const addCandidate = (name: string, def: Definition) => {
    const list = candidates.get(name);
    if (list) list.push(def);
    else candidates.set(name, [def]);
  };

  objects.forEach((object, objectIndex) => {
    const bySection = new Map<string, InputSection>();
    for (const section of object.sections) {
      const input = { objectIndex, object, section };
      inputs.push(input);
      bySection.set(section.name, input);
    }
    const own = new Map<string, Definition>();
    for (const symbol of object.symbols) {
      const def: Definition = { from: 'object', symbol, input: bySection.get(symbol.section)! };
      if (symbol.binding === 'local') own.set(symbol.name, def);
      else addCandidate(symbol.name, def);
    }
    locals.push(own);
  });
  for (const symbol of linkerSymbols) addCandidate(symbol.name, { from: 'linker', symbol });

  const globals = new Map<string, Definition>();
  const duplicates: string[] = [];
  for (const [name, defs] of candidates) {
    // Linker symbols count as strong: an object may override neither silently.
    const strong = defs.filter((d) => d.from === 'linker' || d.symbol.binding === 'global');
    if (strong.length > 1) duplicates.push(`${name}: defined in ${listing(strong.map(describe))}`);
    // A strong definition beats weak ones; among weak ones the first object wins.
    globals.set(name, strong[0] ?? defs[0]!);
  }
  if (duplicates.length > 0) throw new LinkError(`duplicate symbols (${duplicates.length}):`, duplicates);

  return {
    objects,
    inputs,
    lookup: (objectIndex, name) => locals[objectIndex]!.get(name) ?? globals.get(name),
    lookupGlobal: (name) => globals.get(name),
    chosen: () => [...locals.flatMap((m) => [...m.values()]), ...globals.values()],
  };
}
