import { smallestPassing } from '../src/unikernel/bisect.js';
import { IMAGE_SIZE_TARGET, renderUnikernelReport, type UnikernelRun } from '../src/unikernel/report.js';
import { bootCorrect, type BootTiming } from '../src/unikernel/boot.js';

describe('smallestPassing', () => {
  it.each([1, 2, 7, 37, 64, 255, 256])('finds the threshold %i in [1, 256] with few probes', async (threshold) => {
    const r = await smallestPassing(1, 256, async (v) => v >= threshold);
    expect(r.smallest).toBe(threshold);
    expect(r.probes[0]).toEqual({ value: 256, ok: true });
    expect(r.probes.length).toBeLessThanOrEqual(10);
    // Every probe's verdict is the oracle's.
    for (const p of r.probes) expect(p.ok).toBe(p.value >= threshold);
  });

  it('reports no size when even the top fails, after one probe', async () => {
    const r = await smallestPassing(1, 128, async () => false);
    expect(r).toEqual({ smallest: undefined, probes: [{ value: 128, ok: false }] });
  });

  it('refuses a bad range', async () => {
    await expect(smallestPassing(0, 10, async () => true)).rejects.toThrow('bad bisection range');
    await expect(smallestPassing(5, 4, async () => true)).rejects.toThrow('bad bisection range');
  });
});

describe('bootCorrect', () => {
  const good: BootTiming = { firstOutputMs: 10, exitMs: 20, stdout: 'hi\n', stderr: '', status: 0, timedOut: false };
  it('needs the exact output, empty stderr, status 0 and no timeout', () => {
    expect(bootCorrect(good, 'hi\n')).toBe(true);
    expect(bootCorrect({ ...good, stdout: 'hi' }, 'hi\n')).toBe(false);
    expect(bootCorrect({ ...good, stderr: 'mewz: kernel panic: x\n' }, 'hi\n')).toBe(false);
    expect(bootCorrect({ ...good, status: 135 }, 'hi\n')).toBe(false);
    expect(bootCorrect({ ...good, status: 'the VM ended without a status' }, 'hi\n')).toBe(false);
    expect(bootCorrect({ ...good, timedOut: true }, 'hi\n')).toBe(false);
  });
});

describe('renderUnikernelReport', () => {
  const run: UnikernelRun = {
    date: '2026-11-27',
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 24, node: 'v20.0.0', platform: 'linux x64', loadAverage: 0.5 },
    qemu: 'QEMU 7.2.22',
    clang: '14.0.6',
    mewzSource: 'the CLI built in this checkout (HEAD abc1234)',
    accel: 'tcg',
    runs: 3,
    images: [
      { label: 'C hello world (clang-14 -O2, wasi-libc)', path: 'tools/bench/apps/hello.c', bytes: 300 * 1024 },
      { label: 'WAT hello', path: 'examples/hello.wat', bytes: 100 * 1024 },
    ],
    machines: [
      { machine: 'microvm', firstOutputMs: [300, 100, 200], exitMs: [400, 500, 450], ramMiB: 5, ramProbes: [{ value: 256, ok: true }, { value: 128, ok: true }], ramTopMiB: 256 },
      { machine: 'q35', firstOutputMs: [], exitMs: [], ramMiB: undefined, ramProbes: [{ value: 256, ok: false }], ramTopMiB: 256 },
    ],
    failures: ['q35 run 1: status 125'],
  };

  it('has the sizes against the target, medians per machine, RAM and failures', () => {
    const md = renderUnikernelReport(run);
    expect(md.startsWith('## unikernel')).toBe(true);
    expect(md).toContain('QEMU 7.2.22, accel tcg');
    expect(md).toContain('| C hello world (clang-14 -O2, wasi-libc) | 307200 | 300.0 KiB |');
    expect(md).toContain('C hello world: 300.0 KiB, under the 512 KiB target.');
    expect(md).toContain('| microvm | 200 ms | 450 ms | 400–500 ms | 3/3 | 5 MiB |');
    expect(md).toContain('| q35 | — | — | — | 0/3 | fails at 256 MiB |');
    expect(md).toContain('RAM probes on microvm (MiB, in order): 256 ok, 128 ok.');
    expect(md).toContain('- q35 run 1: status 125');
  });

  it('says when the RAM found is the platform\'s own minimum', () => {
    const floor = { ...run, machines: [{ ...run.machines[0], ramMiB: 16, ramRefusedMaxMiB: 15, ramRefusal: 'the machine needs at least 16 MiB' }] };
    const md = renderUnikernelReport(floor);
    expect(md).toContain("| 16 MiB (the platform's minimum) |");
    expect(md).toContain('refused by the platform before QEMU starts: "the machine needs at least 16 MiB"');
  });

  it('says the RAM was not measured when the bisection was skipped (--ram-max 0)', () => {
    const skipped = { ...run, machines: [{ ...run.machines[0], ramMiB: undefined, ramProbes: [], ramTopMiB: 0 }] };
    expect(renderUnikernelReport(skipped)).toContain('| 3/3 | not measured |');
  });

  it('names the ISA in the heading and the build command', () => {
    expect(renderUnikernelReport(run)).toMatch(/^## unikernel \(x86_64, QEMU\)\n[^]*`mewz build --target x86_64`/);
    const arm = renderUnikernelReport({ ...run, isa: 'aarch64', machines: [{ ...run.machines[0], machine: 'virt' }] });
    expect(arm).toMatch(/^## unikernel \(aarch64, QEMU\)\n[^]*`mewz build --target aarch64`/);
    expect(arm).toContain('| virt | 200 ms | 450 ms |');
  });

  it('says when the C image is over the target', () => {
    const big = { ...run, images: [{ ...run.images[0], bytes: IMAGE_SIZE_TARGET }] };
    expect(renderUnikernelReport(big)).toContain('**over** the 512 KiB target');
  });
});
