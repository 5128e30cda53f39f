// The stages of compiling one function, for `mewz dump`: the compiler's IR as lowered and
// as optimised, then what the backend's `compile.explainFunction` hook shows (instruction
// selection to machine code), so the CLI needs to know nothing about any ISA.
import { InstanceSymbols, layoutInstance, lowerFunction, optimize, printFunction } from '@mewz/compiler';
import type { BackendPlugin, CompileStage } from '@mewz/core';
import type { Module } from '@mewz/wasm';
import { CliError } from './errors.js';

/** The compiler's stages, printed here. */
export const IR_STAGES: readonly string[] = ['ir', 'opt'];
/** The stages every backend is asked for by these names (see core's CompileStage). */
export const BACKEND_STAGES: readonly string[] = ['vcode', 'regalloc', 'asm'];

/** Compiles defined function `funcIndex` of a valid module as `mewz build` does the app, keeping the `wanted` stages. */
export async function dumpStages(module: Module, funcIndex: number, backend: BackendPlugin, wanted: readonly string[]): Promise<CompileStage[]> {
  // The app's symbol prefix, so that names read as in a built image (`app.f3`).
  const ir = lowerFunction(module, layoutInstance(module), new InstanceSymbols('app'), funcIndex);
  const stages: CompileStage[] = [];
  if (wanted.includes('ir')) stages.push({ name: 'ir', title: 'IR as lowered', text: printFunction(ir) });
  optimize(ir);
  if (wanted.includes('opt')) stages.push({ name: 'opt', title: 'optimised IR', text: printFunction(ir) });

  const fromBackend = wanted.filter((name) => !IR_STAGES.includes(name));
  if (fromBackend.length === 0) return stages;
  const explain = backend.compile?.explainFunction;
  if (explain === undefined) {
    throw new CliError(`mewz: backend "${backend.name}" cannot show its code generation (it has no compile.explainFunction); --dump-ir and --dump-opt still work`);
  }
  const shown = await explain(ir, funcIndex, { stages: fromBackend });
  for (const name of fromBackend) {
    if (!shown.some((s) => s.name === name)) {
      throw new CliError(`mewz: backend "${backend.name}" shows no "${name}" stage (it shows: ${shown.map((s) => s.name).join(', ') || 'none'})`);
    }
  }
  return [...stages, ...shown.filter((s) => fromBackend.includes(s.name))];
}

/** Stages under headings, `=== asm: machine code ===`, separated by a blank line. */
export function formatStages(stages: readonly CompileStage[]): string {
  return stages.map((s) => `=== ${s.name}: ${s.title} ===\n${s.text}\n`).join('\n');
}
