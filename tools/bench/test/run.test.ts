import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBench, type BenchIO } from '../src/run.js';
import { UsageError } from '../src/options.js';
import type { Suite } from '../src/suite.js';

function io(dir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: BenchIO = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir, now: () => new Date('2026-01-02T03:04:05Z'), debug: false };
  return { value, out, err };
}

const fake: Suite = {
  name: 'fake',
  description: 'a suite for tests',
  options: { level: { type: 'string', description: 'how much', default: '1' } },
  async run(ctx) {
    if (ctx.options.level === 'bad') throw new UsageError('--level is bad');
    if (ctx.options.level === 'crash') throw new Error('boom');
    if (ctx.options.level === 'absent') return { markdown: '', skipped: 'no such tool here' };
    ctx.log('running');
    return { markdown: `## fake\n\nlevel ${String(ctx.options.level)} on ${ctx.now().toISOString().slice(0, 10)}` };
  },
};

describe('runBench', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ workspaces: ['x/*'] }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('no suite: usage on stderr, exit 2; --help: usage on stdout, exit 0', async () => {
    const a = io(dir);
    expect(await runBench([], a.value, [fake])).toBe(2);
    expect(a.err.join('\n')).toMatch(/fake +a suite for tests/);
    const b = io(dir);
    expect(await runBench(['--help'], b.value, [fake])).toBe(0);
    expect(b.out.join('\n')).toContain('usage: npm run bench -- <suite>');
  });

  test('unknown suite and unknown option are usage errors', async () => {
    const a = io(dir);
    expect(await runBench(['nope'], a.value, [fake])).toBe(2);
    expect(a.err[0]).toContain("unknown suite 'nope'");
    const b = io(dir);
    expect(await runBench(['fake', '--frobnicate'], b.value, [fake])).toBe(2);
    expect(b.err[0]).toContain('--frobnicate');
    const c = io(dir);
    expect(await runBench(['fake', '--level', 'bad'], c.value, [fake])).toBe(2);
  });

  test('records into docs/benchmarks.md at the workspace root, replacing on rerun', async () => {
    const sub = path.join(dir, 'deep', 'er');
    mkdirSync(sub, { recursive: true });
    const a = io(sub);
    expect(await runBench(['fake', '--level', '2'], a.value, [fake])).toBe(0);
    expect(a.out).toContain('running');
    const file = path.join(dir, 'docs', 'benchmarks.md');
    expect(readFileSync(file, 'utf8')).toContain('level 2 on 2026-01-02');
    await runBench(['fake', '--level', '3'], io(sub).value, [fake]);
    const doc = readFileSync(file, 'utf8');
    expect(doc).toContain('level 3');
    expect(doc).not.toContain('level 2');
  });

  test('--no-record writes nothing; --out picks the file', async () => {
    expect(await runBench(['fake', '--no-record'], io(dir).value, [fake])).toBe(0);
    expect(() => readFileSync(path.join(dir, 'docs', 'benchmarks.md'))).toThrow();
    expect(await runBench(['fake', '--out', 'b.md'], io(dir).value, [fake])).toBe(0);
    expect(readFileSync(path.join(dir, 'b.md'), 'utf8')).toContain('## fake');
  });

  test('a skipped suite says why, exits 0 and leaves the recorded figures alone', async () => {
    expect(await runBench(['fake', '--level', '2'], io(dir).value, [fake])).toBe(0);
    const a = io(dir);
    expect(await runBench(['fake', '--level', 'absent'], a.value, [fake])).toBe(0);
    expect(a.out).toEqual(['bench fake: skipped: no such tool here']);
    expect(a.err).toEqual([]);
    expect(readFileSync(path.join(dir, 'docs', 'benchmarks.md'), 'utf8')).toContain('level 2 on 2026-01-02');
  });

  test('a failing suite reports its message without a stack, exit 1', async () => {
    const a = io(dir);
    expect(await runBench(['fake', '--level', 'crash', '--no-record'], a.value, [fake])).toBe(1);
    expect(a.err).toEqual(['bench fake: boom']);
  });
});
