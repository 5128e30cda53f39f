import type { BuildSample } from '../src/compile/rounds.js';
import { renderCompileReport, verdictLine } from '../src/compile/report.js';
import { dominantPhase, summarizePhases, type CompileRun } from '../src/compile/results.js';
import type { RunnerReport } from '../src/compile/runner-report.js';

function report(scale: number, kernelCached = true): RunnerReport {
  const phases = { decode: 40, kernel: kernelCached ? 10 : 9000, lower: 500, optimize: 800, backend: 2500, link: 100 };
  const startupMs = 50;
  const loadMs = 250;
  const writeMs = 5;
  const total = startupMs + loadMs + writeMs + Object.values(phases).reduce((a, b) => a + b, 0);
  const scaled = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, v * scale])) as RunnerReport['phases'];
  return { startupMs, loadMs, phases: scaled, writeMs, totalMs: total + (scale - 1) * (total - startupMs - loadMs - writeMs), cpuMs: total, maxRssKiB: 400_000, kernelCached, elfBytes: 2_000_000 };
}

const sample = (wallMs: number, r?: RunnerReport): BuildSample => ({ wallMs, cpuMs: wallMs * 0.8, maxRssKiB: 300_000, report: r });

function run(overrides: Partial<CompileRun> = {}): CompileRun {
  return {
    date: '2026-11-27',
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 8, node: 'v20.0.0', platform: 'linux x64', loadAverage: 3.5 },
    loadAfter: 4.25,
    versions: { gcc: '12.2.0', clang: '14.0.6', node: 'v20.0.0' },
    mewzSource: 'the CLI built in this checkout (HEAD abc1234)',
    program: { functions: 1350, seed: 0x636d6577, shapes: { arith: 400, loops: 250, calls: 200 }, facts: { bytes: 1_015_562, functions: 1411, importedFunctions: 5, codeBytes: 850_000, customBytes: 120_000 } },
    runs: 3,
    warmup: 1,
    samples: {
      cli: [sample(4200), sample(4000), sample(4600)],
      cached: [sample(4300, report(1)), sample(4100, report(1.1)), sample(4500, report(0.9))],
      cold: [sample(13000, report(1, false))],
    },
    failures: {},
    ...overrides,
  };
}

describe('compile report', () => {
  test('names the date, the machine and its load, the module and the tools', () => {
    const md = renderCompileReport(run());
    expect(md.startsWith('## compile')).toBe(true);
    expect(md).toContain('Run on 2026-11-27; Test CPU, 2 cores, 8 GiB RAM, linux x64, Node v20.0.0 (load average 3.5), 4.25 at the end; gcc 12.2.0, clang 14.0.6.');
    expect(md).toContain('Module: 1.02 MB (1,015,562 bytes; code section 0.85 MB');
    expect(md).toContain('1,350 generated C functions (400 arith, 250 loops, 200 calls)');
    expect(md).toContain('seed 0x636d6577');
  });

  test('judges the target on the CLI median, met or not', () => {
    expect(verdictLine(run())).toContain('under 5 s: met** — `mewz build` takes 4.200 s of wall time (median); CPU time (user');
    const slow = run({ samples: { ...run().samples, cli: [sample(6000), sample(7000), sample(5500)] } });
    expect(verdictLine(slow)).toContain('not met** — `mewz build` takes 6.000 s');
  });

  test('scales a smaller module up to 1 MB, never a larger one down', () => {
    const half = run();
    const small = { ...half, program: { ...half.program, facts: { ...half.program.facts, bytes: 500_000 } } };
    expect(verdictLine(small)).toContain('takes 8.400 s (scaled up to 1 MB)');
  });

  test('has the whole-build table and the phase table, whose rows add up to the total', () => {
    const md = renderCompileReport(run());
    expect(md).toContain('| `mewz build` (the CLI), kernel cached | 4.200 s | 4.000 s | 4.600 s | 3.360 s | 293 MiB |');
    expect(md).toContain('| backend: instruction selection + register allocation + emission | 2.500 s | 2.250 s | 2.750 s |');
    expect(md).toContain('| kernel module, cold: asc compiles it (instead of the cached row; total 13.245 s) | 9.000 s | 9.000 s | 9.000 s | |');
    expect(md).toContain('Dominant phase: **backend: instruction selection + register allocation + emission**, 59% of the total.');
    const summary = summarizePhases(run().samples.cached)!;
    const sum = summary.phases.reduce((a, p) => a + p.spread.medianMs, 0);
    expect(sum).toBeCloseTo(summary.total.medianMs, 6);
    expect(dominantPhase(summary.phases)?.label).toMatch(/^backend/);
  });

  test('reports failures, and renders without figures', () => {
    const failed = run({ samples: { cli: [], cached: [], cold: [] }, failures: { cli: 'build failed (exit status 1): mewz: boom' } });
    const md = renderCompileReport(failed);
    expect(md).toContain('no figure (`mewz build` failed)');
    expect(md).toContain('- **`mewz build` (the CLI), kernel cached: FAILED** — build failed (exit status 1): mewz: boom');
    expect(md).toContain('No phase figures');
    expect(md).toContain('| n/a | n/a | n/a |');
  });
});
