import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBench } from '../src/run.js';

describe('frontend suite', () => {
  test('runs end to end on a small module and records a section', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-frontend-'));
    try {
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd: dir, now: () => new Date('2026-03-04T00:00:00Z'), debug: false };
      const code = await runBench(['frontend', '--size', '0.1', '--runs', '2', '--warmup', '0', '--out', 'bench.md'], io);
      expect(err).toEqual([]);
      expect(code).toBe(0);
      expect(out.join('\n')).toMatch(/decode \+ validate +[\d.]+ ms median/);
      const doc = readFileSync(path.join(dir, 'bench.md'), 'utf8');
      expect(doc).toContain('## frontend: decode + validate');
      expect(doc).toContain('Run on 2026-03-04;');
      expect(doc).toContain(`Node ${process.version}`);
      expect(doc).toMatch(/\| decode \| [\d.]+ ms \| [\d.]+ ms \| [\d.]+ ms \| [\d.]+ MB\/s \|/);
      expect(doc).toContain('2 timed runs per phase after 0 warm-up runs');
      expect(doc).toMatch(/Target, decode \+ validate of 10 MB well under 1000 ms: (met|\*\*not met\*\*) \([\d.]+ ms per 10 MB/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad option values are usage errors', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l), cwd: os.tmpdir(), now: () => new Date(), debug: false };
    expect(await runBench(['frontend', '--size', 'lots', '--no-record'], io)).toBe(2);
    expect(err[0]).toContain("--size must be a positive number, got 'lots'");
  });
});
