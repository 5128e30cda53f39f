import { constFold, dce, f32Bits, f64Bits, type IrType, IntCond, optimize, TrapCode } from '@mewz/compiler';
import { fn, lowerWat } from './lower-helpers';
import { apply, build, call, differential, printed, size } from './passes-helpers';

/** `op` on constant operands, folded: the printed function. */
function folded(op: Parameters<ReturnType<typeof build>['inst']>[0], type: IrType, args: [IrType, bigint][], imm = 0): string {
  const b = build([], [type]);
  b.ret([b.inst(op, type, args.map(([t, bits]) => b.const(t, bits)), { imm })]);
  const f = b.finish();
  apply(f, constFold);
  apply(f, dce);
  return printed(f);
}

const f32 = (x: number): bigint => BigInt(f32Bits(x));
const f64 = (x: number): bigint => f64Bits(x);

describe('constFold', () => {
  it('folds integer arithmetic, comparisons and conversions with Wasm semantics', () => {
    expect(folded('add', 'i32', [['i32', 0xffffffffn], ['i32', 2n]])).toContain('const.i32 1\n');
    expect(folded('mul', 'i64', [['i64', 1n << 62n], ['i64', 4n]])).toContain('const.i64 0\n');
    expect(folded('shl', 'i32', [['i32', 1n], ['i32', 33n]])).toContain('const.i32 2\n'); // count mod 32
    expect(folded('rotr', 'i32', [['i32', 1n], ['i32', 1n]])).toContain('const.i32 2147483648\n');
    expect(folded('div_s', 'i32', [['i32', BigInt(-7 >>> 0)], ['i32', 2n]])).toContain(`const.i32 ${-3 >>> 0}\n`);
    expect(folded('rem_s', 'i64', [['i64', BigInt.asUintN(64, -7n)], ['i64', 2n]])).toContain(`const.i64 0x${BigInt.asUintN(64, -1n).toString(16)}\n`);
    expect(folded('icmp', 'i32', [['i32', 0xffffffffn], ['i32', 1n]], IntCond.lt_s)).toContain('const.i32 1\n');
    expect(folded('icmp', 'i32', [['i32', 0xffffffffn], ['i32', 1n]], IntCond.lt_u)).toContain('const.i32 0\n');
    expect(folded('clz', 'i64', [['i64', 1n]])).toContain('const.i64 63\n');
    expect(folded('sext', 'i32', [['i32', 0x80n]], 8)).toContain('const.i32 4294967168\n');
    expect(folded('extend_s', 'i64', [['i32', 0xffffffffn]])).toContain('const.i64 0xffffffffffffffff\n');
    expect(folded('wrap', 'i32', [['i64', 0x1_0000_0005n]])).toContain('const.i32 5\n');
    expect(folded('fcvt_from_u', 'f32', [['i64', (1n << 64n) - 1n]])).toContain('(0x5f800000)');
    expect(folded('fcvt_to_s_sat', 'i32', [['f64', f64(NaN)]])).toContain('const.i32 0\n');
    expect(folded('fcvt_to_u_sat', 'i32', [['f32', f32(-5)]])).toContain('const.i32 0\n');
    expect(folded('bitcast', 'f32', [['i32', 0x7fa00001n]])).toContain('(0x7fa00001)');
  });

  it('leaves operations the IR leaves undefined: unguarded division by zero, unchecked conversions', () => {
    expect(folded('div_u', 'i32', [['i32', 1n], ['i32', 0n]])).toContain('div_u.i32');
    expect(folded('div_s', 'i64', [['i64', 1n << 63n], ['i64', BigInt.asUintN(64, -1n)]])).toContain('div_s.i64');
    expect(folded('fcvt_to_s', 'i32', [['f64', f64(3e10)]])).toContain('fcvt_to_s.i32');
    expect(folded('fcvt_to_u', 'i64', [['f32', f32(NaN)]])).toContain('fcvt_to_u.i64');
  });

  it('folds floats exactly, keeps signed zeros, and never decides a NaN’s bits', () => {
    expect(folded('add', 'f64', [['f64', f64(0.1)], ['f64', f64(0.2)]])).toContain(`(0x${f64(0.1 + 0.2).toString(16)})`);
    expect(folded('add', 'f64', [['f64', f64(-0)], ['f64', f64(-0)]])).toContain('(0x8000000000000000)');
    expect(folded('mul', 'f32', [['f32', f32(-0)], ['f32', f32(5)]])).toContain('(0x80000000)');
    expect(folded('min', 'f32', [['f32', f32(0)], ['f32', f32(-0)]])).toContain('(0x80000000)');
    expect(folded('sqrt', 'f32', [['f32', f32(2)]])).toContain(`(0x${f32(Math.fround(Math.SQRT2)).toString(16)})`);
    expect(folded('nearest', 'f64', [['f64', f64(2.5)]])).toContain('const.f64 2 ');
    // A NaN result, a NaN operand: left to the machine.
    expect(folded('div', 'f32', [['f32', f32(0)], ['f32', f32(0)]])).toContain('div.f32');
    expect(folded('add', 'f64', [['f64', 0x7ff4000000000000n], ['f64', f64(1)]])).toContain('add.f64');
    expect(folded('promote', 'f64', [['f32', 0x7fa00000n]])).toContain('promote.f64');
    // Sign operations and comparisons are exact on NaNs too.
    expect(folded('neg', 'f32', [['f32', 0x7fa00001n]])).toContain('(0xffa00001)');
    expect(folded('copysign', 'f64', [['f64', 0x7ff4000000000000n], ['f64', f64(-1)]])).toContain('(0xfff4000000000000)');
    expect(folded('fcmp', 'i32', [['f32', 0x7fc00000n], ['f32', 0x7fc00000n]], 1 /* ne */)).toContain('const.i32 1\n');
    // x - x is 0 for integers only (NaN - NaN, inf - inf).
    const b = build(['f64'], ['f64']);
    b.ret([b.inst('sub', 'f64', [b.current.params[0], b.current.params[0]])]);
    const f = b.finish();
    expect(apply(f, constFold)).toBe(0);
  });

  it('simplifies exact integer identities', () => {
    const b = build(['i32', 'i64'], ['i32', 'i64']);
    const [x, y] = b.current.params;
    const c32 = (n: bigint) => b.const('i32', n);
    const c64 = (n: bigint) => b.const('i64', n);
    let v = b.inst('add', 'i32', [c32(0n), x]); // 0 + x
    v = b.inst('mul', 'i32', [v, c32(1n)]);
    v = b.inst('and', 'i32', [v, c32(0xffffffffn)]);
    v = b.inst('or', 'i32', [v, c32(0n)]);
    v = b.inst('xor', 'i32', [v, c32(0n)]);
    v = b.inst('shl', 'i32', [v, c32(32n)]);
    v = b.inst('rotr', 'i32', [v, c32(0n)]);
    v = b.inst('div_u', 'i32', [v, c32(1n)]);
    v = b.inst('sub', 'i32', [v, c32(0n)]);
    let w = b.inst('sub', 'i64', [y, y]);
    w = b.inst('add', 'i64', [w, b.inst('xor', 'i64', [y, y])]);
    w = b.inst('or', 'i64', [w, b.inst('rem_u', 'i64', [y, c64(1n)])]);
    b.ret([v, w]);
    const f = b.finish();
    apply(f, constFold);
    apply(f, dce);
    expect(printed(f)).toMatch(/^ {2}v\d+ = const\.i64 0\n {2}return v0, v\d+$/m);
    expect(size(f)).toBe(1);
  });

  it('turns multiplication and unsigned division by powers of two into shifts, unsigned remainder into a mask', () => {
    const b = build(['i32', 'i64'], ['i32', 'i64', 'i32', 'i32']);
    const [x, y] = b.current.params;
    const mul = b.inst('mul', 'i32', [b.const('i32', 8n), x]);
    const div = b.inst('div_u', 'i64', [y, b.const('i64', 1n << 40n)]);
    const rem = b.inst('rem_u', 'i32', [x, b.const('i32', 16n)]);
    const sdiv = b.inst('div_s', 'i32', [x, b.const('i32', 4n)]);
    b.ret([mul, div, rem, sdiv]);
    const f = b.finish();
    apply(f, constFold);
    apply(f, dce);
    const text = printed(f);
    expect(text).toMatch(/const\.i32 3\n {2}v\d+ = shl\.i32 v0, v\d+/);
    expect(text).toMatch(/const\.i64 40\n {2}v\d+ = shr_u\.i64 v1, v\d+/);
    expect(text).toMatch(/const\.i32 15\n {2}v\d+ = and\.i32 v0, v\d+/);
    // Signed division rounds towards zero: a shift would not; it stays.
    expect(text).toMatch(/div_s\.i32 v0, v\d+/);
    expect(call(f, [-5, 1n << 41n])).toEqual([-40, 2n, 11, -1]);
  });

  it('turns a branch on a constant into a jump and drops the blocks it no longer reaches', async () => {
    const out = await lowerWat(`(module (func (export "f") (param i32) (result i32)
      (if (result i32) (i32.lt_u (i32.const 3) (i32.const 5))
        (then (i32.add (local.get 0) (i32.const 1)))
        (else (i32.mul (local.get 0) (local.get 0))))))`);
    const f = fn(out, 't.f0');
    expect(printed(f)).toMatch(/br_if v\d+, block1\(\), block2\(\)/);
    apply(f, constFold);
    const text = printed(f);
    expect(text).not.toContain('br_if');
    expect(text).toMatch(/jump block1\(\)/);
    expect(text).not.toContain('mul.i32');
    expect(f.blocks).toHaveLength(3);
  });

  it('turns br_table on a constant into a jump to its target, or the default when out of range', () => {
    for (const [index, want] of [[1n, 20], [7n, 99]] as const) {
      const b = build([], ['i32']);
      const blocks = [10, 20, 99].map((n) => ({ blk: b.newBlock(), n }));
      b.brTable(b.const('i32', index), blocks.slice(0, 2).map(({ blk }) => ({ block: blk, args: [] })), { block: blocks[2].blk, args: [] });
      for (const { blk, n } of blocks) {
        b.seal(blk);
        b.switchTo(blk);
        b.ret([b.const('i32', BigInt(n))]);
      }
      const f = b.finish();
      apply(f, constFold);
      expect(f.entry.term?.kind).toBe('jump');
      expect(f.blocks).toHaveLength(2);
      expect(call(f, [])).toEqual([want]);
    }
  });

  it('drops a trap that cannot fire and ends the block at one that must', () => {
    const b = build(['i32'], ['i32']);
    const x = b.current.params[0];
    b.effect('trapz', [b.const('i32', 3n)], { imm: TrapCode.IntegerDivideByZero });
    const y = b.inst('add', 'i32', [x, x]);
    b.effect('trapnz', [b.const('i32', 1n)], { imm: TrapCode.IntegerOverflow });
    b.ret([b.inst('mul', 'i32', [y, y])]);
    const f = b.finish();
    apply(f, constFold);
    apply(f, dce);
    // What the trap cuts off is gone, and so (with DCE) is what only it used.
    expect(printed(f)).toMatch(/block0\(v0: i32\):\n {2}trap "integer overflow"\n}/);
    expect(call(f, [1])).toBe('integer overflow');
  });

  it('folds a division by a constant down to the operation, and a division by zero to its trap', async () => {
    const out = await lowerWat(`(module
      (func (export "by3") (param i32) (result i32) (i32.div_s (local.get 0) (i32.const 3)))
      (func (export "by0") (param i64) (result i64) (i64.rem_u (local.get 0) (i64.const 0)))
      (func (export "bym1") (param i32) (result i32) (i32.rem_s (local.get 0) (i32.const -1))))`);
    const by3 = fn(out, 't.f0');
    optimize(by3, { verify: true });
    expect(printed(by3)).not.toMatch(/trapz|"integer overflow"/);
    expect(printed(by3)).toMatch(/div_s\.i32 v1, v\d+\n {2}return/);
    const by0 = fn(out, 't.f1');
    optimize(by0, { verify: true });
    expect(printed(by0)).toMatch(/trap "integer divide by zero"\n}/);
    const bym1 = fn(out, 't.f2');
    optimize(bym1, { verify: true });
    expect(printed(bym1)).toMatch(/v\d+ = const\.i32 0\n {2}return v\d+/);
  });

  it('folds tests of comparisons against zero into the comparison, branch, select or trap', () => {
    const b = build(['i32', 'i32', 'i64'], ['i32']);
    const [x, y, z] = b.current.params;
    const zero = b.const('i32', 0n);
    // eqz(x < y) is x >= y; br_if eqz(x) branches on x with the targets swapped.
    const lt = b.inst('icmp', 'i32', [x, y], { imm: IntCond.lt_s });
    const ge = b.inst('icmp', 'i32', [lt, zero], { imm: IntCond.eq });
    b.effect('trapz', [b.inst('icmp', 'i32', [z, b.const('i64', 0n)], { imm: IntCond.eq })], { imm: TrapCode.Unreachable });
    const sel = b.inst('select', 'i32', [b.inst('icmp', 'i32', [x, zero], { imm: IntCond.ne }), ge, y]);
    const t = b.newBlock();
    const e = b.newBlock();
    b.brIf(b.inst('icmp', 'i32', [zero, x], { imm: IntCond.eq }), e, [], t, []);
    b.seal(t);
    b.seal(e);
    b.switchTo(t);
    b.ret([sel]);
    b.switchTo(e);
    b.ret([y]);
    const f = b.finish();
    apply(f, constFold);
    apply(f, dce);
    const text = printed(f);
    expect(text).toContain('icmp.i32 ge_s, v0, v1');
    expect(text).toContain('trapnz v2, "unreachable"');
    expect(text).toMatch(/select\.i32 v0, v\d+, v1/);
    expect(text).toContain('br_if v0, block1(), block2()');
    expect(text.match(/icmp/g)).toHaveLength(1);
    // trapz (z == 0) traps unless z is 0, which is trapnz z.
    expect(call(f, [0, 5, 0n])).toEqual([5]);
    expect(call(f, [7, 5, 0n])).toEqual([1]);
    expect(call(f, [-7, 5, 0n])).toEqual([0]);
    expect(call(f, [7, 5, 1n])).toBe('unreachable');
  });

  it('moves constants to the right of commutative operations and comparisons', () => {
    const b = build(['i32'], ['i32', 'i32']);
    const x = b.current.params[0];
    const a = b.inst('add', 'i32', [b.const('i32', 5n), x]);
    const c = b.inst('icmp', 'i32', [b.const('i32', 5n), x], { imm: IntCond.lt_u });
    b.ret([a, c]);
    const f = b.finish();
    apply(f, constFold);
    const text = printed(f);
    expect(text).toMatch(/add\.i32 v0, v\d+/);
    expect(text).toMatch(/icmp\.i32 gt_u, v0, v\d+/);
    expect(call(f, [10])).toEqual([15, 1]);
    expect(call(f, [3])).toEqual([8, 0]);
  });

  it('agrees with the unoptimised code on constant-heavy functions (differential)', async () => {
    const { plain, opt } = await differential(
      `(module
        (func (export "mix") (param i32) (result i32)
          (i32.add (i32.mul (local.get 0) (i32.const 16)) (i32.rem_u (local.get 0) (i32.const 8))))
        (func (export "sdiv") (param i32) (result i32) (i32.div_s (local.get 0) (i32.const -1)))
        (func (export "urem") (param i64) (result i64) (i64.rem_u (local.get 0) (i64.const 0x100000000)))
        (func (export "trunc") (result i32) (i32.trunc_f32_s (f32.const 3e9)))
        (func (export "trunc_ok") (result i32) (i32.trunc_f64_u (f64.const 4294967295.5)))
        (func (export "sel") (param i32) (result i32) (select (i32.const 1) (local.get 0) (i32.eqz (i32.eqz (local.get 0)))))
        (func (export "nan") (result f32) (f32.sub (f32.const inf) (f32.const inf)))
        (func (export "loop") (result i32) (local i32 i32)
          (loop $l (local.set 1 (i32.add (local.get 1) (i32.shl (local.get 0) (i32.const 1))))
            (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 10))))
          (local.get 1)))`,
      [
        ['mix', [13]],
        ['mix', [-1]],
        ['sdiv', [-0x80000000]],
        ['sdiv', [5]],
        ['urem', [0x1_2345_6789n]],
        ['trunc', []],
        ['trunc_ok', []],
        ['sel', [0]],
        ['sel', [9]],
        ['nan', []],
        ['loop', []],
      ],
    );
    expect(opt).toEqual(plain);
    expect(plain).toEqual([[213], [-9], 'integer overflow', [-5], [0x2345_6789n], 'integer overflow', [-1], [0], [1], [0x7fc00000], [90]]);
  });
});
