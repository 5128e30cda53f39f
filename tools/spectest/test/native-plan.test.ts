import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lowerModule, verifyFunction } from '@mewz/compiler';
import { loadModule, type Module } from '@mewz/wasm';
import { readScript } from '../src/commands.js';
import { hostModuleBinary } from '../src/host-module.js';
import { getFunction, mainFunction, sizeCheckFunction } from '../src/native/driver.js';
import { judgeRun, type Plan, planScript } from '../src/native/plan.js';
import type { EntryResult } from '../src/native/report-lines.js';
import { COMMANDS, writeFixture } from './script-fixture.js';

const lineOf = (line: number): number => COMMANDS.findIndex((c) => c.line === line);

describe('planning a script for a native run', () => {
  let dir: string;
  let host: Module;
  let plan: Plan;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spectest-plan-'));
    await writeFixture(dir);
    host = loadModule(await hostModuleBinary());
    plan = planScript(readScript(join(dir, 'script.json')), host);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the host module and every instantiable module of the script, each with its prefix', () => {
    expect(plan.instances.map((i) => i.prefix)).toEqual(['spectest', 'm0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(plan.describe[0]).toBe('instantiate the host module');
    // m1 imports from a and from the host; its imports array points at their objects.
    const imports = plan.importArrays.find((d) => d.symbol === '__spectest_imports.m1')!;
    expect(imports.refs!.map((r) => r.symbol)).toEqual(['m0.vmctx', 'spectest.vmctx', 'spectest.vmctx']);
  });

  it('decides linking it can decide now, and leaves sizes that may have grown to a check at run time', () => {
    // A maximum or a missing export is settled by the declarations.
    for (const line of [13, 14]) expect(plan.outcomes[lineOf(line)]).toEqual({ status: 'passed' });
    expect(plan.outcomes[lineOf(17)]).toMatchObject({ status: 'skipped' });
    // A minimum larger than the exporter declared is settled by the size at run time.
    expect(typeof plan.outcomes[lineOf(12)]).toBe('function');
    expect(plan.sizeChecks.map((c) => c.checks.map((k) => [k.extern.kind, k.min]))).toEqual([[['table', 2]], [['memory', 2]], [['memory', 2]], [['table', 3]], [['table', 3]]]);
    // The module at line 23 is instantiated only if its size check returned.
    const check = plan.describe.findIndex((d, i) => plan.entries[i].line === 23 && d.startsWith('check sizes'));
    const instantiate = plan.entries.findIndex((e, i) => e.line === 23 && plan.describe[i].startsWith('instantiate'));
    expect(plan.entries[instantiate].dep).toBe(check);
  });

  it('judges outcomes from the entries results', () => {
    const results: EntryResult[] = plan.entries.map(() => ({ kind: 'returned', bits: [0n] }));
    const outcomes = judgeRun(plan, results);
    // A size check that returned: the module linked where it should not have.
    expect(outcomes[lineOf(21)]).toMatchObject({ status: 'failed', message: expect.stringContaining('linked, expected unlinkable') });
    expect(outcomes[lineOf(6)]).toMatchObject({ status: 'failed', message: 't: returned nothing, expected trap "unreachable"' });
    const trapped = results.map((): EntryResult => ({ kind: 'trapped', code: 0, funcIndex: 3 }));
    const onTraps = judgeRun(plan, trapped);
    expect(onTraps[lineOf(21)]).toEqual({ status: 'passed' });
    expect(onTraps[lineOf(1)]).toEqual({ status: 'failed', message: 'a.wasm: instantiation failed: trap: unreachable (in function 3)' });
    const notRun = judgeRun(
      plan,
      results.map((r, i) => (plan.entries[i].dep !== undefined ? { kind: 'not-run' } : r)),
    );
    expect(notRun[lineOf(3)]).toEqual({ status: 'failed', message: 'module unavailable: m0 did not instantiate' });
  });

  it('generates driver functions that verify', () => {
    const kernel = lowerModule(host, { prefix: 'kernel' });
    const functions = [
      mainFunction({ instances: plan.instances.map((i) => i.lowered), kernel, report: 0, catchSymbol: '__mewz_catch', entries: plan.entries.length }),
      getFunction(),
      ...plan.sizeChecks.map(sizeCheckFunction),
    ];
    for (const f of functions) expect(verifyFunction(f)).toEqual([]);
  });
});
