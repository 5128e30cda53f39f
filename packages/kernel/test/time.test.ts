import { boot, compileKernelForTest, MachineExit, NO_DEADLINE } from './support/fake-machine';

let compiled: WebAssembly.Module;
beforeAll(async () => {
  compiled = await compileKernelForTest();
}, 120_000);

const EINVAL = -28n;

describe('clocks', () => {
  it('maps realtime to the wall clock and the others to the time since boot', () => {
    const m = boot(compiled, { wall: 1_600_000_000_000_000_000n });
    m.now = 42_000_000n;
    expect(m.exports.platform_clock_time(0)).toBe(1_600_000_000_000_000_000n + 42_000_000n);
    for (const id of [1, 2, 3]) expect(m.exports.platform_clock_time(id)).toBe(42_000_000n);
  });

  it('counts CPU time (process, thread) without the time spent halted', () => {
    const m = boot(compiled);
    m.now = 10_000_000n;
    m.exports.platform_sleep(250_000_000n);
    m.now += 5_000_000n; // busy after waking
    expect(m.exports.platform_clock_time(1)).toBe(265_000_000n);
    for (const id of [2, 3]) expect(m.exports.platform_clock_time(id)).toBe(15_000_000n);
  });

  it('answers EINVAL for an unknown clock id', () => {
    const m = boot(compiled);
    for (const id of [4, 5, 100, -1]) {
      expect(m.exports.platform_clock_time(id)).toBe(EINVAL);
      expect(m.exports.platform_clock_res(id)).toBe(EINVAL);
    }
  });

  it('reports the machine resolution for every clock', () => {
    const m = boot(compiled, { resolution: 100n });
    for (const id of [0, 1, 2, 3]) expect(m.exports.platform_clock_res(id)).toBe(100n);
  });
});

describe('sleep and yield', () => {
  it('sleeps with one wait until the deadline when the machine wakes on time', () => {
    const m = boot(compiled);
    const start = m.now;
    m.exports.platform_sleep(250_000_000n);
    expect(m.waits).toEqual([start + 250_000_000n]);
    expect(m.now).toBe(start + 250_000_000n);
  });

  it('waits again after early wake-ups, never returning before the deadline', () => {
    const m = boot(compiled, { maxWaitNs: 30_000_000n });
    const start = m.now;
    m.exports.platform_sleep(100_000_000n);
    // Wake-ups at +30, +60, +90 ms, then the deadline: four halts, not a spin.
    expect(m.waits).toEqual(Array(4).fill(start + 100_000_000n));
    expect(m.now).toBe(start + 100_000_000n);
  });

  it('returns at once for a zero sleep and from yield', () => {
    const m = boot(compiled);
    m.exports.platform_sleep(0n);
    m.exports.platform_yield();
    expect(m.waits).toEqual([]);
  });

  it('treats a deadline past the end of the clock as no deadline', () => {
    const m = boot(compiled, { maxWaitNs: 1_000_000n });
    m.arriveAt(m.now + 5_000_000n, 'x');
    // It would sleep for ever; the fake machine reports that as a deadlock once nothing can wake it.
    expect(() => m.exports.platform_sleep(0xffff_ffff_ffff_ff00n)).toThrow(/deadlock/);
    expect(m.waits.every((d) => d === NO_DEADLINE)).toBe(true);
  });

  it('runs the registered pollers after every wake-up and at every yield', () => {
    const m = boot(compiled, { maxWaitNs: 10_000_000n });
    m.exports.test_add_poller();
    m.exports.platform_sleep(35_000_000n);
    expect(m.waits.length).toBe(4);
    expect(m.exports.test_polls()).toBe(4);
    m.exports.platform_yield();
    expect(m.exports.test_polls()).toBe(5);
  });

  it('runs every poller, and refuses a seventeenth with a panic', () => {
    const m = boot(compiled);
    m.exports.test_add_poller();
    m.exports.test_add_poller();
    m.exports.platform_yield();
    expect(m.exports.test_polls()).toBe(2);
    for (let i = 2; i < 16; i++) m.exports.test_add_poller();
    expect(() => m.exports.test_add_poller()).toThrow(MachineExit);
    expect(m.stderrText).toBe('mewz: kernel panic: kernel_add_poller: more than 16 pollers\n');
  });
});
