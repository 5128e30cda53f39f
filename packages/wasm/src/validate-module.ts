import { invalid } from './errors.js';
import type { Limits, Module } from './model.js';
import { validateConstExpr } from './validate-const.js';
import { CodeValidator } from './validate-code.js';
import { buildContext } from './validation-context.js';

/** 2^16 pages of 64 KiB: the whole 32-bit address space. */
const MAX_PAGES = 65536;

/**
 * Validates a decoded module as the Wasm 2.0 spec defines it. Throws WasmError with kind
 * 'invalid' at the first problem found.
 */
export function validateModule(m: Module): void {
  const ctx = buildContext(m);
  const typeCount = m.types.length;

  for (const imp of m.imports) {
    const d = imp.desc;
    if (d.kind === 'func' && d.typeIndex >= typeCount) throw invalid(`unknown type ${d.typeIndex}`, imp.offset);
    if (d.kind === 'table') checkLimits(d.type.limits, 0xffffffff, 'table size', imp.offset);
    if (d.kind === 'memory') checkLimits(d.type.limits, MAX_PAGES, 'memory size', imp.offset);
  }
  m.functions.forEach((t, i) => {
    if (t >= typeCount) throw invalid(`unknown type ${t}`, m.codes[i]?.offset ?? 0);
  });
  for (const t of m.tables) checkLimits(t.type.limits, 0xffffffff, 'table size', t.offset);
  for (const mem of m.memories) checkLimits(mem.type.limits, MAX_PAGES, 'memory size', mem.offset);
  if (ctx.memoryCount > 1) throw invalid('multiple memories', m.memories[m.memories.length - 1]?.offset ?? 0);

  for (const g of m.globals) validateConstExpr(ctx, g.init, g.type.valType);

  for (const seg of m.elements) {
    if (seg.mode === 'active') {
      const table = ctx.tables[seg.table];
      if (table === undefined) throw invalid(`unknown table ${seg.table}`, seg.offset);
      if (seg.offsetExpr) validateConstExpr(ctx, seg.offsetExpr, 'i32');
      if (table.elemType !== seg.type) {
        throw invalid(`type mismatch: ${seg.type} segment for ${table.elemType} table ${seg.table}`, seg.offset);
      }
    }
    if (seg.funcs) {
      for (const f of seg.funcs) if (f >= ctx.funcs.length) throw invalid(`unknown function ${f}`, seg.offset);
    }
    if (seg.exprs) for (const x of seg.exprs) validateConstExpr(ctx, x, seg.type);
  }

  for (const seg of m.datas) {
    if (seg.mode !== 'active') continue;
    if (seg.memory >= ctx.memoryCount) throw invalid(`unknown memory ${seg.memory}`, seg.offset);
    if (seg.offsetExpr) validateConstExpr(ctx, seg.offsetExpr, 'i32');
  }

  if (m.start !== undefined) {
    const at = m.startOffset ?? 0;
    const t = ctx.funcs[m.start];
    if (t === undefined) throw invalid(`unknown function ${m.start}`, at);
    if (m.types[t].params.length !== 0 || m.types[t].results.length !== 0) {
      throw invalid('start function must have type [] -> []', at);
    }
  }

  const exportNames = new Set<string>();
  for (const e of m.exports) {
    const count =
      e.kind === 'func'
        ? ctx.funcs.length
        : e.kind === 'table'
          ? ctx.tables.length
          : e.kind === 'memory'
            ? ctx.memoryCount
            : ctx.globals.length;
    if (e.index >= count) throw invalid(`unknown ${e.kind === 'func' ? 'function' : e.kind} ${e.index}`, e.offset);
    if (exportNames.has(e.name)) throw invalid(`duplicate export name "${e.name}"`, e.offset);
    exportNames.add(e.name);
  }

  // Only a hand-built Module can get here with these out of step; decodeModule rejects it.
  if (m.codes.length !== m.functions.length) {
    throw invalid('function and code section have inconsistent lengths', 0);
  }
  const code = new CodeValidator(ctx);
  for (let i = 0; i < m.codes.length; i++) code.validateFunction(i);
}

function checkLimits(limits: Limits, bound: number, what: string, offset: number): void {
  if (limits.min > bound || (limits.max !== undefined && limits.max > bound)) {
    throw invalid(`${what} must be at most ${bound === MAX_PAGES ? '65536 pages (4GiB)' : bound}`, offset);
  }
  if (limits.max !== undefined && limits.min > limits.max) {
    throw invalid('size minimum must not be greater than maximum', offset);
  }
}
