// The unikernel section of docs/benchmarks.md: image sizes against the 512 KiB target,
// boot times per machine type, and the smallest guest RAM that still runs hello world.
import { type MachineInfo, machineLine } from '../machine.js';
import { median } from '../measure.js';

/** Issue 4's target for the C hello world image. */
export const IMAGE_SIZE_TARGET = 512 * 1024;

export interface ImageFact {
  label: string;
  path: string;
  bytes: number;
}

export interface MachineTimes {
  machine: string;
  /** Per correct run, milliseconds. */
  firstOutputMs: number[];
  exitMs: number[];
  /** Smallest -m (MiB) at which hello world ran correctly; undefined when none up to the top of the range. */
  ramMiB: number | undefined;
  ramProbes: { value: number; ok: boolean }[];
  ramTopMiB: number;
  /** What the platform said when it refused a size before booting (its own minimum), if it did. */
  ramRefusal?: string;
  /** The largest size the platform refused. */
  ramRefusedMaxMiB?: number;
}

export interface UnikernelRun {
  /** The images' ISA (x86_64 when absent). */
  isa?: 'x86_64' | 'aarch64';
  date: string;
  machine: MachineInfo;
  qemu: string;
  clang: string | undefined;
  mewzSource: string;
  accel: 'tcg';
  runs: number;
  images: ImageFact[];
  machines: MachineTimes[];
  failures: string[];
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function ms(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(0)} ms`;
}

function medianOf(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : median(values);
}

export function renderUnikernelReport(run: UnikernelRun): string {
  const lines: string[] = [];
  const isa = run.isa ?? 'x86_64';
  lines.push(`## unikernel (${isa}, QEMU)`);
  lines.push('');
  lines.push(`${run.date}, ${machineLine(run.machine)}; ${run.qemu}, accel ${run.accel}${run.clang ? `, clang ${run.clang}` : ''}; ${run.mewzSource}.`);
  lines.push('');
  lines.push(`Image size (\`mewz build --target ${isa}\`, the file as written; issue 4 target for the C hello world: under 512 KiB):`);
  lines.push('');
  lines.push('| image | bytes | size |');
  lines.push('| --- | ---: | ---: |');
  for (const image of run.images) lines.push(`| ${image.label} | ${image.bytes} | ${kib(image.bytes)} |`);
  const c = run.images.find((i) => i.label.startsWith('C hello'));
  if (c) {
    lines.push('');
    lines.push(c.bytes < IMAGE_SIZE_TARGET ? `C hello world: ${kib(c.bytes)}, under the 512 KiB target.` : `C hello world: ${kib(c.bytes)}, **over** the 512 KiB target.`);
  }
  lines.push('');
  lines.push(
    `Boot of the C hello world, spawned with the platform's run command (\`mewz run\` minus its Node start-up), median of ${run.runs} runs: from spawning QEMU to the first byte on stdout and to the process's exit. Guest RAM: the smallest \`-m\` (MiB) at which it still prints its line and exits 0, by bisection.`,
  );
  lines.push('');
  lines.push('| machine | first output (median) | exit (median) | exit min–max | correct runs | guest RAM needed |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const m of run.machines) {
    const range = m.exitMs.length > 0 ? `${Math.min(...m.exitMs).toFixed(0)}–${Math.max(...m.exitMs).toFixed(0)} ms` : '—';
    // At the platform's own floor the app's real need may be smaller still: say so.
    const atFloor = m.ramMiB !== undefined && m.ramRefusedMaxMiB !== undefined && m.ramMiB === m.ramRefusedMaxMiB + 1;
    const ram = m.ramTopMiB === 0 ? 'not measured' : m.ramMiB === undefined ? `fails at ${m.ramTopMiB} MiB` : atFloor ? `${m.ramMiB} MiB (the platform's minimum)` : `${m.ramMiB} MiB`;
    lines.push(`| ${m.machine} | ${ms(medianOf(m.firstOutputMs))} | ${ms(medianOf(m.exitMs))} | ${range} | ${m.exitMs.length}/${run.runs} | ${ram} |`);
  }
  const probes = run.machines.filter((m) => m.ramProbes.length > 0);
  if (probes.length > 0) {
    lines.push('');
    for (const m of probes) {
      const refusal = m.ramRefusal ? ` Smaller sizes are refused by the platform before QEMU starts: "${m.ramRefusal}".` : '';
      lines.push(`RAM probes on ${m.machine} (MiB, in order): ${m.ramProbes.map((p) => `${p.value}${p.ok ? ' ok' : ' fail'}`).join(', ')}.${refusal}`);
    }
  }
  if (run.failures.length > 0) {
    lines.push('');
    lines.push('Failures:');
    lines.push('');
    for (const f of run.failures) lines.push(`- ${f}`);
  }
  return lines.join('\n');
}
