// Dead-code removal, lld --gc-sections style: a section is live if a root needs it or a
// live section has a relocation against a symbol defined in it. Unresolved references
// are only looked for in live sections, so removed code cannot make a link fail.
import { sectionSize } from '@mewz/object';
import type { LinkStats } from './image.js';
import type { InputSection, SymbolTable } from './resolve.js';

export interface Liveness {
  live: Set<InputSection>;
  /** Missing symbol name → where live code refers to it. */
  undefinedRefs: Map<string, string[]>;
  stats: LinkStats;
}

/**
 * Walk from `roots` along relocations. With `removeUnused` false every section is live
 * (the walk still runs, to find undefined references).
 */
export function markLive(table: SymbolTable, roots: InputSection[], removeUnused: boolean): Liveness {
  const live = new Set<InputSection>();
  const undefinedRefs = new Map<string, string[]>();
  const work: InputSection[] = [];
  const visit = (input: InputSection) => {
    if (live.has(input)) return;
    live.add(input);
    work.push(input);
  };

  // Notes are read by the loader and retained sections are pinned by their author.
  for (const input of removeUnused ? table.inputs.filter((i) => i.section.kind === 'note' || i.section.retain) : table.inputs) visit(input);
  roots.forEach(visit);

  for (let input = work.pop(); input; input = work.pop()) {
    for (const r of input.section.relocations) {
      const def = table.lookup(input.objectIndex, r.symbol);
      if (def?.from === 'object') visit(def.input);
    }
  }

  // A second pass in input order, so the report does not depend on the walk's order.
  for (const input of table.inputs) {
    if (!live.has(input)) continue;
    for (const r of input.section.relocations) {
      if (table.lookup(input.objectIndex, r.symbol)) continue;
      const where = `${input.object.name} (${input.section.name}+0x${r.offset.toString(16)})`;
      const refs = undefinedRefs.get(r.symbol);
      if (refs) refs.push(where);
      else undefinedRefs.set(r.symbol, [where]);
    }
  }

  const stats: LinkStats = { keptSections: 0, removedSections: 0, keptBytes: 0, removedBytes: 0, removed: [] };
  for (const input of table.inputs) {
    const size = sectionSize(input.section);
    if (live.has(input)) {
      stats.keptSections++;
      stats.keptBytes += size;
    } else {
      stats.removedSections++;
      stats.removedBytes += size;
      stats.removed.push({ object: input.object.name, section: input.section.name, size });
    }
  }
  return { live, undefinedRefs, stats };
}
