// Sleeping halts the guest: a C app that sleeps 1 s with nanosleep (poll_oneoff) shows 1 s
// between its two lines, and QEMU uses almost no host CPU meanwhile. QEMU is spawned with
// the platform's run command so that its pid (and /proc/<pid>/stat) is ours to read.
import path from 'node:path';
import { available, tempDir } from '../helpers';
import { bootWatched } from './qemu-process';
import { skipReason, targetFacts, TARGETS } from './targets';
import { APPS_DIR, buildImage, compileC, expectBuilt } from './unikernel';

// Each test builds images (tens of seconds on a loaded machine) and boots QEMU under TCG.
jest.setTimeout(300_000);

describe.each(TARGETS)('%s unikernel: sleep', (target) => {
  const skip = skipReason(target) ?? (available('clang-14') ? undefined : 'clang-14 is not installed (apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32)');
  if (skip) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }
  const { dir, cleanup } = tempDir(`mewz-e2e-sleep-${target}-`);
  afterAll(cleanup);

  let image: string;
  beforeAll(async () => {
    const wasm = path.join(dir, 'sleep.wasm');
    image = path.join(dir, 'sleep.img');
    expectBuilt('clang-14 sleep.c', await compileC(path.join(APPS_DIR, 'sleep.c'), wasm));
    expectBuilt('mewz build sleep.wasm', await buildImage(wasm, image, target));
  });

  it('a 1 s nanosleep takes 1 s (±10%) and under 10% of a host core, on every machine type', async () => {
    const machines = (await targetFacts(target).platform()).machines ?? [undefined];
    // One boot at a time: a second QEMU would compete for the host's cores.
    for (const machine of machines) {
      const boot = await bootWatched(target, image, path.join(dir, 'status'), { machine });
      expect({ machine, status: boot.status, lines: boot.lines.map((l) => l.line), stderr: boot.stderr }).toEqual({
        machine,
        status: 0,
        lines: ['before', 'after 0 1'],
        stderr: '',
      });
      const [before, after] = boot.lines;
      const wallMs = after.atMs - before.atMs;
      // Booting to the first line costs QEMU CPU time: a zero here would mean the samples read nothing.
      expect({ machine, bootCpuMs: before.cpuMs! > 0, sampled: after.cpuMs !== undefined }).toEqual({ machine, bootCpuMs: true, sampled: true });
      const cpuMs = after.cpuMs! - before.cpuMs!;
      // Printed so a failure (or a near miss) shows the figures.
      console.log(`${target} ${machine ?? ''}: sleep of 1 s took ${wallMs.toFixed(0)} ms wall, ${cpuMs} ms of QEMU CPU time (${before.cpuMs} ms to boot and print the first line)`);
      expect({ machine, wallWithin10Percent: wallMs >= 900 && wallMs <= 1100, wallMs }).toEqual({ machine, wallWithin10Percent: true, wallMs });
      expect({ machine, cpuUnder10Percent: cpuMs / wallMs < 0.1, cpuMs }).toEqual({ machine, cpuUnder10Percent: true, cpuMs });
    }
  });
});
