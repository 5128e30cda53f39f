import { allocateRegisters, type ExplainPipeline, explainStages, FunctionBuilder, type IrFunction, printVCode } from '../src/index.js';
import { ToyBuilder, toyIsa, type ToyAsm, type ToyInst } from './regalloc-helpers.js';

/** A toy backend: `select` builds `return 1 + 2` whatever the IR, `emit` writes one byte per instruction. */
function toyPipeline(calls: string[]): ExplainPipeline<ToyInst, ToyAsm, { code: Uint8Array; codeSize: number; relocations: [] }> {
  const isa = toyIsa();
  return {
    isa,
    select: (_ir, funcIndex) => {
      calls.push(`select ${funcIndex}`);
      const b = new ToyBuilder();
      b.block();
      b.ret(b.op('add', b.konst(1), b.konst(2)));
      return b.vcode;
    },
    allocate: (vcode) => {
      calls.push('allocate');
      return allocateRegisters(vcode, isa);
    },
    emit: (vcode) => {
      calls.push('emit');
      const n = vcode.blocks.reduce((sum, block) => sum + block.insts.length, 0);
      return { code: new Uint8Array(n).fill(0x90), codeSize: n, relocations: [] };
    },
    printVCode: (vcode) => `${vcode.blocks[0].insts.length} insts`,
    formatAllocatedInst: (inst, regs) => `${inst.op} ${regs.join(',')}`,
    listing: (out, decoded, note) => `${out.codeSize} bytes, ${decoded === undefined ? `undecoded: ${note}` : `${decoded.length} decoded`}`,
  };
}

function ir(): IrFunction {
  const b = new FunctionBuilder('f', [], []);
  b.ret([]);
  return b.finish();
}

describe('explainStages', () => {
  it('runs every step and prints each stage in order', async () => {
    const calls: string[] = [];
    const stages = await explainStages(toyPipeline(calls), ir(), 7, undefined, async () => (code) => [{ offset: 0, size: code.length, text: 'x' }]);
    expect(stages.map((s) => s.name)).toEqual(['vcode', 'regalloc', 'asm']);
    expect(stages[0].text).toBe('4 insts');
    expect(stages[1].text).toMatch(/add /);
    expect(stages[2].text).toBe('4 bytes, 1 decoded');
    expect(calls).toEqual(['select 7', 'allocate', 'emit']);
  });

  it('stops after the last stage wanted', async () => {
    const calls: string[] = [];
    const stages = await explainStages(toyPipeline(calls), ir(), 0, ['vcode'], async () => () => []);
    expect(stages.map((s) => s.name)).toEqual(['vcode']);
    expect(calls).toEqual(['select 0']);
  });

  it('lists the code as bytes when the disassembler does not load', async () => {
    const stages = await explainStages(toyPipeline([]), ir(), 0, ['asm'], () => Promise.reject(new Error('no wasm\nstack')));
    expect(stages).toEqual([{ name: 'asm', title: 'machine code', text: '4 bytes, undecoded: no disassembler (capstone-wasm did not load: no wasm); instructions as bytes' }]);
  });
});

describe('printVCode', () => {
  it('prints blocks, parameters, instructions, successors, slots and outgoing bytes', () => {
    const b = new ToyBuilder('g');
    const p = b.int();
    const entry = b.block([p]);
    const next = b.block();
    b.at(entry).jmp(next);
    b.at(next).ret(b.konst(4));
    b.vcode.newStackSlot(8, 8);
    b.vcode.outgoingArgs = 16;
    const text = printVCode(b.vcode, (inst) => inst.op, (r) => `r${r}`);
    expect(text.split('\n')).toEqual([
      'vcode g {',
      `block0(r${p}):`,
      '  jmp',
      '  ; succs block1()',
      'block1():',
      '  const',
      '  ret',
      '; slots 8/8',
      '; outgoing 16',
      '}',
    ]);
  });
});
