// CPU suite: the project's C programs (tools/bench/programs) built natively with gcc, and
// as .wasm run by mewz's output, Node (V8) and wasm2c + gcc; every run's output checked
// against native's, wall times taken in interleaved rounds. The mewz column is the
// headline, and records why not when `mewz build` cannot run yet.
import path from 'node:path';
import { buildProgram, type BuildContext } from '../cpu/build.js';
import { compareOutput } from '../cpu/check.js';
import { DEFAULT_TOOLS, WASM2C_RUNTIME_DIR, type Tools } from '../cpu/commands.js';
import { describeEnd, exec } from '../cpu/exec.js';
import { probeMewz } from '../cpu/mewz.js';
import { findPrograms, selectPrograms, type CpuProgram } from '../cpu/programs.js';
import { correctnessFailures, fmtRatio, fmtSeconds, renderCpuReport } from '../cpu/report.js';
import { medianOf, type CpuRun, type Outcome, type ProgramResult } from '../cpu/results.js';
import { resolveTool } from '../cpu/resolve-tool.js';
import { ratio } from '../cpu/stats.js';
import { timeInRounds, type RoundsOptions, type TimedCommand } from '../cpu/timer.js';
import { AARCH64, missingTargetTools, runnerVersion, X86_64, type CpuTarget } from '../cpu/target.js';
import { probeVersions } from '../cpu/toolchain.js';
import { VARIANTS, selectVariants, variant, type VariantId } from '../cpu/variants.js';
import { describeMachine } from '../machine.js';
import { nonNegativeInteger, positiveInteger, UsageError } from '../options.js';
import { findRepoRoot } from '../repo-root.js';
import type { Suite, SuiteContext, SuiteReport } from '../suite.js';

const CPU_OPTIONS = {
    runs: { type: 'string', description: 'timed runs per program and variant', default: '5' },
    warmup: { type: 'string', description: 'untimed rounds before timing', default: '1' },
    programs: { type: 'string', description: 'comma-separated programs to run (default: all)' },
    variants: { type: 'string', description: `comma-separated variants (${VARIANTS.map((v) => v.id).join(', ')}; native is always in)` },
    rebuild: { type: 'boolean', description: 'ignore the build cache (tools/bench/.cache)' },
    timeout: { type: 'string', description: 'seconds one run of a program may take before it counts as failed', default: '120' },
} as const;

export const cpuSuite: Suite = {
  name: 'cpu',
  description: 'C programs as mewz output, Node (V8), wasm2c + gcc and native gcc: outputs checked, medians and ratios',
  options: CPU_OPTIONS,
  run: (ctx) => runCpu(ctx, X86_64),
};

export const cpuAarch64Suite: Suite = {
  name: 'cpu-aarch64',
  description: 'the cpu programs compiled for aarch64 (mewz, wasm2c + cross gcc, cross gcc), all run under qemu-aarch64; skips without the cross gcc or qemu-aarch64',
  options: {
    ...CPU_OPTIONS,
    variants: { type: 'string', description: 'comma-separated variants (mewz, wasm2c; native is always in; no Node on aarch64)' },
    timeout: { ...CPU_OPTIONS.timeout, default: '600' },
    runs: { ...CPU_OPTIONS.runs, default: '3' },
    warmup: { ...CPU_OPTIONS.warmup, default: '0' },
  },
  run: (ctx) => runCpu(ctx, AARCH64),
};

async function runCpu(ctx: SuiteContext, target: CpuTarget): Promise<SuiteReport> {
  const rounds: RoundsOptions = {
    runs: positiveInteger(ctx.options.runs, 'runs'),
    warmup: nonNegativeInteger(ctx.options.warmup, 'warmup'),
    timeoutMs: positiveInteger(ctx.options.timeout, 'timeout') * 1000,
  };
  const asked = selectVariants(ctx.options.variants as string | undefined);
  if (target.nodeUnavailable && asked.includes('node') && ctx.options.variants !== undefined) throw new UsageError(`no Node variant on ${target.id}: ${target.nodeUnavailable}`);
  const variants = target.nodeUnavailable ? asked.filter((v) => v !== 'node') : asked;
  const missing = missingTargetTools(target);
  if (missing) return { markdown: '', skipped: `${target.id}: ${missing}` };

  const machine = describeMachine(); // first, so its load average is the background load, not ours
  const root = findRepoRoot(ctx.cwd);
  const benchDir = path.join(root, 'tools', 'bench');
  const programs = selectPrograms(findPrograms(path.join(benchDir, 'programs')), ctx.options.programs as string | undefined);
  const tools: Tools = {
    cc: resolveTool(target.cc),
    wasmCc: resolveTool(DEFAULT_TOOLS.wasmCc),
    wasm2c: resolveTool(DEFAULT_TOOLS.wasm2c),
    node: process.execPath,
  };
  const versions = { ...probeVersions(tools), emulator: runnerVersion(target) };
  if (!versions.gcc) throw new UsageError(`${tools.cc} not found: the native build is the reference of every check`);
  const mewz = variants.includes('mewz') ? probeMewz(root, tools) : { ok: false as const, reason: 'left out' };
  if (variants.includes('mewz')) ctx.log(mewz.ok ? `mewz: ${mewz.source}` : `mewz: not available (${mewz.reason})`);

  const build: BuildContext = {
    tools,
    versions,
    cacheDir: target.id === 'x86_64' ? path.join(benchDir, '.cache') : path.join(benchDir, '.cache', target.id),
    wasiShim: path.join(benchDir, 'runtime', 'wasi-shim.c'),
    wasm2cRuntimeDir: WASM2C_RUNTIME_DIR,
    nodeRunner: path.join(benchDir, 'dist', 'node-wasi-runner.js'),
    mewz,
    rebuild: ctx.options.rebuild === true,
    mewzTimeoutMs: 10 * 60_000,
    target,
  };
  ctx.log(`${programs.length} programs, ${variants.length} variants, ${rounds.runs} timed rounds after ${rounds.warmup} warm-up`);
  const results = programs.map((p) => runProgram(p, variants, build, rounds, ctx));

  const run: CpuRun = {
    target: target.id,
    date: ctx.now().toISOString().slice(0, 10),
    machine,
    loadAfter: describeMachine().loadAverage,
    versions,
    runs: rounds.runs,
    warmup: rounds.warmup,
    variants,
    mewzSource: mewz.ok ? mewz.source : undefined,
    programs: results,
  };
  return { markdown: renderCpuReport(run), failures: correctnessFailures(run) };
}

function runProgram(program: CpuProgram, variants: readonly VariantId[], build: BuildContext, rounds: RoundsOptions, ctx: SuiteContext): ProgramResult {
  ctx.log(`${program.name}: building…`);
  const built = buildProgram(program, variants, build);
  const native = built.prepared.native;
  if (native?.kind !== 'ready') throw new Error(`${program.name}: no native build`);
  const reference = exec(native.command, { timeoutMs: rounds.timeoutMs });
  if (reference.status !== 0 || reference.error) throw new Error(`${program.name}: the native build failed to run (${describeEnd(reference)}): ${reference.stderr.trim()}`);

  const outcomes: Partial<Record<VariantId, Outcome>> = {};
  const timed: Array<TimedCommand<VariantId>> = [];
  for (const id of variants) {
    const prepared = built.prepared[id];
    if (prepared?.kind === 'ready') timed.push({ id, command: prepared.command });
    else if (prepared) outcomes[id] = { kind: 'unavailable', reason: prepared.reason };
  }
  ctx.log(`  timing ${timed.map((t) => t.id).join(', ')}…`);
  const timings = timeInRounds(timed, rounds, (_id, result) => compareOutput(reference, result));
  for (const [id, t] of timings) {
    outcomes[id] =
      t.kind === 'timed'
        ? { kind: 'timed', medianMs: t.medianMs, minMs: t.minMs, maxMs: t.maxMs, runs: t.runsMs.length, cpuMedianMs: t.cpuMedianMs }
        : { kind: 'wrong', reason: t.round === 0 ? t.reason : `${t.reason} (in round ${t.round + 1}; earlier runs were right)` };
  }
  for (const id of variants) {
    const o = outcomes[id];
    if (o && (id !== 'mewz' || build.mewz.ok || o.kind !== 'unavailable')) ctx.log(`  ${variant(id).label.padEnd(13)} ${describeOutcome(o, id, outcomes)}`);
  }
  return { name: program.name, description: program.description, wasmBytes: built.wasmBytes, outcomes, mewzBuild: built.mewzBuild };
}

function describeOutcome(o: Outcome, id: VariantId, all: Partial<Record<VariantId, Outcome>>): string {
  if (o.kind === 'wrong') return `CORRECTNESS FAILURE: ${o.reason}`;
  if (o.kind === 'unavailable') return `n/a: ${o.reason}`;
  const vs = (other: VariantId, label: string): string => {
    const r = id === other ? undefined : ratio(o.medianMs, medianOf(all[other]));
    return r === undefined ? '' : `, ${fmtRatio(r)} ${label}`;
  };
  const cpu = o.cpuMedianMs !== undefined ? `, CPU ${fmtSeconds(o.cpuMedianMs)}` : '';
  return `${fmtSeconds(o.medianMs)} median (${fmtSeconds(o.minMs)}–${fmtSeconds(o.maxMs)})${cpu}${vs('native', 'gcc')}${vs('node', 'Node')}`;
}
