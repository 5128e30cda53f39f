// Builds one program in every variant asked for, into the cache. The native build and the
// .wasm must succeed (a failure there is a broken program); the other variants may be
// unavailable, and say why.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildInPlace, cacheKey, cached, fileParts } from './cache.js';
import { mewzBuild, nativeBuild, nodeRun, wasm2cCompile, wasm2cTranslate, wasmBuild, type Tools } from './commands.js';
import { exec, execOrThrow, firstLine } from './exec.js';
import type { MewzProbe } from './mewz.js';
import type { CpuProgram } from './programs.js';
import { runOn, type CpuTarget } from './target.js';
import { pathOutsideNodeModules } from './resolve-tool.js';
import type { MewzBuildInfo } from './results.js';
import type { ToolVersions } from './toolchain.js';
import type { VariantId } from './variants.js';

export interface BuildContext {
  tools: Tools;
  versions: ToolVersions;
  /** tools/bench/.cache */
  cacheDir: string;
  /** tools/bench/runtime/wasi-shim.c */
  wasiShim: string;
  /** wabt's wasm-rt-impl.{c,h} */
  wasm2cRuntimeDir: string;
  /** dist/node-wasi-runner.js */
  nodeRunner: string;
  mewz: MewzProbe;
  /** Ignore cached artefacts. */
  rebuild: boolean;
  mewzTimeoutMs: number;
  /** What everything is compiled for, and how it is run. */
  target: CpuTarget;
}

export type Prepared = { kind: 'ready'; command: string[] } | { kind: 'unavailable'; reason: string };

export interface ProgramBuild {
  prepared: Partial<Record<VariantId, Prepared>>;
  wasmBytes?: number;
  mewzBuild?: MewzBuildInfo;
}

export function buildProgram(program: CpuProgram, variants: readonly VariantId[], ctx: BuildContext): ProgramBuild {
  const dir = path.join(ctx.cacheDir, program.name);
  const { tools, versions } = ctx;
  const prepared: Partial<Record<VariantId, Prepared>> = {};

  const native = path.join(dir, 'native', program.name);
  const nativeKey = cacheKey([...nativeBuild(tools, program.source, native, ctx.target), versions.gcc ?? '', ...fileParts([program.source])]);
  cached(native, nativeKey, (out) => execOrThrow(nativeBuild(tools, program.source, out, ctx.target)), ctx.rebuild);
  prepared.native = { kind: 'ready', command: runOn(ctx.target, [native]) };

  const wasmVariants = variants.filter((v) => v !== 'native');
  if (wasmVariants.length === 0) return { prepared };
  if (!versions.clang) {
    for (const v of wasmVariants) prepared[v] = { kind: 'unavailable', reason: `${tools.wasmCc} not found` };
    return { prepared };
  }
  const wasm = path.join(dir, `${program.name}.wasm`);
  // clang runs any `wasm-opt` on PATH after linking, and npm puts binaryen's first: keep
  // node_modules off PATH so the module is what clang alone makes (names kept).
  const clangEnv = { ...process.env, PATH: pathOutsideNodeModules() };
  const wasmKey = cacheKey([...wasmBuild(tools, program.source, wasm), versions.clang, 'no wasm-opt', ...fileParts([program.source])]);
  cached(wasm, wasmKey, (out) => execOrThrow(wasmBuild(tools, program.source, out), { env: clangEnv }), ctx.rebuild);
  const wasmBytes = statSync(wasm).size;
  const result: ProgramBuild = { prepared, wasmBytes };

  for (const v of wasmVariants) {
    if (v === 'node' && ctx.target.nodeUnavailable) prepared.node = { kind: 'unavailable', reason: ctx.target.nodeUnavailable };
    else if (v === 'node') prepared.node = existsSync(ctx.nodeRunner) ? { kind: 'ready', command: nodeRun(tools, ctx.nodeRunner, wasm) } : { kind: 'unavailable', reason: `${ctx.nodeRunner} is missing; build @mewz/bench` };
    if (v === 'wasm2c') prepared.wasm2c = buildWasm2c(program, wasm, dir, ctx);
    if (v === 'mewz') {
      const m = buildMewz(program, wasm, dir, ctx);
      prepared.mewz = m.prepared;
      result.mewzBuild = m.info;
    }
  }
  return result;
}

function buildWasm2c(program: CpuProgram, wasm: string, dir: string, ctx: BuildContext): Prepared {
  const { tools, versions } = ctx;
  if (!versions.wabt) return { kind: 'unavailable', reason: `${tools.wasm2c} not found` };
  const runtimeImpl = path.join(ctx.wasm2cRuntimeDir, 'wasm-rt-impl.c');
  if (!existsSync(runtimeImpl)) return { kind: 'unavailable', reason: `${runtimeImpl} not found (Debian package wabt)` };
  const out = path.join(dir, 'wasm2c', program.name);
  // The key names the commands with fixed paths; the build itself works in a private directory.
  const keyDir = path.join(dir, 'wasm2c');
  const steps = (work: string, exe: string) => [
    wasm2cTranslate(tools, wasm, path.join(work, 'module.c')),
    wasm2cCompile(tools, path.join(work, 'module.c'), ctx.wasiShim, ctx.wasm2cRuntimeDir, exe, ctx.target),
  ];
  const key = cacheKey([...steps(keyDir, out).flat(), versions.wabt, versions.gcc ?? '', ...fileParts([wasm, ctx.wasiShim, runtimeImpl])]);
  cached(
    out,
    key,
    (tmp) => {
      const work = `${tmp}.d`;
      mkdirSync(work, { recursive: true });
      try {
        for (const step of steps(work, tmp)) execOrThrow(step);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
    ctx.rebuild,
  );
  return { kind: 'ready', command: runOn(ctx.target, [out]) };
}

/** Always rebuilt: the compiler changes under us, and its compile time is part of the report. */
function buildMewz(program: CpuProgram, wasm: string, dir: string, ctx: BuildContext): { prepared: Prepared; info?: MewzBuildInfo } {
  if (!ctx.mewz.ok) return { prepared: { kind: 'unavailable', reason: ctx.mewz.reason } };
  const bin = ctx.mewz.bin;
  const out = path.join(dir, 'mewz', program.name);
  // A failed build leaves an older executable in place, but it is reported unavailable and never run.
  let failure: string | undefined;
  let ms = 0;
  try {
    buildInPlace(out, (tmp) => {
      const r = exec(mewzBuild(ctx.tools, bin, wasm, tmp, ctx.target), { timeoutMs: ctx.mewzTimeoutMs });
      ms = r.ms;
      if (r.status !== 0 || r.error) failure = `\`mewz build\` failed: ${r.error ?? (firstLine(r.stderr) || firstLine(r.stdout) || `exit status ${String(r.status)}`)}`;
      else if (!existsSync(tmp)) failure = '`mewz build` succeeded but wrote no executable';
      if (failure) throw new Error(failure);
    });
  } catch (error) {
    return { prepared: { kind: 'unavailable', reason: failure ?? (error as Error).message } };
  }
  return { prepared: { kind: 'ready', command: runOn(ctx.target, [out]) }, info: { ms, imageBytes: statSync(out).size } };
}
