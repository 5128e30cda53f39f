import { dce, IntCond, TrapCode, verifyFunction } from '@mewz/compiler';
import { fn, lowerWat, ops } from './lower-helpers';
import { apply, build, call, printed } from './passes-helpers';

describe('dce', () => {
  it('removes unused pure instructions, chains of them included', () => {
    const b = build(['i32'], ['i32']);
    const x = b.current.params[0];
    const a = b.inst('mul', 'i32', [x, x]);
    b.inst('add', 'i32', [a, b.const('i32', 3n)]);
    b.ret([x]);
    const f = b.finish();
    expect(apply(f, dce)).toBe(3);
    expect(f.entry.insts).toHaveLength(0);
  });

  it('keeps effects and possible traps even when their results are unused', () => {
    const b = build(['i64', 'i32'], []);
    const [p, x] = b.current.params;
    b.effect('trapz', [x], { imm: TrapCode.IntegerDivideByZero });
    b.inst('heap_addr', 'i64', [x, p, p], { imm: 4 });
    b.inst('load', 'i64', [p], { flags: 8 }); // not known to be safe
    b.insts('call', ['i32'], [x], { sym: 'callee' });
    b.inst('intrinsic', 'i64', [], { sym: 'stack_pointer' });
    b.effect('store', [p, x], { flags: 4 });
    b.ret([]);
    const f = b.finish();
    expect(apply(f, dce)).toBe(0);
    expect(f.entry.insts.map((i) => i.op)).toEqual(['trapz', 'heap_addr', 'load', 'call', 'intrinsic', 'store']);
  });

  it('removes an unused load from a checked Wasm address, but not the check', async () => {
    const out = await lowerWat(`(module (memory 1)
      (func (export "f") (param i32) (drop (i32.load offset=8 (local.get 0)))))`);
    const f = fn(out, 't.f0');
    expect(ops(f)).toContain('load');
    apply(f, dce);
    const text = printed(f);
    expect(text).toMatch(/heap_addr\.i64 v1, v\d+, v\d+, 12\n {2}return/);
    // What is left loads the stack limit, the memory base and size: the access itself went.
    expect(text).not.toMatch(/load\.i32/);
  });

  it('removes loop parameters that only feed each other (a use count would keep them)', () => {
    const b = build(['i32'], ['i32']);
    const n = b.current.params[0];
    const i = b.declareVar('i32');
    const junk = b.declareVar('i32');
    b.defVar(i, b.const('i32', 0n));
    b.defVar(junk, b.const('i32', 5n));
    const header = b.newBlock();
    const body = b.newBlock();
    const exit = b.newBlock();
    b.jump(header);
    b.switchTo(header);
    b.brIf(b.inst('icmp', 'i32', [b.useVar(i), n], { imm: IntCond.lt_u }), body, [], exit, []);
    b.seal(body);
    b.switchTo(body);
    b.defVar(junk, b.inst('mul', 'i32', [b.useVar(junk), b.useVar(junk)]));
    b.defVar(i, b.inst('add', 'i32', [b.useVar(i), b.const('i32', 1n)]));
    b.jump(header);
    b.seal(header);
    b.seal(exit);
    b.switchTo(exit);
    b.ret([b.useVar(i)]);
    const f = b.finish();
    expect(f.blocks[1].params).toHaveLength(2);
    apply(f, dce);
    expect(f.blocks[1].params).toHaveLength(1);
    expect(printed(f)).not.toContain('mul');
    expect(call(f, [7])).toEqual([7]);
  });

  it('keeps what a branch back to the entry passes, even to an unused parameter', () => {
    const b = build(['i32', 'i32'], ['i32']);
    const [x, unused] = b.current.params;
    const again = b.newBlock();
    const done = b.newBlock();
    b.brIf(x, again, [], done, []);
    b.seal(again);
    b.seal(done);
    b.switchTo(again);
    const args = [b.inst('sub', 'i32', [x, b.const('i32', 1n)]), b.inst('mul', 'i32', [unused, unused])];
    b.ret([x]);
    b.switchTo(done);
    b.ret([x]);
    const f = b.finish();
    // The builder never branches to the entry; the IR allows it.
    f.blocks[again.id].term = { kind: 'jump', target: { block: f.entry, args } };
    expect(verifyFunction(f)).toEqual([]);
    apply(f, dce);
    expect(printed(f)).toContain('mul.i32 v1, v1');
    expect(call(f, [3, 0])).toEqual([0]);
  });

  it('removes unreachable blocks', () => {
    const b = build([], ['i32']);
    const dead = b.newBlock();
    b.ret([b.const('i32', 1n)]);
    b.seal(dead);
    b.switchTo(dead);
    b.ret([b.const('i32', 2n)]);
    const f = b.finish();
    expect(f.blocks).toHaveLength(2);
    apply(f, dce);
    expect(f.blocks).toHaveLength(1);
  });
});
