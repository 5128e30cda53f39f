import { x86_64Backend } from '@mewz/backend-x86_64';
import type { BackendPlugin } from '@mewz/core';
import { loadModule } from '@mewz/wasm';
import { dumpStages } from '../src/dump-stages.js';
import { CliError } from '../src/errors.js';
import { loadInput } from '../src/load-input.js';
import { fixture, mewz } from './helpers.js';

const DUMP = fixture('dump.wat');
const HEADINGS = [
  '=== ir: IR as lowered ===',
  '=== opt: optimised IR ===',
  '=== vcode: instruction selection (VCode) ===',
  '=== regalloc: register allocation ===',
  '=== asm: machine code ===',
];

/** The text under one heading. */
function stage(stdout: string, name: string): string {
  const start = stdout.indexOf(`=== ${name}: `);
  if (start < 0) return '';
  const next = stdout.indexOf('\n=== ', start + 1);
  return stdout.slice(start, next < 0 ? undefined : next);
}

describe('mewz dump', () => {
  it('shows every stage of one function under its heading, in pipeline order', async () => {
    const r = await mewz(['dump', DUMP, '--function', 'sum']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.split('\n')[0]).toBe(`;; func 1 "sum" of ${DUMP}, target x86_64`);
    const at = HEADINGS.map((h) => r.stdout.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    const ir = stage(r.stdout, 'ir');
    expect(ir).toContain('function app.f1(i64, i32) -> (i32) {');
    expect(ir).toContain('icmp.i32 eq'); // i32.eqz as lowered
    expect(ir).toContain('mul.i32');
    expect(ir).toContain('call_indirect'); // the import, through the context
    expect(ir).toMatch(/heap_addr\.i64 .*, 12$/m);
    expect(stage(r.stdout, 'opt')).toContain('function app.f1(i64, i32) -> (i32) {');
    expect(stage(r.stdout, 'vcode')).toContain('vcode app.f1 {');
    expect(stage(r.stdout, 'regalloc')).toMatch(/function app\.f1: frame \d+ bytes/);
    // Disassembled or (in jest, where capstone-wasm cannot load) as bytes: offsets and bytes either way.
    const asm = stage(r.stdout, 'asm');
    expect(asm).toMatch(/^0000 {2}55\b/m);
    expect(asm).toContain('pc32 __mewz_trap-4');
  });

  it('finds a function by index, by $name and by export name', async () => {
    const byIndex = await mewz(['dump', DUMP, '-f', '1', '--dump-ir']);
    const byName = await mewz(['dump', DUMP, '-f', '$sum', '--dump-ir']);
    expect(byIndex.code).toBe(0);
    expect(byName.stdout).toBe(byIndex.stdout);
    const exported = await mewz(['dump', DUMP, '-f', 'half', '--dump-ir']);
    expect(exported.stdout).toContain(';; func 2 "half" of');
    expect(exported.stdout).toContain('function app.f2(i64, f64) -> (f64) {');
  });

  it('shows only the stages asked for', async () => {
    const r = await mewz(['dump', DUMP, '-f', 'half', '--dump-opt', '--dump-vcode']);
    expect(r.code).toBe(0);
    expect(HEADINGS.filter((h) => r.stdout.includes(h))).toEqual([HEADINGS[1], HEADINGS[2]]);
    expect(stage(r.stdout, 'opt')).toContain('mul.f64');
  });

  it('names close functions for an unknown one, the functions there are otherwise', async () => {
    const typo = await mewz(['dump', DUMP, '-f', 'summ']);
    expect(typo).toMatchObject({ code: 1, stdout: '' });
    expect(typo.stderr).toBe(`mewz: ${DUMP} has no function "summ"; did you mean "sum"?\n`);
    const far = await mewz(['dump', DUMP, '-f', 'quux']);
    expect(far.stderr).toBe(`mewz: ${DUMP} has no function "quux" (its functions: log, sum, half)\n`);
    const index = await mewz(['dump', DUMP, '-f', '7']);
    expect(index.stderr).toBe(`mewz: ${DUMP} has no function 7 (it has 3: 0 imported, 1–2 defined)\n`);
  });

  it('refuses an imported function, by index or name', async () => {
    for (const f of ['0', 'log', '$log']) {
      const r = await mewz(['dump', DUMP, '-f', f]);
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toBe(`mewz: func 0 "log" is imported from env.log: it has no code in ${DUMP} to compile\n`);
    }
  });

  it('reports frontend errors, an unknown target, and a missing --function', async () => {
    const invalid = await mewz(['dump', fixture('invalid.wat'), '-f', '0']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/invalid\.wat:0x[0-9a-f]+: invalid: /);
    const target = await mewz(['dump', DUMP, '-f', 'sum', '--target', 'x86']);
    expect(target.code).toBe(1);
    expect(target.stderr).toContain('unknown backend "x86"; known: x86_64, aarch64; did you mean "x86_64"?');
    const missing = await mewz(['dump', DUMP]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing required argument: function');
  });
});

describe('dumpStages', () => {
  const module = async () => loadModule((await loadInput(DUMP)).bytes);
  const plain: BackendPlugin = { ...x86_64Backend, compile: { compileFunction: x86_64Backend.compile!.compileFunction } };

  it('needs the backend only for backend stages', async () => {
    const stages = await dumpStages(await module(), 1, plain, ['ir', 'opt']);
    expect(stages.map((s) => s.name)).toEqual(['ir', 'opt']);
  });

  it('says so when the backend cannot explain itself or lacks a stage', async () => {
    await expect(dumpStages(await module(), 1, plain, ['asm'])).rejects.toThrow(
      new CliError('mewz: backend "x86_64" cannot show its code generation (it has no compile.explainFunction); --dump-ir and --dump-opt still work'),
    );
    const partial: BackendPlugin = { ...plain, compile: { ...plain.compile!, explainFunction: async () => [{ name: 'asm', title: 'code', text: '' }] } };
    await expect(dumpStages(await module(), 1, partial, ['vcode'])).rejects.toThrow('backend "x86_64" shows no "vcode" stage (it shows: asm)');
  });
});
