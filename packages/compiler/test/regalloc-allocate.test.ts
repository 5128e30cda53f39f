import { allocateRegisters, checkAllocation, printAllocation, RegAllocError, type Allocation, type Reg } from '../src/index.js';
import { compileToy, F0, R0, R1, R2, R3, runMachine, runReference, ToyBuilder, toyIsa, type ToyInst } from './regalloc-helpers.js';
import type { VCode } from '../src/index.js';

/** Compiles, checks and runs a toy function and compares with the reference run. */
function compileAndRun(vcode: VCode<ToyInst>, args: number[], isa = toyIsa()): Allocation {
  const { alloc, asm } = compileToy(vcode, isa);
  const got = runMachine(asm, alloc.frame.size, args, undefined, undefined, isa.regs.calleeSaved);
  expect(got).toEqual(runReference(vcode, args));
  return alloc;
}

function entry(b: ToyBuilder): [Reg, Reg] {
  const a0 = b.int();
  const a1 = b.int();
  b.at(b.block([a0, a1])).add({ op: 'args', dsts: [a0, a1] });
  return [a0, a1];
}

const editCount = (edits: readonly unknown[][]): number => edits.reduce((n, e) => n + e.length, 0);

/** sum = n + (n-1) + … + 1, with `extra` more loop-carried values in rotation. */
function loop(extra: number, rotate: boolean): VCode<ToyInst> {
  const b = new ToyBuilder();
  const [n, x] = entry(b);
  const zero = b.konst(0);
  const carried = Array.from({ length: extra }, (_, k) => b.op('add', x, b.konst(k)));
  const i = b.int();
  const acc = b.int();
  const ps = carried.map(() => b.int());
  const head = b.block([i, acc, ...ps]);
  b.jmp(head, [n, zero, ...carried]);
  const body = b.block();
  const exit = b.block();
  b.at(head).brif(i, body, exit);
  b.at(body);
  const acc2 = b.op('add', acc, i);
  const i2 = b.op('sub', i, b.konst(1));
  b.jmp(head, [i2, acc2, ...(rotate ? [...ps.slice(1), ...ps.slice(0, 1)] : ps)]);
  b.at(exit);
  let result = acc;
  ps.forEach((p, k) => (result = b.op(k % 2 ? 'add' : 'xor', b.op('mul', result, b.konst(3)), p)));
  b.ret(result);
  return b.vcode;
}

describe('register allocation on the toy ISA', () => {
  test('a loop that fits stays in registers: no spill slots and no copies on the back edge', () => {
    const vcode = loop(0, false);
    const alloc = compileAndRun(vcode, [10, 0]);
    expect(alloc.spillSlots).toBe(0);
    const body = 2;
    expect(alloc.blockEnd[body]).toHaveLength(0);
    expect(editCount(alloc.before[body])).toBe(0);
  });

  test('swapped loop parameters are exchanged through a free register, not memory', () => {
    const b = new ToyBuilder();
    const [n, x] = entry(b);
    const y = b.konst(5);
    const i = b.int();
    const p = b.int();
    const q = b.int();
    const head = b.block([i, p, q]);
    b.jmp(head, [n, x, y]);
    const body = b.block();
    const exit = b.block();
    b.at(head).brif(i, body, exit);
    b.at(body);
    const i2 = b.op('sub', i, b.konst(1));
    b.jmp(head, [i2, q, p]);
    b.at(exit).ret(b.op('sub', p, b.op('mul', q, b.konst(7))));
    const alloc = compileAndRun(b.vcode, [3, 11]);
    compileAndRun(b.vcode, [4, 11]);
    expect(alloc.spillSlots).toBe(0);
    expect(alloc.blockEnd[body].every((e) => 'reg' in e.dst && 'reg' in e.src)).toBe(true);
  });

  test('rotating more loop values than there are registers still computes the right thing', () => {
    for (const rotate of [false, true]) {
      for (const extra of [3, 5, 7]) {
        for (const isa of [toyIsa(), toyIsa({ scratch: true })]) {
          const vcode = loop(extra, rotate);
          const alloc = compileAndRun(vcode, [5, 3], isa);
          expect(alloc.spillSlots).toBeGreaterThan(0);
        }
      }
    }
  });

  test('a value live across a call stays in a callee-saved register, which the frame saves', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const v = b.op('add', a0, a1);
    const r = b.call([a0]);
    const s = b.op('add', v, r);
    b.ret(s);
    const alloc = compileAndRun(b.vcode, [20, 22]);
    const vReg = alloc.regs[0][3][1];
    expect([R2, R3]).toContain(vReg);
    expect(alloc.frame.savedRegs).toContain(vReg);
    expect(alloc.spillSlots).toBe(0);
  });

  test('more values live across a call than callee-saved registers: the rest are spilled', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const vs = [1, 2, 3, 4, 5].map((k) => b.op('mul', a0, b.konst(k)));
    const r = b.call([a1, a0]);
    let acc = r;
    for (const v of vs) acc = b.op('add', b.op('mul', acc, b.konst(31)), v);
    b.ret(acc);
    const alloc = compileAndRun(b.vcode, [3, 4]);
    expect(alloc.spillSlots).toBeGreaterThanOrEqual(3);
  });

  test('fixed operands get their registers: shift counts, call arguments, results, returns', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const sh = b.int();
    b.add({ op: 'shl', dst: sh, a: a0, count: a1 });
    const r = b.call([a1, sh]);
    const t = b.op('add', r, a1);
    b.ret(t);
    const alloc = compileAndRun(b.vcode, [3, 4]);
    expect(alloc.regs[0][1][2]).toBe(R1); // the shift count
    expect(alloc.regs[0][2]).toEqual([R0, R1, R0]); // call: arguments and result
    expect(alloc.regs[0][4]).toEqual([R0]); // ret
    expect(alloc.regs[0][0]).toEqual([R0, R1]); // args
  });

  test('a coalesced copy gets one register and is not emitted', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const s = b.op('add', a0, a1);
    const d = b.int();
    b.add({ op: 'mov', dst: d, src: s });
    b.ret(b.op('add', d, d));
    const { alloc, asm } = compileToy(b.vcode);
    expect(alloc.regs[0][2][0]).toBe(alloc.regs[0][2][1]);
    expect(asm.code.some((m) => m.op === 'mov' && m.d === alloc.regs[0][2][0] && m.s === m.d)).toBe(false);
  });

  test('an early def does not share a register with the uses; a def may reuse a dying use', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const e = b.int();
    b.add({ op: 'xorEarly', dst: e, a: a0, b: a1 });
    const d = b.op('add', e, b.konst(1));
    b.ret(b.op('add', d, d));
    const alloc = compileAndRun(b.vcode, [6, 9]);
    const [early, u1, u2] = alloc.regs[0][1];
    expect(early).not.toBe(u1);
    expect(early).not.toBe(u2);
    const [def, use] = alloc.regs[0][3];
    expect(def).toBe(use);
  });

  test('a physical register written and read by the function is left alone in between', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    b.add({ op: 'setpreg', preg: R2, src: a0 });
    const xs = [1, 2, 3].map((k) => b.op('add', a1, b.konst(k)));
    b.call([a1]);
    const back = b.int();
    b.add({ op: 'getpreg', dst: back, preg: R2 });
    let acc = back;
    for (const x of xs) acc = b.op('add', acc, x);
    b.ret(acc);
    const alloc = compileAndRun(b.vcode, [100, 7]);
    expect(alloc.frame.savedRegs).toContain(R2);
  });

  test('a use by a clobbering instruction of a value that lives on goes through a temporary', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const r = b.int();
    b.add({ op: 'callind', dst: r, target: a1, args: [a0] });
    b.ret(b.op('add', r, a1));
    compileAndRun(b.vcode, [2, 3]);
  });

  test('floats: across calls (no callee-saved float register is free) and back to ints', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const fs = [a0, a1, a0].map((a) => {
      const f = b.float();
      b.add({ op: 'itof', dst: f, a });
      return f;
    });
    const sum = b.float();
    b.add({ op: 'fadd', dst: sum, a: fs[0], b: fs[1] });
    b.call([a0]);
    const sum2 = b.float();
    b.add({ op: 'fadd', dst: sum2, a: sum, b: fs[2] });
    const back = b.int();
    b.add({ op: 'ftoi', dst: back, a: sum2 });
    b.ret(back);
    const alloc = compileAndRun(b.vcode, [41, 17]);
    const floatSlots = alloc.frame.spillOffsets.filter((o) => o % 16 === 0);
    expect(floatSlots.length).toBeGreaterThan(0);
    expect(alloc.regs[0].flat().includes(F0)).toBe(true);
  });

  test('switch edges to one block with the same arguments share its copies', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const v = b.op('add', a0, a1);
    const w = b.op('mul', a0, a1);
    const shared = b.block();
    const other = b.block();
    b.at(0).switch(a0, [{ block: shared }, { block: other }, { block: shared }]);
    b.at(shared).ret(b.op('sub', v, w));
    b.at(other).ret(b.op('add', v, w));
    for (const k of [0, 1, 2, 5]) compileAndRun(b.vcode, [k, 9]);
  });

  test('explicit stack slots, outgoing arguments and spill slots are laid out below the saved registers', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const s4 = b.vcode.newStackSlot(4, 4);
    const s16 = b.vcode.newStackSlot(16, 16);
    b.vcode.outgoingArgs = 24;
    b.add({ op: 'stslot', slot: s4, src: a0 });
    b.add({ op: 'stslot', slot: s16, src: a1 });
    const vs = [1, 2, 3, 4, 5].map((k) => b.op('mul', a0, b.konst(k)));
    b.call([a1]);
    let acc = b.int();
    b.add({ op: 'ldslot', dst: acc, slot: s16 });
    for (const v of vs) acc = b.op('add', acc, v);
    const l = b.int();
    b.add({ op: 'ldslot', dst: l, slot: s4 });
    b.ret(b.op('xor', acc, l));
    const alloc = compileAndRun(b.vcode, [3, 5]);
    const f = alloc.frame;
    expect(f.outgoingArgs).toBe(24);
    expect(f.slotOffsets).toEqual([24, 32]);
    expect(f.spillOffsets.length).toBe(alloc.spillSlots);
    for (const o of f.spillOffsets) expect(o).toBeGreaterThanOrEqual(48);
    expect(new Set(f.spillOffsets).size).toBe(f.spillOffsets.length);
    expect(f.size % 16).toBe(0);
    expect(f.size).toBeGreaterThanOrEqual(48 + 8 * alloc.spillSlots);
  });

  test('the listing shows blocks, copies and registers', () => {
    const vcode = loop(3, true);
    const isa = toyIsa();
    const alloc = allocateRegisters(vcode, isa);
    const text = printAllocation(vcode, alloc, isa);
    expect(text).toMatch(/^function f: frame \d+ bytes/);
    expect(text).toContain('block1(');
    expect(text).toMatch(/r\d <- (r\d|slot\d+)/);
    expect(text).toContain('use v');
    expect(printAllocation(vcode, alloc, isa, (inst) => inst.op)).toContain('    brif');
  });
});

describe('what the allocator refuses', () => {
  test('a critical edge that needs copies', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    const p = b.int();
    const side = b.block();
    const join = b.block([p]);
    b.at(0).brif(a0, side, join);
    b.vcode.blocks[0].succs[1].args = [a1];
    b.at(side).jmp(join, [a0]);
    b.at(join).ret(p);
    expect(() => allocateRegisters(b.vcode, toyIsa())).toThrow(/critical edge from block 0 to block 2/);
  });

  test('a vreg used before any definition', () => {
    const b = new ToyBuilder();
    entry(b);
    const ghost = b.int();
    b.ret(ghost);
    expect(() => allocateRegisters(b.vcode, toyIsa())).toThrow(RegAllocError);
    expect(() => allocateRegisters(b.vcode, toyIsa())).toThrow(/used before any definition: v\d+/);
  });

  test('an instruction that needs more registers than are left', () => {
    const b = new ToyBuilder();
    const [a0, a1] = entry(b);
    b.add({ op: 'setpreg', preg: R2, src: a0 });
    b.add({ op: 'setpreg', preg: R3, src: a1 });
    const e = b.int();
    b.add({ op: 'xorEarly', dst: e, a: a0, b: a1 });
    const g2 = b.int();
    const g3 = b.int();
    b.add({ op: 'getpreg', dst: g2, preg: R2 });
    b.add({ op: 'getpreg', dst: g3, preg: R3 });
    b.ret(b.op('add', b.op('add', e, b.op('add', a0, a1)), b.op('add', g2, g3)));
    expect(() => allocateRegisters(b.vcode, toyIsa())).toThrow(/more int values need a register/);
  });

  test('a block-ending instruction that defines values when copies must go before it', () => {
    for (const last of ['const', 'call'] as const) {
      const b = new ToyBuilder();
      const [a0, a1] = entry(b);
      const p = b.int();
      const q = b.int();
      const join = b.block([p, q]);
      const other = b.block();
      b.at(0).brif(a0, other, join);
      b.vcode.blocks[0].succs[1] = { block: join, args: [a1, a0] };
      b.at(other);
      const d = last === 'const' ? b.konst(7) : b.call([a1]);
      b.vcode.blocks[other].succs.push({ block: join, args: [d, a1] });
      b.at(join).ret(b.op('sub', p, q));
      // block 0 → join is critical; give it its own block first.
      const mid = b.block();
      b.vcode.blocks[0].succs[1] = { block: mid, args: [] };
      (b.vcode.blocks[0].insts[1] as { else: number }).else = mid;
      b.at(mid).jmp(join, [a1, a0]);
      expect(() => allocateRegisters(b.vcode, toyIsa())).toThrow(/branch defines a register|fixed def on the last instruction/);
    }
  });

  test('a class without registers, and blocks without instructions', () => {
    const b = new ToyBuilder();
    const [a0] = entry(b);
    const f = b.float();
    b.add({ op: 'itof', dst: f, a: a0 });
    b.ret(a0);
    const isa = toyIsa();
    const noFloats = { ...isa, regs: { ...isa.regs, allocatable: { ...isa.regs.allocatable, float: [] } } };
    expect(() => allocateRegisters(b.vcode, noFloats)).toThrow(/no allocatable float registers/);
    b.block();
    expect(() => allocateRegisters(b.vcode, isa)).toThrow(/block 1 has no instructions/);
  });
});

test('the checker notices a wrong allocation', () => {
  const vcode = loop(0, false);
  const isa = toyIsa();
  const alloc = allocateRegisters(vcode, isa);
  const body = 2;
  const wrong: Allocation = { ...alloc, regs: alloc.regs.map((b, k) => (k === body ? b.map((ops) => ops.map((r) => (r === R0 ? R1 : r === R1 ? R0 : r))) : b)) };
  expect(() => checkAllocation(vcode, wrong, isa)).toThrow(/reads v\d+ from r\d/);
  const unsaved: Allocation = { ...alloc, frame: { ...alloc.frame, savedRegs: [] }, regs: alloc.regs.map((b) => b.map((ops) => ops.map((r) => (r === R1 ? R2 : r)))) };
  expect(() => checkAllocation(vcode, unsaved, isa)).toThrow(/callee-saved r2/);
});
