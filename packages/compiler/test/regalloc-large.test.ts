import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule } from '@mewz/wasm';
import {
  allocateRegisters,
  checkAllocation,
  lowerModule,
  VCode,
  type IrFunction,
  type MachineIsa,
  type Operand,
  type Reg,
  type RegClass,
} from '../src/index.js';
import { splitCriticalEdges } from '../src/ir/split-edges.js';
import { randomProgram } from './regalloc-gen.js';
import { ToyBuilder, toyIsa } from './regalloc-helpers.js';

// Allocation speed on machine code shaped like real code: every function of a C program
// compiled to Wasm (capstone, 1.7 MB), lowered to IR, and selected one IR instruction to
// one machine instruction for an x86-64-like register file (14 int registers, 9 of them
// caller-saved; 16 float registers, all caller-saved; System V argument registers).

interface GInst {
  defs: Reg[];
  uses: Reg[];
  fixedDefs?: Reg[];
  fixedUses?: Reg[];
  call?: boolean;
}

const INT_ARGS = [7, 6, 2, 1, 8, 9]; // rdi rsi rdx rcx r8 r9
const INT_CALLER = [0, 1, 2, 6, 7, 8, 9, 10]; // rax rcx rdx rsi rdi r8 r9 r10
const INT_CALLEE = [3, 5, 12, 13, 14, 15]; // rbx rbp r12-r15
const FLOATS = Array.from({ length: 16 }, (_, k) => 16 + k);
const CLOBBERS = [...INT_CALLER, 11, ...FLOATS];

const isa: MachineIsa<GInst, unknown> = {
  regs: {
    classOf: (r) => (r >= 16 && r < 32 ? 'float' : 'int'),
    allocatable: { int: [...INT_CALLER, ...INT_CALLEE], float: FLOATS },
    calleeSaved: INT_CALLEE,
    scratch: { int: 11 },
    name: (r) => `p${r}`,
  },
  operands(inst, out: Operand[]) {
    inst.defs.forEach((reg, k) => out.push({ reg, kind: 'def', fixed: inst.fixedDefs?.[k] }));
    inst.uses.forEach((reg, k) => out.push({ reg, kind: 'use', fixed: inst.fixedUses?.[k] }));
  },
  clobbers: (inst) => (inst.call ? CLOBBERS : []),
  moveOf: () => undefined,
  emitMove() {},
  emit() {},
  emitPrologue() {},
  emitEpilogue() {},
  emitTrap() {},
};

/** One machine instruction per IR instruction, with the calling convention's fixed registers. */
function select(func: IrFunction): VCode<GInst> {
  splitCriticalEdges(func);
  const vcode = new VCode<GInst>(`f${func.blocks.length}`, 0);
  const vregs: Reg[] = [];
  const reg = (value: number): Reg => {
    const v = func.resolve(value);
    return (vregs[v] ??= vcode.newVreg(classOf(func.valueTypes[v])));
  };
  const fixedFor = (values: number[]): Reg[] => {
    let ints = 0;
    let floats = 0;
    return values.map((v) => (classOf(func.valueTypes[func.resolve(v)]) === 'int' ? (INT_ARGS[ints++] ?? -1) : (FLOATS[floats++] ?? -1)));
  };
  const clean = (fixed: Reg[]): Reg[] | undefined => (fixed.every((f) => f < 0) ? undefined : fixed.map((f) => (f < 0 ? (undefined as unknown as Reg) : f)));
  for (const block of func.blocks) {
    const vb = { params: block.params.map(reg), insts: [] as GInst[], succs: [] as { block: number; args: Reg[] }[] };
    vcode.blocks.push(vb);
    if (block.id === 0) vb.insts.push({ defs: vb.params, uses: [], fixedDefs: clean(fixedFor(block.params)) });
    for (const inst of block.insts) {
      const call = inst.op === 'call' || inst.op === 'call_indirect';
      vb.insts.push({
        defs: inst.results.map(reg),
        uses: inst.args.map(reg),
        call,
        fixedUses: call ? clean(fixedFor(inst.args)) : undefined,
        fixedDefs: call ? clean(inst.results.map((_, k) => (k === 0 ? (classOf(func.valueTypes[inst.results[0]]) === 'int' ? 0 : 16) : -1))) : undefined,
      });
    }
    const term = block.term;
    const uses = term === undefined ? [] : term.kind === 'br_if' ? [term.cond] : term.kind === 'br_table' ? [term.index] : term.kind === 'return' ? term.values : [];
    vb.insts.push({ defs: [], uses: uses.map(reg), fixedUses: term?.kind === 'return' ? clean(fixedFor(uses).map((f, k) => (k === 0 ? f : -1))) : undefined });
    const calls = term === undefined ? [] : term.kind === 'jump' ? [term.target] : term.kind === 'br_if' ? [term.then, term.else] : term.kind === 'br_table' ? [...term.targets, term.default] : [];
    for (const c of calls) vb.succs.push({ block: func.blocks.indexOf(c.block), args: c.args.map(reg) });
  }
  return vcode;
}

function classOf(type: string): RegClass {
  return type === 'i32' || type === 'i64' ? 'int' : 'float';
}

const wasmFile = join(__dirname, '../../../node_modules/capstone-wasm/dist/capstone.wasm');

// Lowering the whole program takes a while, so this runs on request: REGALLOC_PERF=1. It
// prints the time taken; speed itself is judged by `npm run bench -- compile`, not here.
(existsSync(wasmFile) && process.env.REGALLOC_PERF ? test : test.skip)('allocates every function of a 1.7 MB C program', () => {
  const lowered = lowerModule(loadModule(readFileSync(wasmFile)), { prefix: 'app' });
  let functions = lowered.functions;
  if (process.env.PERF_ONLY) functions = functions.filter((f) => f.blocks.length === Number(process.env.PERF_ONLY));
  // As in the compiler: select, allocate and drop one function at a time.
  let insts = 0;
  let moves = 0;
  let spills = 0;
  let ms = 0;
  functions.forEach((func, k) => {
    const vcode = select(func);
    for (const b of vcode.blocks) insts += b.insts.length;
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    const alloc = allocateRegisters(vcode, isa);
    const dt = performance.now() - t0;
    ms += dt;
    if (process.env.PERF_DETAIL && dt > 100) console.log(vcode.blocks.length, vcode.vregCount, dt.toFixed(0));
    spills += alloc.spillSlots;
    for (const b of alloc.before) for (const e of b) moves += e.length;
    for (const e of [...alloc.blockStart, ...alloc.blockEnd]) moves += e.length;
    if (k % 97 === 0) checkAllocation(vcode, alloc, isa);
  });
  console.log(`regalloc: ${functions.length} functions, ${insts} instructions, ${ms.toFixed(0)} ms (${((ms * 1000) / insts).toFixed(2)} µs/instruction), ${moves} copies, ${spills} spill slots`);
  expect(insts).toBeGreaterThan(0);
}, 120_000);

// Big functions: allocation must finish (quadratic behaviour would take minutes and hit
// jest's timeout) and stay correct; the time taken is printed, not asserted.
test('a function of many blocks, loops and calls', () => {
  const vcode = randomProgram(1, { topItems: 1500, maxLive: 20, callRate: 0.3 });
  const insts = vcode.blocks.reduce((n, b) => n + b.insts.length, 0);
  expect(insts).toBeGreaterThan(60_000);
  const t0 = performance.now();
  allocateRegisters(vcode, toyIsa({ wide: true }));
  const ms = performance.now() - t0;
  console.log(`regalloc: ${vcode.blocks.length} blocks, ${insts} instructions: ${ms.toFixed(0)} ms`);
}, 120_000);

test('one straight-line block of 300k instructions (like data initialisation)', () => {
  const b = new ToyBuilder();
  const a0 = b.int();
  const a1 = b.int();
  b.at(b.block([a0, a1])).add({ op: 'args', dsts: [a0, a1] });
  const slot = b.vcode.newStackSlot(8, 8);
  let acc = a0;
  for (let k = 0; k < 100_000; k++) {
    const c = b.konst(k);
    b.add({ op: 'stslot', slot, src: c });
    if (k % 64 === 0) acc = b.op('add', acc, c);
  }
  b.ret(acc);
  const t0 = performance.now();
  const alloc = allocateRegisters(b.vcode, toyIsa({ wide: true }));
  const ms = performance.now() - t0;
  console.log(`regalloc: one block of 300k instructions: ${ms.toFixed(0)} ms`);
  expect(alloc.spillSlots).toBe(0);
}, 120_000);
