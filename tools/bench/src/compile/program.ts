// The benchmarked module: the generated C program (src/gen/c) built by clang-14 for
// wasm32-wasi, and by gcc natively as the reference whose output every built executable
// must print. Builds are cached in tools/bench/.cache/compile, keyed on the source text,
// the command lines and the tool versions.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCProgram, type CProgram } from '../gen/c/program.js';
import { buildInPlace, cacheKey, cached } from '../cpu/cache.js';
import { nativeBuild, wasmBuild, type Tools } from '../cpu/commands.js';
import { describeEnd, exec, execOrThrow, type ExecResult } from '../cpu/exec.js';
import { pathOutsideNodeModules } from '../cpu/resolve-tool.js';
import type { ToolVersions } from '../cpu/toolchain.js';
import { wasmFacts, type WasmFacts } from './wasm-facts.js';

export interface BenchProgram {
  program: CProgram;
  seed: number;
  source: string;
  wasm: string;
  facts: WasmFacts;
  /** The native build's run: what every build must print. */
  reference: ExecResult;
}

export interface ProgramBuildOptions {
  functions: number;
  seed: number;
  tools: Tools;
  versions: ToolVersions;
  /** tools/bench/.cache/compile */
  cacheDir: string;
  rebuild: boolean;
  log(line: string): void;
}

export function prepareProgram(o: ProgramBuildOptions): BenchProgram {
  if (!o.versions.clang) throw new Error(`${o.tools.wasmCc} not found: the module is built with it`);
  if (!o.versions.gcc) throw new Error(`${o.tools.cc} not found: the native build is the reference`);
  const program = generateCProgram({ functions: o.functions, seed: o.seed });
  const base = path.join(o.cacheDir, `gen-${o.seed.toString(16)}-${o.functions}`);
  const source = `${base}.c`;
  if (!existsSync(source) || readFileSync(source, 'utf8') !== program.source) buildInPlace(source, (tmp) => writeFileSync(tmp, program.source));

  const wasm = `${base}.wasm`;
  // clang runs `wasm-opt` after linking if it finds one on PATH, and `npm run` puts
  // binaryen's (an assemblyscript dependency) there: it would strip the name section and
  // reshape the module. Build what clang alone makes, as in a user's shell.
  const env = { ...process.env, PATH: pathOutsideNodeModules() };
  const wasmKey = cacheKey([...wasmBuild(o.tools, source, wasm), o.versions.clang, 'PATH outside node_modules', program.source]);
  if (o.rebuild || !isCached(wasm, wasmKey)) o.log(`  clang-14 --target=wasm32-wasi -O2 (takes a while for a file this size)…`);
  cached(wasm, wasmKey, (out) => execOrThrow(wasmBuild(o.tools, source, out), { timeoutMs: 30 * 60_000, env }), o.rebuild);

  const native = `${base}.native`;
  const nativeKey = cacheKey([...nativeBuild(o.tools, source, native), o.versions.gcc, program.source]);
  if (o.rebuild || !isCached(native, nativeKey)) o.log('  gcc -O2…');
  cached(native, nativeKey, (out) => execOrThrow(nativeBuild(o.tools, source, out), { timeoutMs: 30 * 60_000 }), o.rebuild);

  const reference = exec([native], { timeoutMs: 120_000 });
  if (reference.status !== 0 || reference.error) throw new Error(`the native build failed to run (${describeEnd(reference)}): ${reference.stderr.trim()}`);
  return { program, seed: o.seed, source, wasm, facts: wasmFacts(new Uint8Array(readFileSync(wasm))), reference };
}

function isCached(file: string, key: string): boolean {
  return existsSync(file) && existsSync(`${file}.key`) && readFileSync(`${file}.key`, 'utf8') === key;
}
