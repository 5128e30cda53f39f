import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FunctionBuilder, lowerModule, optimize, PASSES, printFunction, verifyFunction } from '@mewz/compiler';
import { loadModule, type Module } from '@mewz/wasm';
import { fn, lowerWat } from './lower-helpers';
import { differential, size } from './passes-helpers';

describe('optimize', () => {
  it('leaves a lowered loop with only its real parameters and no redundant work', async () => {
    const out = await lowerWat(`(module (memory 1) (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $i i32) (local $acc i32)
      (block $done (loop $top
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
      (local.get $acc)))`);
    const f = fn(out, 't.f0');
    optimize(f, { verify: true });
    expect(printFunction(f)).toBe(`function t.f0(i64, i32, i32) -> (i32) {
block0(v0: i64, v1: i32, v2: i32):
  v16 = load.i64 v0, +16, 64
  v15 = load.i64 v0, +8, 64
  v6 = const.i32 0
  v3 = intrinsic.i64 stack_pointer
  v4 = load.i64 v0, +0, 64
  v5 = icmp.i32 lt_u, v3, v4
  trapnz v5, "call stack exhausted"
  jump block1(v6, v6)
block1(v7: i32, v10: i32):
  v9 = icmp.i32 ge_s, v7, v2
  br_if v9, block3(), block2()
block2():
  v12 = const.i32 2
  v13 = shl.i32 v7, v12
  v14 = add.i32 v1, v13
  v17 = load.i64 v16, +8, 64
  v18 = heap_addr.i64 v14, v15, v17, 4
  v19 = load.i32 v18, +0, 32
  v20 = add.i32 v10, v19
  v21 = const.i32 1
  v22 = add.i32 v7, v21
  jump block1(v22, v20)
block3():
  return v10
}`);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const out = await lowerWat(`(module (memory 1)
      (func (export "f") (param i32 i32) (result i32) (local i32)
        (if (i32.and (local.get 0) (i32.const 0)) (then (local.set 2 (i32.const 7))))
        (block (loop
          (br_if 1 (i32.eqz (local.get 1)))
          (local.set 2 (i32.add (local.get 2) (i32.load (local.get 0))))
          (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
          (br 0)))
        (local.get 2)))`);
    const f = fn(out, 't.f0');
    optimize(f, { verify: true });
    const once = printFunction(f);
    for (const pass of PASSES) expect({ pass: pass.name, changes: pass.run(f) }).toEqual({ pass: pass.name, changes: 0 });
    expect(printFunction(f)).toBe(once);
  });

  it('reports the pass that broke the IR when verifying', () => {
    const b = new FunctionBuilder('f', ['i32'], ['i32']);
    b.ret([b.current.params[0]]);
    const f = b.finish();
    // A malformed function (a use of an undefined value) is reported after the first pass.
    f.entry.term = { kind: 'return', values: [99] };
    f.valueTypes.length = 100;
    f.valueTypes.fill('i32');
    expect(() => optimize(f, { verify: true })).toThrow(/f is malformed after remove-redundant-params:\n {2}block0: return uses v99/);
  });

  it('agrees with the unoptimised code on control flow, memory, calls and traps (differential)', async () => {
    const wat = `(module (memory 1) (table 2 funcref) (elem (i32.const 0) $sq $neg)
      (type $i_i (func (param i32) (result i32)))
      (func $sq (type $i_i) (i32.mul (local.get 0) (local.get 0)))
      (func $neg (type $i_i) (i32.sub (i32.const 0) (local.get 0)))
      (func (export "switch") (param i32) (result i32)
        (block $c (block $b (block $a
          (br_table $a $b $c (local.get 0)))
          (return (i32.const 10)))
          (return (i32.add (i32.const 20) (i32.const 0))))
        (i32.const 30))
      (func (export "mem") (param i32 i32) (result i32)
        (i32.store (local.get 0) (local.get 1))
        (i32.store offset=4 (local.get 0) (i32.mul (i32.load (local.get 0)) (i32.const 3)))
        (i32.add (i32.load (local.get 0)) (i32.load offset=4 (local.get 0))))
      (func (export "indirect") (param i32 i32) (result i32)
        (call_indirect (type $i_i) (local.get 1) (local.get 0)))
      (func (export "fib") (param i32) (result i64) (local i64 i64 i64)
        (local.set 2 (i64.const 1))
        (block (loop
          (br_if 1 (i32.eqz (local.get 0)))
          (local.set 3 (i64.add (local.get 1) (local.get 2)))
          (local.set 1 (local.get 2))
          (local.set 2 (local.get 3))
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (br 0)))
        (local.get 1))
      (func (export "divs") (param i32 i32) (result i32 i32)
        (i32.div_s (local.get 0) (local.get 1)) (i32.div_s (local.get 0) (local.get 1))))`;
    const { plain, opt } = await differential(wat, [
      ['switch', [0]],
      ['switch', [1]],
      ['switch', [2]],
      ['switch', [77]],
      ['mem', [100, 7]],
      ['mem', [65533, 1]],
      ['indirect', [0, 5]],
      ['indirect', [1, 5]],
      ['indirect', [2, 5]],
      ['fib', [50]],
      ['divs', [-9, 2]],
      ['divs', [-0x80000000, -1]],
      ['divs', [1, 0]],
    ]);
    expect(opt).toEqual(plain);
    expect(plain).toEqual([[10], [20], [30], [30], [28], 'out of bounds memory access', [25], [-5], 'undefined element', [12586269025n], [-4, -4], 'integer overflow', 'integer divide by zero']);
  });
});

/** Optimises every function of the spec suite's modules with verification after each pass. */
const specDir = join(__dirname, '../../../../shared/spec/wasm-2.0/json');

describe('optimizing the spec suite modules', () => {
  const files = existsSync(specDir) ? readdirSync(specDir).filter((f) => f.endsWith('.wasm') && !f.startsWith('simd_')) : [];
  const scripts = [...new Set(files.map((f) => f.replace(/\.\d+\.wasm$/, '')))].sort();

  it.each(scripts)('%s', (script) => {
    const problems: string[] = [];
    for (const file of files.filter((f) => f.replace(/\.\d+\.wasm$/, '') === script)) {
      let module: Module;
      try {
        module = loadModule(readFileSync(join(specDir, file)));
      } catch {
        continue; // assert_malformed / assert_invalid modules
      }
      let functions;
      try {
        functions = lowerModule(module, { prefix: 'm' }).functions;
      } catch {
        continue; // SIMD
      }
      for (const f of functions) {
        const before = size(f);
        try {
          optimize(f, { verify: true });
        } catch (e) {
          problems.push(`${file}: ${(e as Error).message}`);
          continue;
        }
        if (size(f) > before) problems.push(`${file} ${f.name}: grew from ${before} to ${size(f)} instructions`);
        for (const p of verifyFunction(f)) problems.push(`${file} ${f.name}: ${p}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
