import { ObjectBuilder, type ObjectFile, type RelocationType } from '@mewz/object';
import { applyRelocations } from './apply-relocations.js';
import { elfHeaderSpace } from './elf/constants.js';
import { LinkError } from './errors.js';
import { markLive } from './gc.js';
import type { ImageSymbol, LinkedImage } from './image.js';
import { layOut, layoutProblems } from './layout.js';
import type { LayoutSpec, RegionSpec } from './layout-spec.js';
import { noteObject } from './notes.js';
import { resolveSymbols, type Definition, type InputSection } from './resolve.js';

export interface LinkOptions {
  objects: ObjectFile[];
  /** The backend's relocation types, by name. */
  relocationTypes: Record<string, RelocationType>;
  layout: LayoutSpec;
  /** Global symbol where execution starts. */
  entry: string;
  /** More global symbols to keep (with what they reference) although nothing calls them. */
  keep?: string[];
  /** Drop sections unreachable from the entry and `keep`; default true. */
  removeUnused?: boolean;
}

/** The object holding the layout's regions (stack, ...), so they link like any section. */
function regionObject(regions: RegionSpec[], isa: string): ObjectFile[] {
  if (regions.length === 0) return [];
  const b = new ObjectBuilder('<linker>', isa);
  for (const r of regions) {
    b.addBssSection(r.section, r.size, { alignment: r.alignment });
    if (r.start !== undefined) b.defineSymbol(r.start, r.section, { size: r.size, type: 'object' });
    if (r.end !== undefined) b.defineSymbol(r.end, r.section, { offset: r.size });
  }
  return [b.build()];
}

/** Resolve, drop unused sections, lay out and relocate `objects` into one image. */
export function link(options: LinkOptions): LinkedImage {
  const spec = options.layout;
  const specProblems = layoutProblems(spec);
  if (specProblems.length > 0) throw new LinkError('invalid layout:', specProblems);

  const isa = options.objects[0]?.isa ?? 'unknown';
  const objects = [...options.objects, ...regionObject(spec.regions ?? [], isa), ...noteObject(spec.notes ?? [], isa, options.relocationTypes)];
  const table = resolveSymbols(objects, spec.symbols ?? []);

  // Roots: the entry and `keep` are references too, and may be missing like any other.
  const roots: InputSection[] = [];
  const missingRoots = new Map<string, string[]>();
  const rootRefs: [string, string][] = [[options.entry, 'the entry point'], ...(options.keep ?? []).map((k): [string, string] => [k, 'the keep list'])];
  for (const [name, why] of rootRefs) {
    const def = table.lookupGlobal(name);
    if (!def) missingRoots.set(name, [...(missingRoots.get(name) ?? []), why]);
    else if (def.from === 'object') roots.push(def.input);
  }
  const { live, undefinedRefs, stats } = markLive(table, roots, options.removeUnused ?? true);
  const missing = new Map(missingRoots);
  for (const [name, refs] of undefinedRefs) missing.set(name, [...(missing.get(name) ?? []), ...refs]);
  if (missing.size > 0) {
    throw new LinkError(
      `undefined symbols (${missing.size}):`,
      [...missing].map(([name, refs]) => `${name}, referenced from ${refs.slice(0, 5).join(', ')}${refs.length > 5 ? ` and ${refs.length - 5} more` : ''}`),
    );
  }

  const liveInputs = table.inputs.filter((i) => live.has(i));
  const headerSpace = spec.headersInFirstSegment ? elfHeaderSpace(spec.segments.length) : 0;
  const layout = layOut(liveInputs, spec, headerSpace);
  const valueOf = (def: Definition): bigint => {
    if (def.from === 'linker') return layout.anchor(def.symbol.at);
    const { output, offset } = layout.placement.get(def.input)!;
    return output.address + BigInt(offset + def.symbol.offset);
  };
  applyRelocations(table, layout, liveInputs, options.relocationTypes, valueOf);

  const symbols: ImageSymbol[] = [];
  for (const def of table.chosen()) {
    if (def.from === 'linker') {
      symbols.push({ name: def.symbol.name, address: valueOf(def), size: 0, binding: 'global', type: 'none' });
    } else if (live.has(def.input)) {
      const { name, size, binding, type } = def.symbol;
      const section = layout.placement.get(def.input)!.output.name;
      symbols.push({ name, address: valueOf(def), size, binding, type, section, object: def.input.object.name });
    }
  }

  return {
    isa,
    entry: valueOf(table.lookupGlobal(options.entry)!),
    entrySymbol: options.entry,
    base: spec.base,
    pageSize: spec.pageSize,
    headerSpace,
    segments: layout.segments,
    sections: layout.sections,
    symbols,
    stats,
  };
}
