/**
 * explainFunction, the backend's half of `mewz dump`: its stages, that they show what
 * compileFunction makes, and the machine-code listing with capstone (run in a child
 * process, see capstone-insns.cjs) and without it (bytes and a note).
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { aarch64Backend, compileFunction, type Disassemble, explainFunction, EXPLAIN_STAGES } from '../src/index.js';
import { lowerWat } from './wat.js';

const MODULE = `(module (memory 1)
  (func $callee (param i32) (result i32) (local.get 0))
  (func $f (param i32 f64) (result f64)
    (drop (call $callee (local.get 0)))
    (f64.mul (local.get 1) (f64.const 0.1)))
  (func $t (param i32) (result i32)
    (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 1))) (return (i32.const 2))) (i32.const 3)))`;

const irOf = async (i: number) => (await lowerWat(MODULE, { prefix: 'app' }))[i]!;

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
    expect(aarch64Backend.compile?.explainFunction).toBeInstanceOf(Function);
    const stages = await explainFunction(await irOf(1), 1, {}, withCapstone);
    expect(stages.map((s) => s.name)).toEqual([...EXPLAIN_STAGES]);
    const [vcode, regalloc] = stages;
    expect(vcode!.text).toMatch(/^vcode app\.f1 \{/);
    expect(vcode!.text).toContain('call app.f0(');
    expect(regalloc!.text).toMatch(/^function app\.f1: frame \d+ bytes/);
    expect(regalloc!.text).toContain('ret v0@v0');
  });

  it('computes only the stages asked for', async () => {
    const only = await explainFunction(await irOf(1), 1, { stages: ['vcode'] }, unavailable);
    expect(only.map((s) => s.name)).toEqual(['vcode']);
  });

  it('lists the machine code compileFunction makes: frame record, calls by symbol, the float constant built in x16', async () => {
    const out = compileFunction(await irOf(1), 1);
    const [asm] = await explainFunction(await irOf(1), 1, { stages: ['asm'] }, withCapstone);
    const lines = asm!.text.split('\n');
    expect(lines[0]).toBe(`; ${out.codeSize} bytes of instructions, ${out.relocations.length} relocations`);
    expect(lines[1]).toMatch(/^0000 {2}fd 7b bf a9 {2}stp x29, x30, \[sp, #-0x10\]!$/);
    expect(lines[2]).toMatch(/^0004 {2}fd 03 00 91 {2}mov x29, sp$/);
    expect(lines).toContainEqual(expect.stringMatching(/^[0-9a-f]{4} {2}c0 03 5f d6 {2}ret$/));
    expect(asm!.text).toMatch(/bl #0x[0-9a-f]+ {2}; call26 app\.f0$/m);
    expect(asm!.text).toContain('call26 __mewz_trap');
    // 0.1 has no fmov immediate: its bits are built in x16 (movz/movk) and moved over.
    expect(asm!.text).toMatch(/movk x16, #0x3fb9, lsl #48\n[0-9a-f]{4} {2}[0-9a-f ]{11} {2}fmov d\d+, x16/);
  });

  it('shows jump tables after the code', async () => {
    const out = compileFunction(await irOf(2), 2);
    const [asm] = await explainFunction(await irOf(2), 2, { stages: ['asm'] }, withCapstone);
    expect(out.code.length - out.codeSize).toBe(8); // two cases: 4 bytes each
    expect(asm!.text).toContain(', 8 of jump tables,');
    expect(asm!.text).toMatch(/; jump tables:\n[0-9a-f]{4} {2}([0-9a-f]{2} ){7}[0-9a-f]{2}$/);
    expect(asm!.text).toMatch(/ldrsw x17, \[x16, w\d+, uxtw #2\]/);
    expect(asm!.text).toContain('br x16');
  });

  it('emits tbnz for a one-bit test, shifted operands and scaled table indexes', async () => {
    const funcs = await lowerWat(`(module (table 4 funcref)
      (func (param i32) (result i32) (block (br_if 0 (i32.and (local.get 0) (i32.const 0x40))) (return (i32.const 1))) (i32.const 2))
      (func (param i32 i32) (result i32) (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 3))))
      (func (param i32) (result i32) (call_indirect (param i32) (result i32) (local.get 0) (local.get 0))))`);
    const text = async (i: number): Promise<string> => (await explainFunction(funcs[i]!, i, { stages: ['asm'] }, withCapstone))[0]!.text;
    expect(await text(0)).toMatch(/tbnz w\d+, #6, #0x[0-9a-f]+/);
    expect(await text(1)).toMatch(/add w\d+, w\d+, w\d+, lsl #3/);
    expect(await text(2)).toMatch(/ldr x\d+, \[x\d+, x\d+, lsl #3\]/);
  });

  it('falls back to bytes with a note when capstone cannot load', async () => {
    const out = compileFunction(await irOf(1), 1);
    const [asm] = await explainFunction(await irOf(1), 1, { stages: ['asm'] }, unavailable);
    const lines = asm!.text.split('\n');
    expect(lines[1]).toBe('; no disassembler (capstone-wasm did not load: no capstone here); instructions as bytes');
    const firstRow = Buffer.from(out.code.subarray(0, 16)).toString('hex').replace(/(..)(?!$)/g, '$1 ');
    expect(lines[2]!.startsWith(`0000  ${firstRow}`)).toBe(true);
  });
});
