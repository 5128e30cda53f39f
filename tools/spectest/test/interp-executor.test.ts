import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InterpExecutor } from '../src/interp-executor.js';
import { listScripts, runSuite } from '../src/runner.js';
import { COMMANDS, EXPECTED, writeFixture } from './script-fixture.js';

describe('interp mode', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spectest-interp-'));
    await writeFixture(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('instantiates, links and runs every kind of assertion', async () => {
    const suite = await runSuite(listScripts(dir, { only: [], exclude: [] }), new InterpExecutor());
    expect(suite.failures.map((f) => [f.line, f.message])).toEqual(EXPECTED.failures);
    expect(suite.scripts).toEqual(EXPECTED.scripts);
  });

  it('runs the IR as lowered with opt 0, and the same assertions pass', async () => {
    const [plain, opt] = await Promise.all([0, 1].map((level) => runSuite(listScripts(dir, { only: ['script'], exclude: [] }), new InterpExecutor({ opt: level as 0 | 1 }))));
    expect(plain.scripts).toEqual(opt.scripts);
    expect(plain.failures.map((f) => f.line)).toEqual([16]);
  });

  it('skips SIMD scripts as a whole', async () => {
    writeFileSync(join(dir, 'simd_x.json'), JSON.stringify({ source_filename: 'simd_x.wast', commands: COMMANDS.slice(0, 3) }));
    const suite = await runSuite(listScripts(dir, { only: ['simd_'], exclude: [] }), new InterpExecutor());
    expect(suite.scripts).toEqual([{ script: 'simd_x', passed: 0, failed: 0, skipped: 3 }]);
  });
});
