import type { Module } from '@mewz/wasm';
import type { ComponentSelection } from '../config/config.js';
import type { ComponentPlugin, SymbolRef } from '../plugins/component.js';
import { didYouMean } from '../suggest.js';
import { BuildError } from './build-error.js';

const key = (s: SymbolRef): string => `${s.module}.${s.name}`;

/** The component that provides a symbol, among `components`. */
export function providerOf(components: readonly ComponentPlugin[], symbol: SymbolRef): ComponentPlugin | undefined {
  return components.find((c) => c.provides.some((p) => p.module === symbol.module && p.name === symbol.name));
}

/**
 * The components of the kernel: what the platform needs, what provides the app's
 * imports (automatic selection), what the config includes, minus what it excludes, then
 * everything those require, by name or by symbol. Ordered so that a component comes
 * after what it requires (ties by name, so builds are reproducible).
 */
export function selectComponents(
  app: Module,
  known: readonly ComponentPlugin[],
  platformComponents: readonly string[],
  selection: ComponentSelection,
): ComponentPlugin[] {
  const byName = new Map(known.map((c) => [c.name, c]));
  const problems: string[] = [];
  const chosen = new Set<ComponentPlugin>();
  const wanted = (name: string, why: string): void => {
    const c = byName.get(name);
    if (c === undefined) problems.push(`unknown component "${name}" (${why}); known: ${[...byName.keys()].join(', ') || 'none'}${didYouMean(name, byName.keys())}`);
    else chosen.add(c);
  };
  for (const name of platformComponents) wanted(name, 'the platform needs it');
  if (selection.auto) {
    for (const imp of app.imports) {
      const c = providerOf(known, imp);
      if (c !== undefined && !selection.exclude.includes(c.name)) chosen.add(c);
    }
  }
  for (const name of selection.include) wanted(name, 'the config includes it');
  for (const name of selection.exclude) if (!byName.has(name)) wanted(name, 'the config excludes it');

  // Requirements, transitively.
  const work = [...chosen];
  for (let c = work.pop(); c !== undefined; c = work.pop()) {
    const add = (dep: ComponentPlugin): void => {
      if (!chosen.has(dep)) {
        chosen.add(dep);
        work.push(dep);
      }
    };
    for (const name of c.requires.components ?? []) {
      const dep = byName.get(name);
      if (dep === undefined) problems.push(`component "${c.name}" requires component "${name}", which is not known`);
      else add(dep);
    }
    for (const symbol of c.requires.symbols ?? []) {
      const dep = providerOf([...chosen], symbol) ?? providerOf(known, symbol);
      if (dep === undefined) problems.push(`component "${c.name}" requires ${key(symbol)}, which no component provides`);
      else add(dep);
    }
  }
  if (problems.length > 0) throw new BuildError('cannot choose the kernel components:', problems);
  return order([...chosen]);
}

/** Requirements first; otherwise by name. */
function order(components: ComponentPlugin[]): ComponentPlugin[] {
  const sorted = [...components].sort((a, b) => a.name.localeCompare(b.name));
  const done = new Set<ComponentPlugin>();
  const out: ComponentPlugin[] = [];
  const visit = (c: ComponentPlugin, path: Set<ComponentPlugin>): void => {
    if (done.has(c) || path.has(c)) return; // a cycle: keep the order found so far
    path.add(c);
    for (const name of c.requires.components ?? []) {
      const dep = sorted.find((d) => d.name === name);
      if (dep) visit(dep, path);
    }
    for (const symbol of c.requires.symbols ?? []) {
      const dep = providerOf(sorted, symbol);
      if (dep) visit(dep, path);
    }
    path.delete(c);
    done.add(c);
    out.push(c);
  };
  for (const c of sorted) visit(c, new Set());
  return out;
}
