import { constFold, mergeBlocks, optimize } from '@mewz/compiler';
import { fn, lowerWat } from './lower-helpers';
import { apply, build, call, printed } from './passes-helpers';

describe('mergeBlocks', () => {
  it('merges a chain of blocks each entered only by a jump, passing arguments as values', () => {
    const b = build(['i32'], ['i32']);
    const x = b.current.params[0];
    const second = b.newBlock(['i32']);
    const third = b.newBlock(['i32', 'i32']);
    b.jump(second, [b.inst('add', 'i32', [x, x])]);
    b.seal(second);
    b.switchTo(second);
    b.jump(third, [second.params[0], x]);
    b.seal(third);
    b.switchTo(third);
    b.ret([b.inst('mul', 'i32', third.params)]);
    const f = b.finish();
    expect(apply(f, mergeBlocks)).toBe(2);
    expect(f.blocks).toHaveLength(1);
    expect(printed(f)).toMatch(/v(\d+) = add\.i32 v0, v0\n {2}v(\d+) = mul\.i32 v\1, v0\n {2}return v\2/);
    expect(call(f, [3])).toEqual([18]);
  });

  it('keeps join points, loop headers and branch targets', async () => {
    const out = await lowerWat(`(module (func (export "f") (param i32) (result i32) (local i32)
      (block (loop
        (br_if 1 (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br 0)))
      (if (result i32) (local.get 1) (then (i32.const 1)) (else (i32.const 2)))))`);
    const f = fn(out, 't.f0');
    const blocks = f.blocks.length;
    expect(apply(f, mergeBlocks)).toBe(0);
    expect(f.blocks).toHaveLength(blocks);
  });

  it('merges what constant folding leaves behind, as part of optimize', async () => {
    const out = await lowerWat(`(module (func (export "f") (param i32) (result i32)
      (if (result i32) (i32.const 1)
        (then (i32.add (local.get 0) (i32.const 1)))
        (else (i32.const 0)))))`);
    const f = fn(out, 't.f0');
    apply(f, constFold);
    expect(f.blocks.length).toBeGreaterThan(1);
    optimize(f, { verify: true });
    expect(f.blocks).toHaveLength(1);
    expect(printed(f)).toMatch(/add\.i32 v1, v\d+\n {2}return v\d+\n}$/);
  });
});
