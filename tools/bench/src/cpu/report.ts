// Renders a CpuRun as the cpu section of docs/benchmarks.md. Pure: the tests feed it
// hand-made runs.
import { machineLine } from '../machine.js';
import { medianOf, type Clock, type CpuRun, type Outcome, type ProgramResult } from './results.js';
import { geometricMean, ratio } from './stats.js';
import { versionsLine } from './toolchain.js';
import { AARCH64_HOW, VARIANTS, WASM_BUILD, variant, type VariantId } from './variants.js';

/** The issue's target: mewz no slower than 1.5x Node, as a geometric mean over the programs. */
export const TARGET_MEWZ_OVER_NODE = 1.5;

/** The ratio columns, headline first; a pair is shown when both of its variants were asked for. */
const RATIOS: ReadonlyArray<readonly [VariantId, VariantId]> = [
  ['mewz', 'node'],
  ['mewz', 'native'],
  ['node', 'native'],
  ['wasm2c', 'native'],
  ['wasm2c', 'node'],
];

export interface RatioSummary {
  over: readonly [VariantId, VariantId];
  geomean?: number;
  /** Programs where both sides were timed. */
  count: number;
}

export function summarizeRatios(run: CpuRun, clock: Clock = 'wall'): RatioSummary[] {
  return ratioPairs(run).map((over) => {
    const values = run.programs.map((p) => programRatio(p, over, clock)).filter((r): r is number => r !== undefined);
    return { over, geomean: geometricMean(values), count: values.length };
  });
}

/** One reason shared by every program of a variant ('not yet available'), if there is one. */
export function columnReason(run: CpuRun, id: VariantId): string | undefined {
  const outcomes = run.programs.map((p) => p.outcomes[id]);
  if (outcomes.length === 0 || !outcomes.every((o) => o?.kind === 'unavailable')) return undefined;
  const reasons = new Set(outcomes.map((o) => (o as { reason: string }).reason));
  return reasons.size === 1 ? [...reasons][0] : undefined;
}

export function renderCpuReport(run: CpuRun): string {
  const shown = VARIANTS.filter((v) => run.variants.includes(v.id));
  const summaries = summarizeRatios(run);
  const cpuSummaries = summarizeRatios(run, 'cpu');
  const hasCpu = run.programs.some((p) => shown.some((v) => medianOf(p.outcomes[v.id], 'cpu') !== undefined));
  const aarch64 = run.target === 'aarch64';
  const lines: string[] = [
    aarch64 ? '## cpu-aarch64: compiled code for aarch64 against gcc, under qemu-aarch64' : '## cpu: compiled code against Node, wasm2c and gcc',
    '',
    `Run on ${run.date}; ${machineLine(run.machine)}, ${run.loadAfter} at the end; ${versionsLine(run.versions)}.`,
    '',
    `${run.programs.length} C programs of the project's own (tools/bench/programs), each built once per variant; ` +
      `wall time of the whole process, median of ${plural(run.runs, 'run')} after ${plural(run.warmup, 'warm-up run')}, ` +
      'the variants of a program taking turns run by run so that background load falls on all of them alike. ' +
      "Every run's stdout (the programs print checksums) and exit status were checked against the native build's.",
    '',
    ...(aarch64 ? emulatedLines(summaries, cpuSummaries) : targetLines(run, summaries, cpuSummaries)),
    '',
    '### Median wall time',
    '',
    `| program | what it stresses | ${shown.map((v) => v.label).join(' | ')} |`,
    `| --- | --- | ${shown.map(() => '---:').join(' | ')} |`,
    ...run.programs.map((p) => `| ${p.name} | ${p.description} | ${shown.map((v) => timeCell(p.outcomes[v.id], 'wall')).join(' | ')} |`),
  ];
  if (hasCpu) {
    lines.push(
      '',
      '### Median CPU time (user + system, all threads)',
      '',
      "Less disturbed by other processes than wall time; Node's includes its compiler and GC threads.",
      '',
      `| program | ${shown.map((v) => v.label).join(' | ')} |`,
      `| --- | ${shown.map(() => '---:').join(' | ')} |`,
      ...run.programs.map((p) => `| ${p.name} | ${shown.map((v) => timeCell(p.outcomes[v.id], 'cpu')).join(' | ')} |`),
    );
  }
  if (summaries.length > 0) {
    lines.push(
      '',
      '### Ratios of wall time (below 1 is faster)',
      '',
      `| program | ${summaries.map((s) => ratioLabel(s.over)).join(' | ')} |`,
      `| --- | ${summaries.map(() => '---:').join(' | ')} |`,
      ...run.programs.map((p) => `| ${p.name} | ${summaries.map((s) => fmtRatio(programRatio(p, s.over, 'wall'))).join(' | ')} |`),
      `| **geometric mean** | ${summaries.map((s) => `**${fmtGeomean(s, run)}**`).join(' | ')} |`,
    );
    if (hasCpu) lines.push(`| geometric mean of CPU time | ${cpuSummaries.map((s) => fmtGeomean(s, run)).join(' | ')} |`);
  }
  if (run.variants.includes('mewz')) lines.push('', ...mewzBuildLines(run));
  lines.push('', '### Variants', '', `Every variant but gcc starts from the same \`.wasm\`, built by ${WASM_BUILD}.`, '');
  for (const v of shown) lines.push(`- **${v.label}**: ${aarch64 ? AARCH64_HOW[v.id] : v.how}.`);
  if (run.mewzSource && run.variants.includes('mewz')) lines.push(`- mewz measured: ${run.mewzSource}.`);
  const notTimed = notTimedLines(run);
  if (notTimed.length > 0) lines.push('', '### Not timed', '', ...notTimed);
  const wrong = correctnessFailures(run);
  if (wrong.length > 0) lines.push('', '### Correctness failures', '', ...wrong.map((w) => `- **${w}**`));
  return lines.join('\n');
}

/** '<program> under <variant>: <reason>' for every wrong outcome. */
export function correctnessFailures(run: CpuRun): string[] {
  const out: string[] = [];
  for (const p of run.programs) {
    for (const v of VARIANTS) {
      const o = p.outcomes[v.id];
      if (o?.kind === 'wrong') out.push(`${p.name} under ${v.label}: ${o.reason}`);
    }
  }
  return out;
}

function targetLines(run: CpuRun, summaries: readonly RatioSummary[], cpuSummaries: readonly RatioSummary[]): string[] {
  if (!run.variants.includes('mewz') || !run.variants.includes('node')) return ['Target (mewz vs Node): not measured in this run (variants left out).'];
  const isHeadline = (s: RatioSummary): boolean => s.over[0] === 'mewz' && s.over[1] === 'node';
  const headline = summaries.find(isHeadline);
  const cpu = cpuSummaries.find(isHeadline)?.geomean;
  const reason = columnReason(run, 'mewz');
  if (!headline || headline.geomean === undefined) {
    return [`**mewz: not yet available** (${reason ?? 'no program was timed under both mewz and Node'}). Target of issue 3, a geometric mean of mewz/Node no worse than ${TARGET_MEWZ_OVER_NODE}x: not measured yet.`];
  }
  const met = headline.geomean <= TARGET_MEWZ_OVER_NODE ? 'met' : '**not met**';
  const over = headline.count < run.programs.length ? ` over ${headline.count} of ${run.programs.length} programs` : '';
  const cpuNote = cpu !== undefined ? ` (of CPU time: ${fmtRatio(cpu)})` : '';
  return [`**mewz/Node geometric mean of wall time: ${fmtRatio(headline.geomean)}**${over}${cpuNote}. Target of issue 3, no worse than ${TARGET_MEWZ_OVER_NODE}x: ${met}.`];
}

/**
 * What the aarch64 ratios are: every side ran under qemu-aarch64 user-mode emulation on an
 * x86_64 host, so they compare translated code, and say how good mewz's aarch64 code is
 * only roughly (TCG's cost per guest instruction is not a core's).
 */
function emulatedLines(summaries: readonly RatioSummary[], cpuSummaries: readonly RatioSummary[]): string[] {
  const isHeadline = (s: RatioSummary): boolean => s.over[0] === 'mewz' && s.over[1] === 'native';
  const headline = summaries.find(isHeadline)?.geomean;
  const cpu = cpuSummaries.find(isHeadline)?.geomean;
  const cpuNote = cpu !== undefined ? `, of CPU time: ${fmtRatio(cpu)}` : '';
  const figure = headline !== undefined ? `**mewz/gcc geometric mean of wall time: ${fmtRatio(headline)}** (both under qemu-aarch64${cpuNote}). ` : '';
  return [
    `${figure}Every executable here, gcc's too, ran under qemu-aarch64 user-mode emulation on this x86_64 machine: ` +
      'the ratios compare emulated code with emulated code, a rough measure of code quality only — TCG translates each ' +
      'guest instruction into several host ones at costs unlike a real aarch64 core\'s. Node is not measured: there is no ' +
      'aarch64 Node here to run under qemu-aarch64. Issue 3\'s mewz/Node target is measured on x86_64 (section cpu).',
  ];
}

function mewzBuildLines(run: CpuRun): string[] {
  const built = run.programs.filter((p) => p.mewzBuild);
  if (built.length === 0) return ['### mewz build', '', `Compile + link times of \`mewz build\`: not yet available (${columnReason(run, 'mewz') ?? 'no program built'}).`];
  return [
    '### mewz build',
    '',
    'Wall time of one `mewz build` per program (compile + link, Node start-up included).',
    '',
    '| program | .wasm | compile + link | executable |',
    '| --- | ---: | ---: | ---: |',
    ...run.programs.map((p) => `| ${p.name} | ${fmtBytes(p.wasmBytes)} | ${p.mewzBuild ? fmtSeconds(p.mewzBuild.ms) : 'n/a'} | ${fmtBytes(p.mewzBuild?.imageBytes)} |`),
  ];
}

function notTimedLines(run: CpuRun): string[] {
  const out: string[] = [];
  for (const v of VARIANTS) {
    if (!run.variants.includes(v.id)) continue;
    const shared = columnReason(run, v.id);
    if (shared) {
      out.push(`- ${v.label}: not yet available (${shared}).`);
      continue;
    }
    for (const p of run.programs) {
      const o = p.outcomes[v.id];
      if (o?.kind === 'unavailable') out.push(`- ${v.label}, ${p.name}: ${o.reason}.`);
    }
  }
  return out;
}

function ratioPairs(run: CpuRun): Array<readonly [VariantId, VariantId]> {
  return RATIOS.filter(([a, b]) => run.variants.includes(a) && run.variants.includes(b));
}

function programRatio(p: ProgramResult, [a, b]: readonly [VariantId, VariantId], clock: Clock = 'wall'): number | undefined {
  return ratio(medianOf(p.outcomes[a], clock), medianOf(p.outcomes[b], clock));
}

function fmtGeomean(s: RatioSummary, run: CpuRun): string {
  const partial = s.count < run.programs.length ? ` (${s.count} of ${run.programs.length})` : '';
  return `${fmtRatio(s.geomean)}${partial}`;
}

function ratioLabel([a, b]: readonly [VariantId, VariantId]): string {
  return `${variant(a).label} / ${variant(b).label}`;
}

function timeCell(o: Outcome | undefined, clock: Clock): string {
  if (o?.kind === 'wrong') return '**wrong**';
  const ms = medianOf(o, clock);
  return ms === undefined ? 'n/a' : fmtSeconds(ms);
}

export function fmtSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

export function fmtRatio(r: number | undefined): string {
  return r === undefined ? 'n/a' : `${r.toFixed(2)}x`;
}

export function fmtBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'n/a';
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
