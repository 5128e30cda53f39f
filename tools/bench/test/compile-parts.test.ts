import { parseGnuTime, underGnuTime } from '../src/compile/gnu-time.js';
import { BUILD_PHASES, parseRunnerReport } from '../src/compile/runner-report.js';
import { wasmFacts } from '../src/compile/wasm-facts.js';
import { pathOutsideNodeModules } from '../src/cpu/resolve-tool.js';
import { generateSyntheticModule } from '../src/gen/module.js';
import { runBench } from '../src/run.js';
import { SUITES } from '../src/suites/index.js';

describe('GNU time', () => {
  test('wraps a command, its figures going to a file', () => {
    expect(underGnuTime(['node', 'x.js'], '/tmp/u')).toEqual(['/usr/bin/time', '-f', '%U %S %M', '-o', '/tmp/u', 'node', 'x.js']);
  });

  test('reads user + system time and peak RSS', () => {
    expect(parseGnuTime('3.25 0.50 412345\n')).toEqual({ cpuMs: 3750, maxRssKiB: 412345 });
    expect(parseGnuTime('Command terminated by signal 9\n1.00 0.00 1000\n')).toEqual({ cpuMs: 1000, maxRssKiB: 1000 });
    expect(parseGnuTime('')).toBeUndefined();
    expect(parseGnuTime('garbage')).toBeUndefined();
  });
});

describe('phase runner report', () => {
  const good = {
    startupMs: 40,
    loadMs: 300,
    phases: Object.fromEntries(BUILD_PHASES.map((p, i) => [p, i + 1])),
    writeMs: 3,
    totalMs: 370,
    cpuMs: 500,
    maxRssKiB: 1000,
    kernelCached: true,
    elfBytes: 4096,
  };

  test('is the last line of the output', () => {
    expect(parseRunnerReport(`warning: something\n${JSON.stringify(good)}\n`)).toEqual(good);
  });

  test('says what is wrong with a bad one', () => {
    expect(parseRunnerReport('')).toBe("no report in the runner's output: (empty)");
    expect(parseRunnerReport('Error: oops')).toMatch(/^no report in the runner's output: Error: oops/);
    const { backend: _dropped, ...phases } = good.phases;
    expect(parseRunnerReport(JSON.stringify({ ...good, phases, cpuMs: 'x' }))).toBe('malformed runner report (missing cpuMs, phases.backend)');
    expect(parseRunnerReport(JSON.stringify({ ...good, kernelCached: 1 }))).toBe('malformed runner report (missing kernelCached)');
  });
});

describe('module facts', () => {
  test('sizes and counts of a module', () => {
    const mod = generateSyntheticModule({ codeBytes: 20_000 });
    const facts = wasmFacts(mod.bytes);
    expect(facts.bytes).toBe(mod.bytes.length);
    expect(facts.functions).toBe(mod.functionCount);
    expect(facts.importedFunctions).toBe(mod.importedFunctionCount);
    // Entries include their size fields; the section's own header is not counted.
    expect(facts.codeBytes).toBeGreaterThanOrEqual(mod.codeBytes - 8);
    expect(facts.codeBytes).toBeLessThanOrEqual(mod.codeBytes);
    expect(facts.customBytes).toBeGreaterThan(0);
  });
});


describe('compile suite options', () => {
  const io = (err: string[]) => ({ out: () => undefined, err: (l: string) => err.push(l), cwd: __dirname, now: () => new Date(), debug: false });

  test('is registered', () => {
    expect(SUITES.map((s) => s.name)).toContain('compile');
  });

  test('bad values are usage errors, before anything is built', async () => {
    const err: string[] = [];
    expect(await runBench(['compile', '--runs', '0', '--no-record'], io(err))).toBe(2);
    expect(err[0]).toContain('--runs must be at least 1');
    err.length = 0;
    expect(await runBench(['compile', '--functions', 'many', '--no-record'], io(err))).toBe(2);
    expect(err[0]).toContain("--functions must be a non-negative integer, got 'many'");
  });
});

describe('PATH for clang', () => {
  test('drops node_modules folders (binaryen wasm-opt would post-process the module)', () => {
    expect(pathOutsideNodeModules('/work/node_modules/.bin:/usr/local/bin:/a/node_modules/x/bin:/usr/bin:')).toBe('/usr/local/bin:/usr/bin');
  });
});
