import { lowerFunction, layoutInstance, InstanceSymbols, printFunction, verifyFunction } from '@mewz/compiler';
import { fn, lowerWat, ops, text, watModule } from './lower-helpers';

describe('lowering function bodies', () => {
  it('keeps locals in SSA values, never in memory', async () => {
    const out = await lowerWat(`(module (func (export "f") (param i32 i32) (result i32) (local i32 i64)
      (local.set 2 (i32.add (local.get 0) (local.get 1)))
      (local.set 3 (i64.extend_i32_u (local.get 2)))
      (local.tee 2 (i32.wrap_i64 (i64.mul (local.get 3) (local.get 3))))
      (i32.add (local.get 1))))`);
    const f = fn(out, 't.f0');
    // The only memory access is the stack limit of the prologue.
    expect(ops(f).filter((o) => o === 'load' || o === 'store')).toEqual(['load']);
    expect(f.blocks).toHaveLength(1);
    expect(text(out, 't.f0')).toMatch(/return v\d+/);
  });

  it('makes loop-carried locals and stack values block parameters of the loop header', async () => {
    const out = await lowerWat(`(module (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
      (block $done (loop $top
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
      (local.get $acc))
      (func (export "count") (param i32) (result i32)
        (i32.const 0)
        (loop (param i32) (result i32)
          (i32.add (i32.const 1))
          (br_if 0 (i32.lt_u (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 100))))))`);
    const sum = fn(out, 't.f0');
    const header = sum.blocks[1];
    // $i and $acc, plus $n until redundant parameters are removed by a pass.
    expect(header.params.map((p) => sum.typeOf(p))).toEqual(['i32', 'i32', 'i32']);
    expect(printFunction(sum)).toMatch(/add\.i32 v\d+, v\d+\n {2}v\d+ = const\.i32 1\n {2}v\d+ = add\.i32 v\d+, v\d+\n {2}jump block1\(/);
    expect(ops(sum)).not.toContain('store');
    const count = fn(out, 't.f1');
    // The loop's parameter (a stack value) and local 0 both arrive as header parameters.
    expect(count.blocks[1].params.length).toBeGreaterThanOrEqual(2);
    expect(printFunction(count)).toMatch(/br_if v\d+, block1\(v\d+, v\d+\), block2\(\)/);
  });

  it('guards integer division with explicit traps', async () => {
    const out = await lowerWat(`(module
      (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
      (func (export "div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1))))`);
    const divS = text(out, 't.f0');
    expect(divS).toMatch(/trapz v2, "integer divide by zero"/);
    expect(divS).toContain('const.i32 2147483648');
    expect(divS).toContain('const.i32 4294967295');
    expect(divS).toMatch(/trapnz v\d+, "integer overflow"\n {2}v\d+ = div_s\.i32 v1, v2/);
    const remS = text(out, 't.f1');
    expect(remS).toContain('"integer divide by zero"');
    expect(remS).not.toContain('"integer overflow"');
    // rem_s by -1 becomes rem_s by 1, which gives the same 0 without faulting on INT_MIN.
    expect(remS).toMatch(/v(\d+) = select\.i64 v\d+, v\d+, v2\n {2}v\d+ = rem_s\.i64 v1, v\1/);
    expect(text(out, 't.f2')).toMatch(/trapz v2, "integer divide by zero"\n {2}v\d+ = div_u\.i32 v1, v2/);
  });

  it('bounds checks every memory access with heap_addr (offset + width) before it', async () => {
    const out = await lowerWat(`(module (memory 1)
      (func (export "f") (param i32) (result i64)
        (i32.store16 offset=6 (local.get 0) (i32.const 7))
        (i64.load32_s offset=4294967295 (local.get 0))))`);
    const t = text(out, 't.f0');
    expect(t).toMatch(/v(\d+) = heap_addr\.i64 v1, v\d+, v\d+, 8\n(?: {2}.*\n)*? {2}store v\1, v\d+, \+6, 16/);
    expect(t).toMatch(/v(\d+) = heap_addr\.i64 v1, v\d+, v\d+, 4294967299\n {2}v\d+ = load\.i64 v\1, \+4294967295, s32/);
    // The memory base is loaded once; the size before each access (after the store, in the same block, reused).
    expect(t.match(/load\.i64 v0, \+8, 64/g)).toHaveLength(1);
  });

  it('reloads the memory size after a call or memory.grow', async () => {
    const out = await lowerWat(`(module (memory 1) (func $g)
      (func (export "f") (param i32) (result i32)
        (drop (i32.load (local.get 0)))
        (call $g)
        (drop (i32.load (local.get 0)))
        (drop (memory.grow (i32.const 1)))
        (i32.load (local.get 0))))`);
    const t = text(out, 't.f1');
    expect(t.match(/load\.i64 v\d+, \+8, 64/g)).toHaveLength(4); // base + 3 sizes
    expect(t).toContain('call.i32 __mewz_memory_grow');
  });

  it('checks index, null and signature of call_indirect', async () => {
    const out = await lowerWat(`(module (type $t (func (param i32) (result i32))) (table 4 funcref)
      (func (export "f") (param i32) (result i32) (call_indirect (type $t) (i32.const 5) (local.get 0))))`);
    const t = text(out, 't.f0');
    const order = ['"undefined element"', '"uninitialized element"', 'symbol_addr.i64 __mewz_sig.i32.i32', '"indirect call type mismatch"', 'call_indirect.i32'];
    const positions = order.map((s) => t.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out.data.find((d) => d.symbol === '__mewz_sig.i32.i32')).toMatchObject({ weak: true, bytes: new Uint8Array(1) });
  });

  it('calls imports through their FuncRef and defined functions by symbol', async () => {
    const out = await lowerWat(`(module (import "m" "g" (func $g (param i64) (result i32 i32)))
      (func $h (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
      (func (export "f") (result i32) (call $h (call $g (i64.const 3)))))`);
    const t = text(out, 't.f2');
    expect(t).toMatch(/v(\d+) = load\.i64 v0, \+\d+, 64\n {2}v(\d+) = load\.i64 v\1, \+0, 64\n {2}v(\d+) = load\.i64 v\1, \+8, 64\n {2}v(\d+), v(\d+) = call_indirect\.i32 v\2, v\3, v\d+\n {2}v\d+ = call\.i32 t\.f1, v0, v\4, v\5/);
  });

  it('lowers multi-value blocks, ifs and br_table with values', async () => {
    const out = await lowerWat(`(module
      (func (export "swap") (param i32 i64) (result i64 i32)
        (local.get 0) (local.get 1)
        (block (param i32 i64) (result i64 i32) (local.set 1) (local.set 0) (local.get 1) (local.get 0)))
      (func (export "pick") (param i32) (result i32 i32)
        (i32.const 1) (i32.const 2)
        (if (param i32 i32) (result i32 i32) (local.get 0) (then) (else (drop) (drop) (i32.const 3) (i32.const 4))))
      (func (export "sw") (param i32) (result i32)
        (block $a (result i32) (block $b (result i32)
          (br_table $a $b $a (i32.const 10) (local.get 0)))
          (i32.add (i32.const 1)))))`);
    expect(text(out, 't.f0')).toMatch(/return v2, v1/);
    expect(fn(out, 't.f1').blocks.some((b) => b.params.length === 2)).toBe(true);
    expect(text(out, 't.f2')).toMatch(/br_table v1, \[block(\d+)\(v(\d+)\), block\d+\(v\2\)\], block\1\(v\2\)\nblock\1\(v(\d+): i32\):\n {2}return v\3/);
  });

  it('skips dead code after br, return and unreachable until the matching else or end', async () => {
    const out = await lowerWat(`(module
      (func (export "f") (param i32) (result i32)
        (block (result i32)
          (br 0 (i32.const 1))
          (block (loop (if (i32.const 0) (then (br 2)) (else (unreachable)))))
          (i32.const 2))
        (if (result i32) (local.get 0)
          (then (return (i32.const 3)) (i32.const 4))
          (else (unreachable) (i32.add (i32.const 5))))
        (i32.add))
      (func (export "g") (result i32) (unreachable) (i64.const 1) (drop)))`);
    const t = text(out, 't.f0');
    expect(t).not.toContain('const.i32 2\n');
    expect(t).toContain('trap "unreachable"');
    expect(text(out, 't.f1')).toMatch(/trap "unreachable"\n\}$/);
  });

  it('checks float-to-int conversions for NaN and range with exact bounds', async () => {
    const out = await lowerWat(`(module
      (func (export "a") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
      (func (export "b") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
      (func (export "c") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
      (func (export "d") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0))))`);
    const a = text(out, 't.f0');
    expect(a).toMatch(/fcmp\.i32 ne, v1, v1\n {2}trapnz v\d+, "invalid conversion to integer"/);
    expect(a).toContain('fcmp.i32 ge, v1, v'); // x ≥ -2^31: -2^31 - 1 is not an f32
    expect(a).toContain('-2147483648 (0xcf000000)');
    expect(a).toContain('2147483648 (0x4f000000)');
    expect(a).toMatch(/trapz v\d+, "integer overflow"\n {2}v\d+ = fcvt_to_s\.i32 v1/);
    expect(text(out, 't.f1')).toContain('-2147483649 (0xc1e0000000200000)');
    expect(text(out, 't.f2')).toMatch(/fcmp\.i32 gt, v1, v\d+[\s\S]*fcvt_to_u\.i64 v1/);
    expect(text(out, 't.f3')).toMatch(/fcvt_to_u_sat\.i64 v1/);
    expect(text(out, 't.f3')).not.toContain('"integer overflow"');
  });

  it('starts each function with the stack limit check', async () => {
    const out = await lowerWat('(module (func (export "f")))');
    expect(text(out, 't.f0')).toMatch(/v1 = intrinsic\.i64 stack_pointer\n {2}v2 = load\.i64 v0, \+0, 64\n {2}v3 = icmp\.i32 lt_u, v1, v2\n {2}trapnz v3, "call stack exhausted"/);
  });

  it('lowers globals, table and reference instructions', async () => {
    const out = await lowerWat(`(module
      (import "m" "g" (global $g (mut i32)))
      (global $h (mut f64) (f64.const 1))
      (table $t 2 funcref)
      (func $k (export "k"))
      (elem declare func $k)
      (func (export "f") (param i32) (result i32)
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (global.set $h (f64.add (global.get $h) (f64.const 1)))
        (table.set $t (local.get 0) (ref.func $k))
        (drop (table.grow $t (ref.null func) (i32.const 3)))
        (table.fill $t (i32.const 0) (ref.null func) (table.size $t))
        (ref.is_null (table.get $t (local.get 0)))))`);
    const t = text(out, 't.f1');
    expect(t).toContain('"out of bounds table access"');
    expect(t).toContain('call.i32 __mewz_table_grow');
    expect(t).toMatch(/load\.f64 v0, \+\d+, 64/);
    expect(t).toMatch(/v(\d+) = load\.i64 v0, \+\d+, 64\n {2}v\d+ = load\.i32 v\1, \+0, 32/); // imported global through its pointer
  });

  it('rejects SIMD with a clear error', async () => {
    const module = await watModule('(module (func (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))');
    expect(() => lowerFunction(module, layoutInstance(module), new InstanceSymbols('t'), 0)).toThrow('SIMD is not supported yet: v128.const in func 0');
  });

  it('lowers one function on its own', async () => {
    const module = await watModule('(module (func (param i32) (result i32) (i32.popcnt (local.get 0))))');
    const f = lowerFunction(module, layoutInstance(module), new InstanceSymbols('x'), 0);
    expect(f.name).toBe('x.f0');
    expect(verifyFunction(f)).toEqual([]);
    expect(printFunction(f)).toContain('popcnt.i32 v1');
  });
});

describe('lowering large functions', () => {
  it('handles tens of thousands of blocks without deep recursion', async () => {
    const body = Array.from({ length: 20000 }, (_, i) => `(if (i32.eq (local.get 0) (i32.const ${i})) (then (local.set 1 (i32.add (local.get 1) (i32.const 1)))))`).join('\n');
    const out = await lowerWat(`(module (func (export "f") (param i32) (result i32) (local i32 i32) ${body} (i32.add (local.get 1) (local.get 2))))`);
    expect(fn(out, 't.f0').blocks.length).toBeGreaterThan(40000);
  }, 30000);
});
