import { IntCond, optimize, printFunction, removeRedundantParams } from '@mewz/compiler';
import { fn, lowerWat } from './lower-helpers';
import { apply, build, call, printed } from './passes-helpers';

/** A loop counting i from 0 to n that adds k (a variable set before the loop) each time. */
function loopWithInvariant() {
  const b = build(['i32', 'i32'], ['i32']);
  const [n, k0] = b.current.params;
  const i = b.declareVar('i32');
  const acc = b.declareVar('i32');
  const k = b.declareVar('i32');
  b.defVar(i, b.const('i32', 0n));
  b.defVar(acc, b.const('i32', 0n));
  b.defVar(k, k0);
  const header = b.newBlock();
  const body = b.newBlock();
  const exit = b.newBlock();
  b.jump(header);
  b.switchTo(header);
  b.brIf(b.inst('icmp', 'i32', [b.useVar(i), n], { imm: IntCond.lt_s }), body, [], exit, []);
  b.seal(body);
  b.switchTo(body);
  b.defVar(acc, b.inst('add', 'i32', [b.useVar(acc), b.useVar(k)]));
  b.defVar(i, b.inst('add', 'i32', [b.useVar(i), b.const('i32', 1n)]));
  b.jump(header);
  b.seal(header);
  b.seal(exit);
  b.switchTo(exit);
  b.ret([b.useVar(acc)]);
  return b.finish();
}

describe('removeRedundantParams', () => {
  it('removes a loop header parameter that only carries a value around unchanged', () => {
    const f = loopWithInvariant();
    // i, acc and k: k is redundant (the entry passes k0, the back edge passes k itself).
    expect(f.blocks[1].params).toHaveLength(3);
    expect(apply(f, removeRedundantParams)).toBe(1);
    expect(f.blocks[1].params).toHaveLength(2);
    const text = printed(f);
    expect(text).toMatch(/add\.i32 v\d+, v1\n/); // acc + k0
    expect(text).toMatch(/jump block1\(v\d+, v\d+\)\n/);
    expect(call(f, [10, 3])).toEqual([30]);
  });

  it('keeps parameters that merge different values, and the entry block’s', () => {
    const b = build(['i32', 'i32'], ['i32']);
    const [c, x] = b.current.params;
    const t = b.newBlock();
    const e = b.newBlock();
    const join = b.newBlock(['i32']);
    b.brIf(c, t, [], e, []);
    b.seal(t);
    b.seal(e);
    b.switchTo(t);
    b.jump(join, [x]);
    b.switchTo(e);
    b.jump(join, [b.const('i32', 7n)]);
    b.seal(join);
    b.switchTo(join);
    b.ret([join.params[0]]);
    const f = b.finish();
    expect(apply(f, removeRedundantParams)).toBe(0);
    expect(f.blocks[3].params).toHaveLength(1);
    expect(f.entry.params).toHaveLength(2);
  });

  it('reaches a fixed point through nested loops and joins (a local the function never changes)', async () => {
    const out = await lowerWat(`(module (func (export "f") (param $n i32) (param $k i32) (result i32) (local $i i32) (local $j i32) (local $acc i32)
      (block $done (loop $outer
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (block $inner_done (loop $inner
          (br_if $inner_done (i32.ge_s (local.get $j) (local.get $n)))
          (if (i32.and (local.get $j) (i32.const 1))
            (then (local.set $acc (i32.add (local.get $acc) (local.get $k)))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $inner)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
      (local.get $acc)))`);
    const f = fn(out, 't.f0');
    const before = f.blocks.reduce((n, blk) => n + blk.params.length, 0);
    const removed = apply(f, removeRedundantParams);
    expect(removed).toBeGreaterThan(0);
    // What is left are the real φs: i and acc at the outer header, j and acc at the inner
    // one, acc after the if (3 + 4 + 5 + 5 parameters before).
    expect(f.blocks.map((blk) => blk.params.length)).toEqual([3, 2, 0, 0, 2, 0, 0, 0, 0, 1]);
    expect(before - removed).toBe(3 + 2 + 2 + 1);
    // $n and $k (v1, v2) are used directly everywhere: no parameter stands for them.
    const text = printed(f);
    expect(text).toMatch(/icmp\.i32 ge_s, v\d+, v1\n/);
    expect(text).toMatch(/add\.i32 v\d+, v2\n/);
    // Running it again finds nothing more.
    expect(removeRedundantParams(f)).toBe(0);
  });

  it('removes the loop-invariant parameter of the lowered sum loop', async () => {
    const out = await lowerWat(`(module (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
      (block $done (loop $top
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
      (local.get $acc)))`);
    const f = fn(out, 't.f0');
    expect(f.blocks[1].params).toHaveLength(3); // $i, $acc and $n
    apply(f, removeRedundantParams);
    expect(f.blocks[1].params).toHaveLength(2);
    expect(printed(f)).toMatch(/icmp\.i32 ge_s, v\d+, v1\n/);
  });

  it('removes copies (a bitcast to the same type)', () => {
    const b = build(['i64'], ['i64']);
    const x = b.current.params[0];
    const copy = b.inst('bitcast', 'i64', [x]);
    b.ret([b.inst('add', 'i64', [copy, copy])]);
    const f = b.finish();
    expect(apply(f, removeRedundantParams)).toBe(1);
    expect(printed(f)).toContain('add.i64 v0, v0');
  });

  it('is part of optimize', () => {
    const f = loopWithInvariant();
    optimize(f, { verify: true });
    expect(f.blocks.map((blk) => blk.params.length)).toEqual([2, 2, 0, 0]);
    expect(printFunction(f)).not.toMatch(/v\d+: i32, v\d+: i32, v\d+: i32/);
  });
});
