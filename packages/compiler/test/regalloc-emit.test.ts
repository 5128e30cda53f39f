import { emitFunction, isNoopMove, type Allocation, type EmitContext, type Location, type MachineIsa, type RegClass } from '../src/index.js';
import { ToyBuilder, toyIsa, type ToyInst } from './regalloc-helpers.js';

/** An assembler that records what the driver asks of it and of the ISA. */
class Recorder {
  readonly log: string[] = [];
  private labels = 0;
  newLabel(): string {
    return `L${this.labels++}`;
  }
  bind(label: string): void {
    this.log.push(`bind ${label}`);
  }
}

function recordingIsa(): MachineIsa<ToyInst, Recorder> {
  const toy = toyIsa();
  const loc = (l: Location): string => ('reg' in l ? toy.regs.name(l.reg) : `slot${l.slot}`);
  return {
    ...toy,
    emitMove(asm: Recorder, cls: RegClass, dst: Location, src: Location) {
      asm.log.push(`move ${loc(dst)} <- ${loc(src)}`);
    },
    emit(asm: Recorder, inst: ToyInst, regs: readonly number[], _frame, ctx: EmitContext) {
      let text = `${inst.op} [${regs.join(',')}] in block ${ctx.currentBlock}`;
      if (inst.op === 'trapif') text += ` -> ${String(ctx.trapLabel(inst.code))}`;
      if (inst.op === 'brif') text += ` -> ${String(ctx.blockLabel(inst.then))}, ${String(ctx.blockLabel(inst.else))}`;
      asm.log.push(text);
    },
    emitPrologue(asm: Recorder) {
      asm.log.push('prologue');
    },
    emitEpilogue() {},
    emitTrap(asm: Recorder, code: number, funcIndex: number) {
      asm.log.push(`trap ${code} of function ${funcIndex}`);
    },
  };
}

const edit = (dst: number, src: number) => ({ cls: 'int' as const, dst: { reg: dst }, src: { reg: src } });

test('emitFunction: prologue, labels, copies in their places, traps out of line', () => {
  const b = new ToyBuilder();
  const c = b.int();
  const x = b.int();
  b.at(b.block([c, x])).add({ op: 'args', dsts: [c, x] });
  b.add({ op: 'trapif', cond: c, code: 3 });
  b.add({ op: 'trapif', cond: x, code: 5 });
  b.add({ op: 'trapif', cond: c, code: 3 });
  const then = b.block();
  const els = b.block();
  b.at(0).brif(c, then, els);
  b.at(then).ret(x);
  b.at(els).ret(c);
  // A hand-made allocation, so that every kind of edit shows up.
  const alloc: Allocation = {
    regs: [[[0, 1], [0], [1], [0], [0]], [[1]], [[0]]],
    before: [[[], [edit(2, 0)], [], [], [edit(3, 1)]], [[edit(0, 1)]], [[]]],
    blockStart: [[], [edit(1, 2)], []],
    blockEnd: [[edit(1, 3)], [], []],
    spillSlots: 0,
    frame: { size: 0, outgoingArgs: 0, savedRegs: [], slotOffsets: [], spillOffsets: [] },
  };
  const asm = new Recorder();
  emitFunction(b.vcode, alloc, recordingIsa(), asm);
  expect(asm.log).toEqual([
    'prologue',
    'bind L0',
    'args [0,1] in block 0',
    'move r2 <- r0',
    'trapif [0] in block 0 -> L3',
    'trapif [1] in block 0 -> L4',
    'trapif [0] in block 0 -> L3',
    'move r3 <- r1',
    'move r1 <- r3',
    'brif [0] in block 0 -> L1, L2',
    'bind L1',
    'move r1 <- r2',
    'move r0 <- r1',
    'ret [1] in block 1',
    'bind L2',
    'ret [0] in block 2',
    'bind L3',
    'trap 3 of function 0',
    'bind L4',
    'trap 5 of function 0',
  ]);
});

test('a move whose operands share a register is a no-op', () => {
  const isa = toyIsa();
  expect(isNoopMove(isa, { op: 'mov', dst: 300, src: 301 }, [2, 2])).toBe(true);
  expect(isNoopMove(isa, { op: 'mov', dst: 300, src: 301 }, [2, 3])).toBe(false);
  expect(isNoopMove(isa, { op: 'add', dst: 300, a: 301, b: 302 }, [2, 2, 2])).toBe(false);
});
