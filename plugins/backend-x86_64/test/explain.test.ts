/**
 * explainFunction, the backend's half of `mewz dump`: its stages, that they show what
 * compileFunction makes, and the machine-code listing with capstone (run in a child
 * process, see capstone-insns.cjs) and without it (bytes and a note).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { compileFunction, type Disassemble, explainFunction, EXPLAIN_STAGES, x86_64Backend } from '../src/index.js';
import { lowerWat } from './wat.js';

const MODULE = `(module (memory 1)
  (func $callee (param i32) (result i32) (local.get 0))
  (func $f (param i32 f64) (result f64)
    (drop (call $callee (local.get 0)))
    (f64.mul (local.get 1) (f64.const 0.5))))`;

/** Defined function 1 ($f), lowered afresh: selection splits critical edges in place. */
const irOfF = async () => (await lowerWat(MODULE, { prefix: 'app' }))[1]!;

/** Real capstone output, from a child process. */
const capstone: Disassemble = (code) => {
  const hex = Buffer.from(code).toString('hex');
  return JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'capstone-insns.cjs')], { input: hex, encoding: 'utf8' }));
};
const withCapstone = async () => capstone;
const unavailable = async (): Promise<Disassemble> => {
  throw new Error('no capstone here\nsecond line');
};

describe('explainFunction', () => {
  it('is the plugin hook, and shows every stage in pipeline order', async () => {
    expect(x86_64Backend.compile?.explainFunction).toBeInstanceOf(Function);
    const stages = await explainFunction(await irOfF(), 1, {}, withCapstone);
    expect(stages.map((s) => s.name)).toEqual([...EXPLAIN_STAGES]);
    expect(stages.map((s) => s.name)).toEqual(['vcode', 'regalloc', 'asm']);
    const [vcode, regalloc] = stages;
    expect(vcode!.text).toMatch(/^vcode app\.f1 \{/);
    expect(vcode!.text).toContain('call app.f0(');
    expect(regalloc!.text).toMatch(/^function app\.f1: frame \d+ bytes/);
    expect(regalloc!.text).toContain('ret xmm0@xmm0');
    for (const s of stages) expect(s.title).not.toBe('');
  });

  it('computes only the stages asked for', async () => {
    const only = await explainFunction(await irOfF(), 1, { stages: ['vcode'] }, unavailable);
    expect(only.map((s) => s.name)).toEqual(['vcode']);
    const asm = await explainFunction(await irOfF(), 1, { stages: ['asm'] }, withCapstone);
    expect(asm.map((s) => s.name)).toEqual(['asm']);
  });

  it('lists the machine code compileFunction makes: offsets, bytes, disassembly, relocations, the pool', async () => {
    const out = compileFunction(await irOfF(), 1);
    const [asm] = await explainFunction(await irOfF(), 1, { stages: ['asm'] }, withCapstone);
    const lines = asm!.text.split('\n');
    expect(lines[0]).toBe(`; ${out.codeSize} bytes of instructions, ${out.code.length - out.codeSize} of constants and jump tables, ${out.relocations.length} relocations`);
    expect(lines[1]).toMatch(/^0000 {2}55 +push rbp$/);
    expect(lines).toContainEqual(expect.stringMatching(/^[0-9a-f]{4} {2}c3 +ret$/));
    // The call to $callee and the trap path's call, by symbol name.
    expect(asm!.text).toMatch(/call 0x[0-9a-f]+ {2}; pc32 app\.f0-4 at [0-9a-f]{4}/);
    expect(asm!.text).toContain('pc32 __mewz_trap-4');
    // 0.5 comes from the pool after the code, RIP-relative.
    expect(asm!.text).toMatch(/movsd xmm\d+, qword ptr \[rip \+ 0x[0-9a-f]+\] {2}; rip → [0-9a-f]{4}/);
    expect(asm!.text).toMatch(/; constant pool and jump tables:\n[0-9a-f]{4} {2}(00 )*00 00 00 00 00 00 e0 3f$/);
  });

  it('falls back to bytes with a note when capstone cannot load', async () => {
    const out = compileFunction(await irOfF(), 1);
    const [asm] = await explainFunction(await irOfF(), 1, { stages: ['asm'] }, unavailable);
    const lines = asm!.text.split('\n');
    expect(lines[1]).toBe('; no disassembler (capstone-wasm did not load: no capstone here); instructions as bytes');
    const firstRow = Buffer.from(out.code.subarray(0, 16)).toString('hex').replace(/(..)(?!$)/g, '$1 ');
    expect(lines[2]!.startsWith(`0000  ${firstRow}`)).toBe(true);
    expect(asm!.text).toContain('pc32 app.f0-4 at');
    expect(asm!.text).toContain('; constant pool and jump tables:');
  });
});
