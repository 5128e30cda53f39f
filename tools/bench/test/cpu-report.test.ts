import { columnReason, correctnessFailures, fmtBytes, fmtRatio, renderCpuReport, summarizeRatios } from '../src/cpu/report.js';
import type { CpuRun, Outcome, ProgramResult } from '../src/cpu/results.js';
import type { MachineInfo } from '../src/machine.js';

const machine: MachineInfo = { cpu: 'Test CPU', cores: 2, memoryGiB: 4, node: 'v20.0.0', platform: 'linux x64', loadAverage: 0.5 };

function timed(medianMs: number, cpuMedianMs?: number): Outcome {
  return { kind: 'timed', medianMs, minMs: medianMs - 10, maxMs: medianMs + 10, runs: 5, cpuMedianMs };
}

function program(name: string, outcomes: ProgramResult['outcomes'], extra: Partial<ProgramResult> = {}): ProgramResult {
  return { name, description: `${name} things`, wasmBytes: 2048, outcomes, ...extra };
}

function cpuRun(programs: ProgramResult[], variants: CpuRun['variants'] = ['mewz', 'node', 'wasm2c', 'native']): CpuRun {
  return { date: '2026-05-06', machine, loadAfter: 0.7, versions: { gcc: '12.2.0', clang: '14.0.6', wabt: '1.0.32', node: 'v20.0.0' }, runs: 5, warmup: 1, variants, programs };
}

const notYet: Outcome = { kind: 'unavailable', reason: '`mewz build` is not a command of the built CLI yet' };

describe('cpu report', () => {
  test('mewz not yet available: the column and the target say so, the other ratios are there', () => {
    const run = cpuRun([
      program('fib', { native: timed(500, 500), node: timed(1000, 1100), wasm2c: timed(600, 590), mewz: notYet }),
      program('sort', { native: timed(800, 800), node: timed(1600, 1700), wasm2c: timed(800, 780), mewz: notYet }),
    ]);
    expect(columnReason(run, 'mewz')).toBe(notYet.reason);
    expect(columnReason(run, 'node')).toBeUndefined();
    const md = renderCpuReport(run);
    expect(md.startsWith('## cpu: ')).toBe(true);
    expect(md).toContain('Run on 2026-05-06; Test CPU, 2 cores, 4 GiB RAM, linux x64, Node v20.0.0 (load average 0.5), 0.7 at the end; gcc 12.2.0, clang 14.0.6, wabt (wasm2c) 1.0.32.');
    expect(md).toContain('**mewz: not yet available** (`mewz build` is not a command of the built CLI yet)');
    expect(md).toContain('| program | what it stresses | mewz | Node | wasm2c + gcc | gcc -O2 |');
    expect(md).toContain('| fib | fib things | n/a | 1.000 s | 0.600 s | 0.500 s |');
    expect(md).toContain('| fib | n/a | 1.100 s | 0.590 s | 0.500 s |'); // CPU time table
    // Node/gcc is 2x for both programs; wasm2c/gcc is 1.2x and 1x, geometric mean sqrt(1.2).
    expect(md).toContain('| **geometric mean** | **n/a (0 of 2)** | **n/a (0 of 2)** | **2.00x** | **1.10x** | **0.55x** |');
    expect(md).toContain('Compile + link times of `mewz build`: not yet available');
    expect(md).toContain('- mewz: not yet available (`mewz build` is not a command of the built CLI yet).');
    expect(md).not.toContain('Correctness failures');
    expect(correctnessFailures(run)).toEqual([]);
  });

  test('mewz timed: headline ratio, verdict against 1.5x, build table', () => {
    const build = { ms: 1234, imageBytes: 3 * 1024 * 1024 };
    const run = cpuRun([
      program('fib', { native: timed(500), node: timed(1000), wasm2c: timed(600), mewz: timed(1200) }, { mewzBuild: build }),
      program('sort', { native: timed(800), node: timed(1600), wasm2c: timed(800), mewz: timed(3200) }, { mewzBuild: build }),
    ]);
    const [headline] = summarizeRatios(run);
    expect(headline.over).toEqual(['mewz', 'node']);
    expect(headline.geomean).toBeCloseTo(Math.sqrt(1.2 * 2), 10);
    const md = renderCpuReport(run);
    expect(md).toContain('**mewz/Node geometric mean of wall time: 1.55x**. Target of issue 3, no worse than 1.5x: **not met**.');
    expect(md).not.toContain('Median CPU time'); // no CPU figures in this run
    expect(md).toContain('| fib | 2.0 KiB | 1.234 s | 3.00 MiB |');
    const faster = cpuRun([program('fib', { native: timed(500), node: timed(1000), mewz: timed(900) }, { mewzBuild: build })]);
    expect(renderCpuReport(faster)).toContain('geometric mean of wall time: 0.90x**. Target of issue 3, no worse than 1.5x: met.');
  });

  test('a wrong output is a correctness failure, shown loudly and not timed', () => {
    const run = cpuRun([
      program('fib', {
        native: timed(500),
        node: timed(1000),
        wasm2c: timed(600),
        mewz: { kind: 'wrong', reason: 'stdout differs at line 1: expected "fib(43) = 1", got "fib(43) = 2"' },
      }),
    ]);
    const md = renderCpuReport(run);
    expect(md).toContain('| fib | fib things | **wrong** | 1.000 s | 0.600 s | 0.500 s |');
    expect(md).toContain('### Correctness failures');
    expect(correctnessFailures(run)).toEqual(['fib under mewz: stdout differs at line 1: expected "fib(43) = 1", got "fib(43) = 2"']);
  });

  test('per-program reasons when a variant fails differently per program; partial geometric means say over how many', () => {
    const run = cpuRun([
      program('fib', { native: timed(500), node: timed(1000), mewz: { kind: 'unavailable', reason: '`mewz build` failed: unsupported: f64.nearest' } }),
      program('sort', { native: timed(800), node: timed(1600), mewz: timed(1600) }),
    ], ['mewz', 'node', 'native']);
    const md = renderCpuReport(run);
    expect(md).toContain('- mewz, fib: `mewz build` failed: unsupported: f64.nearest.');
    expect(md).toContain('**mewz/Node geometric mean of wall time: 1.00x** over 1 of 2 programs.');
    expect(md).toContain('| **geometric mean** | **1.00x (1 of 2)** |');
    expect(md).not.toContain('wasm2c + gcc');
  });

  test('variants left out: no target line claims anything', () => {
    const run = cpuRun([program('fib', { native: timed(500), wasm2c: timed(600) })], ['wasm2c', 'native']);
    expect(renderCpuReport(run)).toContain('Target (mewz vs Node): not measured in this run (variants left out).');
  });

  test('aarch64: its own heading, mewz/gcc as the figure, and what the emulated ratios mean', () => {
    const run: CpuRun = {
      ...cpuRun(
        [
          program('fib', { native: timed(1000, 900), wasm2c: timed(1500, 1400), mewz: timed(2000, 1800) }),
          program('sort', { native: timed(1000, 900), wasm2c: timed(1200, 1100), mewz: timed(8000, 7000) }),
        ],
        ['mewz', 'wasm2c', 'native'],
      ),
      target: 'aarch64',
      versions: { gcc: '12.2.0', clang: '14.0.6', wabt: '1.0.32', node: 'v20.0.0', emulator: 'qemu-aarch64 7.2.22' },
    };
    const md = renderCpuReport(run);
    expect(md.startsWith('## cpu-aarch64: ')).toBe(true);
    expect(md).toContain('gcc 12.2.0, clang 14.0.6, wabt (wasm2c) 1.0.32, qemu-aarch64 7.2.22.');
    // mewz/gcc is 2x and 8x: geometric mean 4.
    // CPU time: 2x and 7000/900; geometric mean sqrt(2 * 7.78) = 3.94.
    expect(md).toContain('**mewz/gcc geometric mean of wall time: 4.00x** (both under qemu-aarch64, of CPU time: 3.94x)');
    expect(md).toContain('emulated code with emulated code');
    expect(md).toContain('Node is not measured');
    expect(md).not.toContain('Target of issue 3');
    expect(md).toContain('`aarch64-linux-gnu-gcc -O2 -static`, run under `qemu-aarch64`');
    expect(md).toContain('`mewz build --target aarch64 --platform linux`');
    expect(md).toContain('| **geometric mean** | **4.00x** | **1.34x** |');
  });

  test('formatting', () => {
    expect(fmtRatio(undefined)).toBe('n/a');
    expect(fmtRatio(1.234)).toBe('1.23x');
    expect(fmtBytes(512)).toBe('0.5 KiB');
    expect(fmtBytes(undefined)).toBe('n/a');
  });
});
