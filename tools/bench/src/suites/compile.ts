// Compile suite: how long `mewz build --target x86_64 --platform linux` takes on a ~1 MB
// module (issue 3's target: under 5 s), as a user sees it and phase by phase. The module
// is a generated C program built by clang-14; every executable built is run and checked
// against the program built natively.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_TOOLS, type Tools } from '../cpu/commands.js';
import { probeMewz } from '../cpu/mewz.js';
import { resolveTool } from '../cpu/resolve-tool.js';
import { probeVersions } from '../cpu/toolchain.js';
import { DEFAULT_C_SEED } from '../gen/c/program.js';
import { GNU_TIME, hasGnuTime } from '../compile/gnu-time.js';
import { prepareProgram } from '../compile/program.js';
import { compileFailures, fmtSeconds, renderCompileReport, verdictLine } from '../compile/report.js';
import type { CompileRun } from '../compile/results.js';
import { dominantPhase, summarizePhases } from '../compile/results.js';
import { timeBuilds } from '../compile/rounds.js';
import { describeMachine } from '../machine.js';
import { nonNegativeInteger, positiveInteger, UsageError } from '../options.js';
import { findRepoRoot } from '../repo-root.js';
import type { Suite, SuiteContext, SuiteReport } from '../suite.js';

/** Generated functions for a module of about 1 MB (tuned on clang 14.0.6 and Debian's wasi-libc). */
export const DEFAULT_FUNCTIONS = 1350;

export const compileSuite: Suite = {
  name: 'compile',
  description: 'compile + link time of `mewz build` on a generated ~1 MB C program, whole and per phase',
  options: {
    runs: { type: 'string', description: 'timed rounds (each: CLI, phase runner with the kernel cached, and cold)', default: '5' },
    warmup: { type: 'string', description: 'untimed rounds first', default: '1' },
    functions: { type: 'string', description: 'generated C functions (the module size follows)', default: String(DEFAULT_FUNCTIONS) },
    seed: { type: 'string', description: 'generator seed (decimal or 0x hex)', default: `0x${DEFAULT_C_SEED.toString(16)}` },
    rebuild: { type: 'boolean', description: 'rebuild the .wasm and the native reference (tools/bench/.cache/compile)' },
    timeout: { type: 'string', description: 'seconds one build may take', default: '600' },
  },
  run: runCompile,
};

async function runCompile(ctx: SuiteContext): Promise<SuiteReport> {
  const runs = positiveInteger(ctx.options.runs, 'runs');
  const warmup = nonNegativeInteger(ctx.options.warmup, 'warmup');
  const functions = positiveInteger(ctx.options.functions, 'functions');
  const seed = nonNegativeInteger(ctx.options.seed, 'seed');
  const timeoutMs = positiveInteger(ctx.options.timeout, 'timeout') * 1000;

  const machine = describeMachine(); // first, so its load average is the background load, not ours
  const root = findRepoRoot(ctx.cwd);
  const benchDir = path.join(root, 'tools', 'bench');
  const runner = path.join(benchDir, 'dist', 'compile-phases-runner.js');
  if (!existsSync(runner)) throw new UsageError(`${runner} is missing; build @mewz/bench`);
  const tools: Tools = { cc: resolveTool(DEFAULT_TOOLS.cc), wasmCc: resolveTool(DEFAULT_TOOLS.wasmCc), wasm2c: resolveTool(DEFAULT_TOOLS.wasm2c), node: process.execPath };
  const versions = probeVersions(tools);
  const mewz = probeMewz(root, tools);
  if (!mewz.ok) throw new UsageError(`mewz is not available: ${mewz.reason}`);
  ctx.log(`mewz: ${mewz.source}`);

  ctx.log(`generating ${functions} C functions (seed 0x${seed.toString(16)}) and building them…`);
  const program = prepareProgram({ functions, seed, tools, versions, cacheDir: path.join(benchDir, '.cache', 'compile'), rebuild: ctx.options.rebuild === true, log: ctx.log });
  const { facts } = program;
  ctx.log(`  ${program.wasm}: ${facts.bytes} bytes, code ${facts.codeBytes} bytes, ${facts.functions} functions; native prints ${JSON.stringify(program.reference.stdout.trim())}`);

  const gnuTime = hasGnuTime() ? GNU_TIME : undefined;
  if (!gnuTime) ctx.log(`  ${GNU_TIME} not found: no peak RSS for the CLI build (apt-get install time)`);
  ctx.log(`timing ${runs} round(s) after ${warmup} warm-up round(s)…`);
  const timed = timeBuilds({ node: tools.node, mewzBin: mewz.bin, runner, wasm: program.wasm, cwd: root, reference: program.reference, runs, warmup, timeoutMs, gnuTime, log: ctx.log });

  const run: CompileRun = {
    date: ctx.now().toISOString().slice(0, 10),
    machine,
    loadAfter: describeMachine().loadAverage,
    versions,
    mewzSource: mewz.source,
    program: { functions, seed, shapes: program.program.shapes, facts },
    runs,
    warmup,
    samples: timed.samples,
    failures: timed.failures,
  };
  const phases = summarizePhases(run.samples.cached);
  if (phases) {
    for (const p of phases.phases) ctx.log(`  ${p.label.padEnd(66)} ${fmtSeconds(p.spread.medianMs)} (${(p.share * 100).toFixed(1)}%)`);
    ctx.log(`  dominant: ${dominantPhase(phases.phases)?.label}`);
  }
  ctx.log(verdictLine(run).replace(/\*\*/g, ''));
  return { markdown: renderCompileReport(run), failures: compileFailures(run) };
}
