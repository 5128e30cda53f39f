import { measure, median, throughputMBps } from '../src/measure.js';

describe('measure', () => {
  test('median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  test('warm-up runs are not timed', () => {
    // The fake clock advances only inside the measured function, by the call's number.
    let clock = 0;
    let calls = 0;
    const t = measure('x', () => (clock += ++calls), { runs: 3, warmup: 2 }, () => clock);
    expect(calls).toBe(5);
    expect(t.runsMs).toEqual([3, 4, 5]);
    expect(t.medianMs).toBe(4);
    expect(t.minMs).toBe(3);
    expect(t.maxMs).toBe(5);
  });

  test('throughput in MB/s', () => {
    expect(throughputMBps(10e6, 500)).toBeCloseTo(20);
  });
});
