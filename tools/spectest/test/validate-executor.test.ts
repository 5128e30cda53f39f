import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReport } from '../src/report.js';
import { listScripts, runSuite } from '../src/runner.js';
import { ValidateExecutor } from '../src/validate-executor.js';

const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const empty = Uint8Array.from(header);
const badVersion = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]);
// (func (result i32)) with an empty body: decodes, does not validate.
const missingResult = Uint8Array.from([
  ...header,
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f],
  ...[0x03, 0x02, 0x01, 0x00],
  ...[0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b],
]);

describe('validate mode', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spectest-'));
    copyFileSync(join(__dirname, 'fixtures', 'tiny.json'), join(dir, 'tiny.json'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function files(overrides: Record<string, Uint8Array> = {}): void {
    const all: Record<string, Uint8Array> = {
      'tiny.0.wasm': empty,
      'tiny.1.wasm': empty,
      'tiny.2.wasm': badVersion,
      'tiny.4.wasm': missingResult,
      'tiny.5.wasm': empty,
      'tiny.6.wasm': empty,
      ...overrides,
    };
    for (const [name, bytes] of Object.entries(all)) writeFileSync(join(dir, name), bytes);
  }

  it('counts module checks, skips text modules, leaves execution alone', async () => {
    files();
    const suite = await runSuite(listScripts(dir, { only: [], exclude: [] }), new ValidateExecutor());
    expect(suite.failures).toEqual([]);
    expect(suite.scripts).toEqual([{ script: 'tiny', passed: 6, failed: 0, skipped: 1 }]);
    expect(formatReport(suite).split('\n').pop()).toBe('spectest: 6 passed, 0 failed, 1 skipped');
  });

  it('reports a module rejected with the wrong kind, and an accepted invalid one', async () => {
    files({ 'tiny.2.wasm': missingResult, 'tiny.4.wasm': empty });
    const suite = await runSuite(listScripts(dir, { only: [], exclude: [] }), new ValidateExecutor());
    expect(suite.failed).toBe(2);
    expect(suite.failures.map((f) => [f.source, f.line, f.command])).toEqual([
      ['tiny.wast', 9, 'assert_malformed'],
      ['tiny.wast', 11, 'assert_invalid'],
    ]);
    expect(suite.failures[0].message).toMatch(/expected malformed \(unknown binary version\), got tiny\.2\.wasm:0x[0-9a-f]+: invalid: type mismatch/);
    expect(suite.failures[1].message).toBe('tiny.4.wasm: accepted, expected invalid (type mismatch)');
  });

  it('filters scripts by name', async () => {
    files();
    expect(listScripts(dir, { only: ['tin'], exclude: [] })).toHaveLength(1);
    expect(listScripts(dir, { only: ['other'], exclude: [] })).toHaveLength(0);
    expect(listScripts(dir, { only: [], exclude: ['tiny'] })).toHaveLength(0);
  });
});
