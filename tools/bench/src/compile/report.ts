// Renders a CompileRun as the compile section of docs/benchmarks.md. Pure: the tests feed
// it hand-made runs.
import { machineLine } from '../machine.js';
import { versionsLine } from '../cpu/toolchain.js';
import { dominantPhase, reports, spread, summarizePhases, type CompileRun, type Spread } from './results.js';
import { BUILD_KINDS, type BuildKind } from './rounds.js';

/** Issue 3: compile + link of a 1 MB module in under 5 s. */
export const TARGET_MS = 5000;
export const TARGET_BYTES = 1e6;

const BUILD_LABELS: Record<BuildKind, string> = {
  cli: '`mewz build` (the CLI), kernel cached',
  cached: 'phase runner, kernel cached',
  cold: 'phase runner, kernel cold (asc compiles it)',
};

export function fmtSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

function fmtMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

function fmtMiB(kib: number): string {
  return `${(kib / 1024).toFixed(0)} MiB`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function cells(s: Spread | undefined): string {
  return s ? `${fmtSeconds(s.medianMs)} | ${fmtSeconds(s.minMs)} | ${fmtSeconds(s.maxMs)}` : 'n/a | n/a | n/a';
}

/** The time the target is judged on: the CLI's median wall time, scaled up to 1 MB if the module is smaller. */
export function judgedMs(run: CompileRun): number | undefined {
  const wall = spread(run.samples.cli.map((s) => s.wallMs));
  if (wall === undefined) return undefined;
  const bytes = run.program.facts.bytes;
  return bytes >= TARGET_BYTES ? wall.medianMs : (wall.medianMs * TARGET_BYTES) / bytes;
}

export function verdictLine(run: CompileRun): string {
  const judged = judgedMs(run);
  if (judged === undefined) return `Target of issue 3, compile + link of a 1 MB module in under ${TARGET_MS / 1000} s: no figure (\`mewz build\` failed).`;
  const cpu = spread(run.samples.cli.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs])));
  const scaled = run.program.facts.bytes < TARGET_BYTES ? ' (scaled up to 1 MB)' : '';
  // Node's GC and JIT threads run beside the compiler, so CPU time may exceed wall time.
  const cpuNote = cpu ? `; CPU time (user + system, all of Node's threads) ${fmtSeconds(cpu.medianMs)}` : '';
  return (
    `**Target of issue 3, compile + link of a 1 MB module in under ${TARGET_MS / 1000} s: ${judged < TARGET_MS ? 'met' : 'not met'}** — ` +
    `\`mewz build\` takes ${fmtSeconds(judged)}${scaled} of wall time (median)${cpuNote}.`
  );
}

export function renderCompileReport(run: CompileRun): string {
  const { facts, functions, seed, shapes } = run.program;
  const lines = [
    '## compile: compile + link time of `mewz build`',
    '',
    `Run on ${run.date}; ${machineLine(run.machine)}, ${run.loadAfter} at the end; ${versionsLine(run.versions)}.`,
    '',
    `Module: ${fmtMB(facts.bytes)} (${count(facts.bytes)} bytes; code section ${fmtMB(facts.codeBytes)}, custom sections ${fmtMB(facts.customBytes)}), ` +
      `${count(facts.functions)} defined functions: ${count(functions)} generated C functions (${shapeList(shapes)}) plus the helpers and wasi-libc's. ` +
      `A C program of the project's own from tools/bench/src/gen/c (seed 0x${seed.toString(16)}), built by \`clang-14 --target=wasm32-wasi -O2\`; ` +
      'every executable built printed the same checksum as the program built natively with `gcc -O2`.',
    '',
    `Median of ${run.runs} ${run.runs === 1 ? 'run' : 'runs'} after ${run.warmup} warm-up ${run.warmup === 1 ? 'round' : 'rounds'}, the three builds taking turns round by round; each build is a fresh Node process.`,
    '',
    verdictLine(run),
    '',
    ...buildsTable(run),
    '',
    ...phaseTable(run),
    ...failureLines(run),
    '',
    `mewz measured: ${run.mewzSource}. The phase runner (tools/bench/src/compile-phases-runner.ts) builds as the CLI does, ` +
      "with core's `onPhase` hook timing the phases; `mewz build` is timed from outside, with peak RSS from GNU time where present.",
  ];
  return lines.join('\n');
}

function shapeList(shapes: Readonly<Record<string, number>>): string {
  return Object.entries(shapes)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, n]) => `${n} ${id}`)
    .join(', ');
}

function buildsTable(run: CompileRun): string[] {
  const rows = BUILD_KINDS.map((kind) => {
    const samples = run.samples[kind];
    const cpu = spread(samples.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs])));
    const rss = samples.flatMap((s) => (s.maxRssKiB === undefined ? [] : [s.maxRssKiB]));
    const failed = run.failures[kind] ? ' (failed)' : '';
    return `| ${BUILD_LABELS[kind]}${failed} | ${cells(spread(samples.map((s) => s.wallMs)))} | ${cpu ? fmtSeconds(cpu.medianMs) : 'n/a'} | ${rss.length > 0 ? fmtMiB(Math.max(...rss)) : 'n/a'} |`;
  });
  return ['### Whole builds', '', '| build | wall median | min | max | CPU median | peak RSS |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows];
}

function phaseTable(run: CompileRun): string[] {
  const summary = summarizePhases(run.samples.cached);
  if (summary === undefined) return ['### Phases', '', 'No phase figures: the phase runner did not complete a build.'];
  const cold = spread(reports(run.samples.cold).map((r) => r.phases.kernel));
  const coldTotal = spread(reports(run.samples.cold).map((r) => r.totalMs));
  const top = dominantPhase(summary.phases)!;
  return [
    '### Phases',
    '',
    'Of the phase runner with the kernel cached; a row is the time between two of core\'s phase marks, so the rows add up to the total.',
    '',
    '| phase | median | min | max | share |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...summary.phases.map((p) => `| ${p.label} | ${cells(p.spread)} | ${(p.share * 100).toFixed(1)}% |`),
    `| **total** | ${cells(summary.total)} | 100% |`,
    `| kernel module, cold: asc compiles it (instead of the cached row; total ${coldTotal ? fmtSeconds(coldTotal.medianMs) : 'n/a'}) | ${cells(cold)} | |`,
    '',
    `Dominant phase: **${top.label}**, ${(top.share * 100).toFixed(0)}% of the total.`,
  ];
}

function failureLines(run: CompileRun): string[] {
  const entries = BUILD_KINDS.flatMap((k) => (run.failures[k] ? [`- **${BUILD_LABELS[k]}: FAILED** — ${run.failures[k]}`] : []));
  return entries.length > 0 ? ['', '### Failures', '', ...entries] : [];
}

/** One line per failed build, for stderr and the exit status. */
export function compileFailures(run: CompileRun): string[] {
  return BUILD_KINDS.flatMap((k) => (run.failures[k] ? [`${BUILD_LABELS[k]}: ${run.failures[k]}`] : []));
}
