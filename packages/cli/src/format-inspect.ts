// The human view of InspectFacts: one heading line per fact, lists indented below it.
import type { ExportFacts, GlobalFacts, ImportFacts, InspectFacts, LimitsFacts, MemoryFacts, TableFacts } from './inspect-facts.js';

export function formatInspect(facts: InspectFacts): string {
  const lines: string[] = [];
  const source = facts.format === 'wat' ? ', encoded from WAT' : '';
  lines.push(`${facts.file}: Wasm module, ${plural(facts.size, 'byte')}${source}`);
  lines.push(`types: ${facts.types}`);
  list(lines, 'imports', facts.imports, formatImport);
  list(lines, 'exports', facts.exports, formatExport);
  const f = facts.functions;
  lines.push(`functions: ${f.total} (${f.imported} imported, ${f.defined} defined)`);
  list(lines, 'memories', facts.memories, formatMemory);
  list(lines, 'tables', facts.tables, formatTable);
  list(lines, 'globals', facts.globals, formatGlobal);
  const start = facts.start;
  lines.push(`start: ${start === null ? 'none' : `func ${start.index}${start.name === null ? '' : ` (${start.name})`}`}`);
  lines.push(`element segments: ${facts.elementSegments}`);
  lines.push(`data segments: ${facts.dataSegments}${facts.dataSegments > 0 ? ` (${plural(facts.dataBytes, 'byte')})` : ''}`);
  list(lines, 'custom sections', facts.customSections, (s) => `${s.name}: ${plural(s.size, 'byte')}`);
  return `${lines.join('\n')}\n`;
}

function list<T>(lines: string[], title: string, items: readonly T[], format: (item: T) => string): void {
  if (items.length === 0) {
    lines.push(`${title}: none`);
    return;
  }
  lines.push(`${title} (${items.length}):`);
  for (const item of items) lines.push(`  ${format(item)}`);
}

function formatImport(imp: ImportFacts): string {
  const head = `${imp.module}.${imp.name}: ${imp.kind} ${imp.index}`;
  switch (imp.kind) {
    case 'func':
      return `${head} ${signatureText(imp.params, imp.results, imp.typeIndex)}`;
    case 'table':
      return `${head}, ${imp.elemType}, ${limitsText(imp.limits, 'element')}`;
    case 'memory':
      return `${head}, ${memoryLimitsText(imp)}`;
    case 'global':
      return `${head}, ${imp.mutable ? 'mut ' : ''}${imp.type}`;
  }
}

function formatExport(exp: ExportFacts): string {
  const head = `${exp.name}: ${exp.kind} ${exp.index}`;
  if (exp.kind !== 'func') return head;
  return exp.typeIndex === null ? `${head} (no such function)` : `${head} ${signatureText(exp.params, exp.results, exp.typeIndex)}`;
}

function formatMemory(m: MemoryFacts): string {
  return `${m.index}: ${memoryLimitsText(m)}${importedFrom(m.import)}`;
}

function formatTable(t: TableFacts): string {
  return `${t.index}: ${t.elemType}, ${limitsText(t.limits, 'element')}${importedFrom(t.import)}`;
}

function formatGlobal(g: GlobalFacts): string {
  const init = g.init === null ? '' : ` = ${g.init}`;
  return `${g.index}: ${g.mutable ? 'mut ' : ''}${g.type}${init}${importedFrom(g.import)}`;
}

function importedFrom(from: string | null): string {
  return from === null ? '' : `, imported from ${from}`;
}

/** `(i32, i32) -> i32`; `()` for no params or no results; `(i32, i64)` for multiple results. */
export function signatureText(params: readonly string[] | null, results: readonly string[] | null, typeIndex: number): string {
  if (params === null || results === null) return `type ${typeIndex} (no such type)`;
  const resultText = results.length === 1 ? results[0] : `(${results.join(', ')})`;
  return `(${params.join(', ')}) -> ${resultText}`;
}

function limitsText(l: LimitsFacts, unit: string): string {
  return `min ${plural(l.min, unit)}, ${l.max === null ? 'no max' : `max ${plural(l.max, unit)}`}`;
}

function memoryLimitsText(m: { pages: LimitsFacts; bytes: LimitsFacts }): string {
  const min = `min ${plural(m.pages.min, 'page')} (${bytesText(m.bytes.min)})`;
  const max = m.pages.max === null || m.bytes.max === null ? 'no max' : `max ${plural(m.pages.max, 'page')} (${bytesText(m.bytes.max)})`;
  return `${min}, ${max}`;
}

/** Page-sized amounts in the largest binary unit that divides them exactly. */
export function bytesText(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return plural(bytes, 'byte');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
