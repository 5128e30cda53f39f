/**
 * Shapes of instruction selection: which machine instructions the IR of small Wasm
 * functions becomes (printed VCode, virtual registers renamed in order of appearance).
 */
import { vcodeOf } from './wat.js';

/**
 * The body lines of the listing without the stack check every function starts with (the
 * stack limit loaded from [vmctx] and compared with sp itself), the zero-extension of
 * incoming i32 parameters folded back into them, and virtual registers renumbered in order
 * of appearance (v0 is the context, v1… the parameters).
 */
async function body(funcs: string, memory = '(memory 1)'): Promise<string[]> {
  const text = await vcodeOf(`(module ${memory} (table 4 funcref) ${funcs})`, 0);
  const lines = text.split('\n').map((l) => l.trim());
  const limit = lines.map((l) => /^(v\d+) = load64\.u64 \[v0\]$/.exec(l)?.[1]).find((v) => v !== undefined);
  expect(lines).toContain(`trap_if cmp64 sp, ${limit} ? lo, code 9`);
  const kept = lines.filter((l) => !/^(vcode|}|args)/.test(l) && l !== `${limit} = load64.u64 [v0]` && l !== `trap_if cmp64 sp, ${limit} ? lo, code 9`);
  return canonical(withoutEntryZext(kept));
}

function withoutEntryZext(lines: string[]): string[] {
  const alias = new Map<string, string>();
  const out = lines.filter((l, i) => {
    const m = /^(v\d+) = zext32 (v\d+)$/.exec(l);
    if (!m || !lines.slice(0, i).every((p) => /^(block0|v\d+ = zext32)/.test(p))) return true;
    alias.set(m[1]!, m[2]!);
    return false;
  });
  return out.map((l) => l.replace(/\bv\d+\b/g, (v) => alias.get(v) ?? v));
}

function canonical(lines: string[]): string[] {
  const names = new Map<string, string>();
  return lines.map((l) => l.replace(/\bv\d+\b/g, (v) => names.get(v) ?? (names.set(v, `v${names.size}`), names.get(v)!)));
}

describe('integer selection', () => {
  it('adds registers and add immediates in three-address form', async () => {
    expect(await body('(func (param i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const 5)))')).toEqual([
      'block0(v0, v1, v2):',
      'v3 = add32 v1, v2',
      'v4 = add32 v3, #5',
      'ret v4@x0',
    ]);
  });

  it('subtracts an immediate and negates 0 - x', async () => {
    expect(await body('(func (param i64) (result i64) (i64.sub (i64.const 0) (i64.sub (local.get 0) (i64.const 3))))')).toEqual([
      'block0(v0, v1):',
      'v2 = sub64 v1, #3',
      'v3 = neg64 v2',
      'ret v3@x0',
    ]);
  });

  it('uses uxtb for byte masks, bitmask immediates, mvn for xor with -1', async () => {
    expect(await body('(func (param i32) (result i32) (i32.xor (i32.or (i32.and (local.get 0) (i32.const 255)) (i32.const 0x100)) (i32.const -1)))')).toEqual([
      'block0(v0, v1):',
      'v2 = zext8to32 v1',
      'v3 = orr32 v2, #256',
      'v4 = not32 v3',
      'ret v4@x0',
    ]);
    expect(await body('(func (param i64) (result i64) (i64.and (local.get 0) (i64.const 0x00ff00ff00ff00ff)))')).toEqual([
      'block0(v0, v1):',
      'v2 = and64 v1, #71777214294589695',
      'ret v2@x0',
    ]);
  });

  it('materialises a constant that is no bitmask immediate', async () => {
    expect(await body('(func (param i32) (result i32) (i32.and (local.get 0) (i32.const 0x12345678)))')).toEqual([
      'block0(v0, v1):',
      'v2 = iconst 305419896',
      'v3 = and32 v1, v2',
      'ret v3@x0',
    ]);
  });

  it('rotates left by a constant as a right rotation', async () => {
    expect(await body('(func (param i32) (result i32) (i32.rotl (local.get 0) (i32.const 3)))')).toEqual(['block0(v0, v1):', 'v2 = ror32 v1, #29', 'ret v2@x0']);
  });

  it('computes remainders after the lowering checks, with a csel for the -1 divisor', async () => {
    expect(await body('(func (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))')).toEqual([
      'block0(v0, v1, v2):',
      'trap_if v2.w == 0, code 1',
      'v3 = iconst 1',
      'v4 = csel.32 cmp32 v2, #-1 ? eq, v3, v2',
      'v5 = rem_s32 v1, v4',
      'ret v5@x0',
    ]);
  });
});

describe('shifted operands', () => {
  it('reads a single-use constant shift as the shifted-register operand (count masked as Wasm does)', async () => {
    expect(await body('(func (param i32 i32) (result i32) (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 3))))')).toEqual([
      'block0(v0, v1, v2):',
      'v3 = add32 v1, v2 lsl #3',
      'ret v3@x0',
    ]);
    expect(await body('(func (param i64 i64) (result i64) (i64.sub (local.get 0) (i64.shr_s (local.get 1) (i64.const 70))))')).toEqual([
      'block0(v0, v1, v2):',
      'v3 = sub64 v1, v2 asr #6',
      'ret v3@x0',
    ]);
    expect(await body('(func (param i32 i32) (result i32) (i32.xor (i32.shr_u (local.get 0) (i32.const 4)) (local.get 1)))')).toEqual([
      'block0(v0, v1, v2):',
      'v3 = eor32 v2, v1 lsr #4',
      'ret v3@x0',
    ]);
  });

  it('adds and subtracts products with madd and msub', async () => {
    expect(await body('(func (param i64 i64 i64) (result i64) (i64.add (i64.mul (local.get 0) (local.get 1)) (local.get 2)))')).toEqual([
      'block0(v0, v1, v2, v3):',
      'v4 = madd64 v1, v2, v3',
      'ret v4@x0',
    ]);
    expect(await body('(func (param i32 i32 i32) (result i32) (i32.sub (local.get 2) (i32.mul (local.get 0) (local.get 1))))')).toEqual([
      'block0(v0, v1, v2, v3):',
      'v4 = msub32 v1, v2, v3',
      'ret v4@x0',
    ]);
  });

  it('keeps a shift used twice, and the first operand of sub, as shifts of their own', async () => {
    expect(await body('(func (param i32 i32) (result i32) (i32.sub (i32.shl (local.get 0) (i32.const 2)) (local.get 1)))')).toEqual([
      'block0(v0, v1, v2):',
      'v3 = lsl32 v1, #2',
      'v4 = sub32 v3, v2',
      'ret v4@x0',
    ]);
  });
});

describe('conditions', () => {
  it('fuses a compare into csel', async () => {
    expect(await body('(func (param i32 i32) (result i32) (select (local.get 0) (local.get 1) (i32.lt_u (local.get 0) (local.get 1))))')).toEqual([
      'block0(v0, v1, v2):',
      'v3 = csel.32 cmp32 v1, v2 ? lo, v1, v2',
      'ret v3@x0',
    ]);
  });

  it('gives float compares one condition code that is false for NaN', async () => {
    expect(await body('(func (param f64 f64) (result i32) (f64.le (local.get 0) (local.get 1)))')).toEqual([
      'block0(v0, v1, v2):',
      'v3 = cset fcmp.f64 v1, v2 ? ls',
      'ret v3@x0',
    ]);
    expect(await body('(func (param f32 f32) (result i32) (f32.lt (local.get 0) (local.get 1)))')).toEqual([
      'block0(v0, v1, v2):',
      'v3 = cset fcmp.f32 v1, v2 ? mi',
      'ret v3@x0',
    ]);
  });

  it('branches on zero tests (cbz) and on and-masks (tst)', async () => {
    const tail = ['; succs block2(), block1()', 'block1():', 'v2 = iconst 1', 'ret v2@x0', 'block2():', 'v3 = iconst 2', 'ret v3@x0'];
    expect(await body('(func (param i32) (result i32) (block (br_if 0 (i32.eqz (local.get 0))) (return (i32.const 1))) (i32.const 2))')).toEqual([
      'block0(v0, v1):',
      'b.if v1.w == 0, block2, block1',
      ...tail,
    ]);
    expect(await body('(func (param i32) (result i32) (block (br_if 0 (i32.and (local.get 0) (i32.const 8))) (return (i32.const 1))) (i32.const 2))')).toEqual([
      'block0(v0, v1):',
      'b.if tst32 v1, #8 ? ne, block2, block1',
      ...tail,
    ]);
  });
});

describe('memory', () => {
  it('checks the heap bounds once and folds base + index + offset into the access; zero is stored from zr', async () => {
    expect(await body('(func (param i32) (i32.store offset=4 (local.get 0) (i32.const 0)))')).toEqual([
      'block0(v0, v1):',
      'v2 = load64.u64 [v0 + 16]',
      'v3 = load64.u64 [v0 + 8]',
      'v4 = load64.u64 [v2 + 8]',
      'heap_check v1 + 8 <= v4 (tmp v5)',
      'store32 [v3 + v1 + 4], zr',
      'ret',
    ]);
  });
});

describe('table lookups', () => {
  it('scale the element index by the access width in the address (call_indirect)', async () => {
    const lines = await body('(func (param i32) (result i32) (call_indirect (param i32) (result i32) (local.get 0) (local.get 0)))');
    expect(lines.filter((l) => /\*width/.test(l))).toEqual(['v5 = load64.u64 [v4 + v1*width]']);
    expect(lines.some((l) => /lsl64/.test(l))).toBe(false);
  });
});

describe('floats', () => {
  it('selects copysign, min and conversions as single instructions', async () => {
    expect(await body('(func (param f32 f32) (result f32) (f32.copysign (f32.min (local.get 0) (local.get 1)) (local.get 1)))')).toEqual([
      'block0(v0, v1, v2):',
      'v3 = min.f32 v1, v2',
      'v4 = copysign.f32 v3, v2',
      'ret v4@v0',
    ]);
    expect(await body('(func (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))')).toEqual(['block0(v0, v1):', 'v2 = f64tou64 v1', 'ret v2@x0']);
  });
});

describe('calls', () => {
  it('passes vmctx and arguments in x0–x7 and v0–v7, the rest on the stack', async () => {
    const params = Array.from({ length: 9 }, () => 'i64').join(' ');
    const args = Array.from({ length: 9 }, (_, i) => `(i64.const ${i})`).join(' ');
    const lines = await body(`(func (result i64) (call 1 ${args})) (func (param ${params}) (result i64) (local.get 8))`);
    expect(lines.filter((l) => /store|call/.test(l))).toEqual([
      'store64 [out], v8',
      'store64 [out + 8], v9',
      'v10@x0 = call m.f1(v0@x0, v1@x1, v2@x2, v3@x3, v4@x4, v5@x5, v6@x6, v7@x7)',
    ]);
    expect(lines).toContain('v8 = iconst 7');
    expect(lines).toContain('v9 = iconst 8');
  });
});
