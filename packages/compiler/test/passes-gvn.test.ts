import { gvn, IntCond, TrapCode } from '@mewz/compiler';
import { fn, lowerWat, ops } from './lower-helpers';
import { apply, build, call, printed } from './passes-helpers';

describe('gvn', () => {
  it('merges repeated heap_addr checks of the same address and narrower ones, keeping the loads', async () => {
    const out = await lowerWat(`(module (memory 1)
      (func (export "f") (param i32) (result i32)
        (i32.add (i32.load (local.get 0)) (i32.load (local.get 0))))
      (func (export "g") (param i32) (result i32)
        (i32.add (i32.load8_u (local.get 0)) (i32.load (local.get 0))))
      (func (export "h") (param i32) (result i32)
        (i32.add (i32.load offset=4 (local.get 0)) (i32.load8_u offset=2 (local.get 0)))))`);
    const f = fn(out, 't.f0');
    expect(ops(f).filter((o) => o === 'heap_addr')).toHaveLength(2);
    expect(apply(f, gvn)).toBeGreaterThanOrEqual(1);
    expect(ops(f).filter((o) => o === 'heap_addr')).toHaveLength(1);
    expect(printed(f)).toMatch(/(v\d+) = heap_addr\.i64 v1, v\d+, v\d+, 4\n {2}v\d+ = load\.i32 \1, \+0, 32\n {2}v\d+ = load\.i32 \1, \+0, 32/);
    // A 1-byte and a 4-byte access check different ranges: both stay.
    const g = fn(out, 't.f1');
    apply(g, gvn);
    expect(ops(g).filter((o) => o === 'heap_addr')).toHaveLength(2);
    // In the other order the first check (index + 8 ≤ size) covers the second (index + 3).
    const h = fn(out, 't.f2');
    apply(h, gvn);
    expect(printed(h)).toMatch(/(v\d+) = heap_addr\.i64 v1, v\d+, v\d+, 8\n {2}v\d+ = load\.i32 \1, \+4, 32\n {2}v\d+ = load\.i32 \1, \+2, 8/);
  });

  it('replaces an expression dominated by an identical one, not one in a sibling branch', () => {
    const b = build(['i32', 'i32'], ['i32']);
    const [x, y] = b.current.params;
    const top = b.inst('mul', 'i32', [x, y]);
    const t = b.newBlock();
    const e = b.newBlock();
    const join = b.newBlock(['i32']);
    b.brIf(x, t, [], e, []);
    b.seal(t);
    b.seal(e);
    b.switchTo(t);
    const inT = b.inst('sub', 'i32', [b.inst('mul', 'i32', [y, x]), y]); // mul commutes: same as top
    b.jump(join, [inT]);
    b.switchTo(e);
    const inE = b.inst('sub', 'i32', [top, y]); // same as the sub in t, but t does not dominate e
    b.jump(join, [inE]);
    b.seal(join);
    b.switchTo(join);
    b.ret([b.inst('add', 'i32', [join.params[0], b.inst('sub', 'i32', [top, y])])]);
    const f = b.finish();
    expect(apply(f, gvn)).toBe(1);
    const text = printed(f);
    expect(text.match(/mul\.i32/g)).toHaveLength(1);
    // One sub in each arm, one after the join: none dominates another.
    expect(text.match(/sub\.i32/g)).toHaveLength(3);
    expect(call(f, [3, 4])).toEqual([16]);
  });

  it('numbers constant operands by value, but keeps each block’s own constants', () => {
    const b = build(['i64'], ['i64']);
    const x = b.current.params[0];
    const first = b.inst('add', 'i64', [x, b.const('i64', 8n)]);
    const next = b.newBlock();
    b.jump(next);
    b.seal(next);
    b.switchTo(next);
    const again = b.inst('add', 'i64', [x, b.const('i64', 8n)]);
    const c1 = b.const('i64', 1n);
    const c2 = b.const('i64', 1n);
    b.ret([b.inst('add', 'i64', [b.inst('add', 'i64', [first, again]), b.inst('sub', 'i64', [c1, c2])])]);
    const f = b.finish();
    expect(apply(f, gvn)).toBe(2); // the second add x, 8 and the second 1
    const text = printed(f);
    expect(text).toMatch(/block1\(\):\n {2}v\d+ = const\.i64 8\n {2}v\d+ = const\.i64 1\n {2}v(\d+) = add\.i64 v(\d+), v\2\n {2}v\d+ = sub\.i64 v(\d+), v\3/);
  });

  it('does not commute float operations, and keeps operations with different immediates apart', () => {
    const b = build(['f64', 'f64', 'i32', 'i32'], ['i32']);
    const [p, q, x, y] = b.current.params;
    const s1 = b.inst('add', 'f64', [p, q]);
    const s2 = b.inst('add', 'f64', [q, p]);
    const lt = b.inst('icmp', 'i32', [x, y], { imm: IntCond.lt_s });
    const ltu = b.inst('icmp', 'i32', [x, y], { imm: IntCond.lt_u });
    const eq1 = b.inst('icmp', 'i32', [x, y], { imm: IntCond.eq });
    const eq2 = b.inst('icmp', 'i32', [y, x], { imm: IntCond.eq });
    const feq = b.inst('fcmp', 'i32', [s1, s2], { imm: 0 });
    b.ret([b.inst('add', 'i32', [b.inst('add', 'i32', [lt, ltu]), b.inst('add', 'i32', [b.inst('add', 'i32', [eq1, eq2]), feq])])]);
    const f = b.finish();
    expect(apply(f, gvn)).toBe(1); // eq y, x only
    expect(printed(f).match(/add\.f64/g)).toHaveLength(2);
  });

  it('never merges effects: traps, stores, calls and loads stay', () => {
    const b = build(['i64', 'i32'], []);
    const [p, x] = b.current.params;
    b.effect('trapnz', [x], { imm: TrapCode.Unreachable });
    b.effect('trapnz', [x], { imm: TrapCode.Unreachable });
    b.inst('load', 'i64', [p], { flags: 8 });
    b.inst('load', 'i64', [p], { flags: 8 });
    b.effect('store', [p, x], { flags: 4 });
    b.effect('store', [p, x], { flags: 4 });
    b.ret([]);
    const f = b.finish();
    expect(apply(f, gvn)).toBe(0);
    expect(f.entry.insts).toHaveLength(6);
  });
});
