/**
 * Shapes of instruction selection: which machine instructions the IR of small Wasm
 * functions becomes (printed VCode, virtual registers renamed in order of appearance).
 */
import { FunctionBuilder, IntCond, printFunction } from '@mewz/compiler';
import { printVCode, selectInstructions } from '../src/index.js';
import { lowerWat, vcodeOf } from './wat.js';

/**
 * The body lines of the listing without the stack check every function starts with, and
 * virtual registers renumbered in order of appearance (v0 is the context, v1… the
 * parameters), so that expectations do not depend on how many registers selection made.
 */
export async function body(funcs: string, index = 0, memory = '(memory 1)'): Promise<string[]> {
  const text = await vcodeOf(`(module ${memory} (table 4 funcref) ${funcs})`, index);
  return canonical(withoutEntryZext(text.split('\n').map((l) => l.trim())).filter((l) => !/^(vcode|}|args|trap_if cmp64 rsp, \[v0\] \? b, code 9)/.test(l)));
}

/** The zero-extension of each incoming i32 parameter at the entry, folded back into the parameter. */
function withoutEntryZext(lines: string[]): string[] {
  const alias = new Map<string, string>();
  const out = lines.filter((l, i) => {
    const m = /^(v\d+) = zext32 (v\d+)$/.exec(l);
    if (!m || !lines.slice(0, i).every((p) => /^(vcode|block0|args|v\d+ = zext32)/.test(p))) return true;
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
  it('adds through lea, with constants as displacements', async () => {
    const lines = await body('(func (param i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const 5)))');
    expect(lines).toEqual(['block0(v0, v1, v2):', 'v3 = lea32 [v1 + v2]', 'v4 = lea32 [v3 + 5]', 'ret v4@rax']);
  });

  it('subtracts a constant as lea with a negative displacement, negates 0 - x', async () => {
    const lines = await body('(func (param i64) (result i64) (i64.sub (i64.const 0) (i64.sub (local.get 0) (i64.const 3))))');
    expect(lines).toEqual(['block0(v0, v1):', 'v2 = lea64 [v1 - 3]', 'v3 = move v2', 'v3 neg64=', 'ret v3@rax']);
  });

  it('uses two-address forms with immediates, not, and movzx for byte masks', async () => {
    const lines = await body(`(func (param i32) (result i32)
      (i32.xor (i32.or (i32.and (local.get 0) (i32.const 255)) (i32.const 0x100)) (i32.const -1)))`);
    expect(lines).toEqual([
      'block0(v0, v1):',
      'v2 = zext8to32 v1',
      'v3 = move v2',
      'v3 or32= 256',
      'v4 = move v3',
      'v4 not32=',
      'ret v4@rax',
    ]);
  });

  it('multiplies by a constant with the three-operand imul', async () => {
    const lines = await body('(func (param i64) (result i64) (i64.mul (i64.const 10) (local.get 0)))');
    expect(lines).toEqual(['block0(v0, v1):', 'v2 = imul64 v1, 10', 'ret v2@rax']);
  });

  it('shifts by cl (count pinned to rcx) or by a masked immediate', async () => {
    const lines = await body(`(func (param i32 i32) (result i32)
      (i32.rotl (i32.shl (local.get 0) (local.get 1)) (i32.const 33)))`);
    expect(lines).toEqual(['block0(v0, v1, v2):', 'v3 = move v1', 'v3 shl32= v2@rcx', 'v4 = move v3', 'v4 rol32= 1', 'ret v4@rax']);
  });

  it('keeps an i32 shifted by a multiple of 32 zero-extended (its upper half may come from a wrap)', async () => {
    const lines = await body('(func (param i64) (result i64) (i64.extend_i32_u (i32.shl (i32.wrap_i64 (local.get 0)) (i32.const 32))))');
    expect(lines).toEqual(['block0(v0, v1):', 'v2 = zext32 v1', 'ret v2@rax']);
  });

  it('divides with the dividend and quotient in rax and the remainder in rdx', async () => {
    const lines = await body('(func (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1)))');
    expect(lines).toContain('trap_if test32 v2, v2 ? e, code 1');
    expect(lines).toContain('v3@rax, v4@rdx = div32 v1@rax, v2');
    expect(lines).toContain('ret v4@rax');
  });

  it('makes signed division safe: the overflow check and x rem -1 → x rem 1', async () => {
    const lines = await body('(func (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))');
    expect(lines).toEqual([
      'block0(v0, v1, v2):',
      'trap_if test64 v2, v2 ? e, code 1',
      'v3 = iconst 1',
      'v4 = move v2',
      'v4 = cmov64 cmp64 v2, -1 ? e, v3',
      'v5@rax, v6@rdx = idiv64 v1@rax, v4',
      'ret v6@rax',
    ]);
  });

  it('counts bits with lzcnt, tzcnt and popcnt', async () => {
    const lines = await body('(func (param i64) (result i64) (i64.add (i64.clz (local.get 0)) (i64.add (i64.ctz (local.get 0)) (i64.popcnt (local.get 0)))))');
    expect(lines).toEqual(expect.arrayContaining(['v2 = lzcnt64 v1', 'v3 = tzcnt64 v1', 'v4 = popcnt64 v1']));
  });

  it('zero-extends i32 parameters once at the entry, and later only values of unknown upper half', async () => {
    const text = await vcodeOf(`(module (func $f (result i32) (i32.const 1))
      (func (param i32 i64) (result i64)
        (i64.add (i64.extend_i32_u (local.get 0))
          (i64.add (i64.extend_i32_u (i32.wrap_i64 (local.get 1))) (i64.extend_i32_u (call $f))))))`, 1);
    expect(text).toMatch(/args v0@rdi, (v\d+)@rsi, v\d+@rdx\n {2}(v\d+) = zext32 \1\n/);
    const lines = await body(`(func $f (result i32) (i32.const 1))
      (func (param i32 i64) (result i64)
        (i64.add (i64.extend_i32_u (local.get 0))
          (i64.add (i64.extend_i32_u (i32.wrap_i64 (local.get 1))) (i64.extend_i32_u (call $f)))))`, 1);
    expect(lines).toEqual([
      'block0(v0, v1, v2):',
      'v3 = zext32 v2', // wrap is the i64's own register, with whatever its upper half holds
      'v4@rax = call m.f0(v0@rdi)',
      'v5 = zext32 v4', // a call result is zero-extended right after the call
      'v6 = lea64 [v3 + v5]',
      'v7 = lea64 [v1 + v6]', // the parameter is clean: extend_u is the same register
      'ret v7@rax',
    ]);
  });

  it('sign-extends with movsx/movsxd and wraps in place', async () => {
    const lines = await body(`(func (param i64) (result i64)
      (i64.extend_i32_s (i32.extend8_s (i32.wrap_i64 (local.get 0)))))`);
    expect(lines).toEqual(['block0(v0, v1):', 'v2 = sext8to32 v1', 'v3 = sext32to64 v2', 'ret v3@rax']);
  });

  it('materialises a comparison as setcc, with the constant as the immediate', async () => {
    const lines = await body('(func (param i32) (result i32) (i32.lt_u (i32.const 10) (local.get 0)))');
    expect(lines).toContain('v2 = setcc cmp32 v1, 10 ? a');
  });

  it('tests eqz with test, not cmp 0', async () => {
    const lines = await body('(func (param i64) (result i32) (i64.eqz (local.get 0)))');
    expect(lines).toContain('v2 = setcc test64 v1, v1 ? e');
  });

  it('drops dead pure instructions and rematerialises constants per block', async () => {
    const lines = await body(`(func (param i32) (result i32)
      (drop (i32.mul (local.get 0) (local.get 0)))
      (if (result i32) (local.get 0) (then (i32.const 7)) (else (i32.add (local.get 0) (i32.const 7)))))`);
    expect(lines.join('\n')).not.toContain('imul');
    expect(lines.filter((l) => l.includes('iconst 7'))).toHaveLength(1);
  });
});

describe('fused conditions', () => {
  it('branches on a single-use compare with cmp + jcc', async () => {
    const lines = await body(`(func (param i32 i32) (result i32)
      (if (result i32) (i32.gt_s (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 2))))`);
    expect(lines).toContain('jcc cmp32 v1, v2 ? g, block1, block2');
    expect(lines.join('\n')).not.toContain('setcc');
  });

  it('selects with cmov on the fused compare', async () => {
    const lines = await body(`(func (param i64 i64) (result i64)
      (select (local.get 0) (local.get 1) (i64.ge_u (local.get 0) (i64.const 100))))`);
    expect(lines).toEqual(['block0(v0, v1, v2):', 'v3 = move v2', 'v3 = cmov64 cmp64 v1, 100 ? ae, v1', 'ret v3@rax']);
  });

  it('selects on float equality as two cmovs of the negated condition', async () => {
    const lines = await body(`(func (param f64 f64 i32 i32) (result i32)
      (select (local.get 2) (local.get 3) (f64.eq (local.get 0) (local.get 1))))`);
    // eq needs ZF and no parity: dst = x, then y where ne or unordered.
    expect(lines).toEqual(['block0(v0, v1, v2, v3, v4):', 'v5 = move v3', 'v5 = cmov32 ucomis.f64 v1, v2 ? ne|p, v4', 'ret v5@rax']);
  });

  it('branches on float less-than with swapped operands (ucomis b, a; above)', async () => {
    const lines = await body(`(func (param f32 f32) (result i32)
      (if (result i32) (f32.lt (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))`);
    expect(lines).toContain('jcc ucomis.f32 v2, v1 ? a, block1, block2');
  });

  it('folds eqz of a compare into the negated compare, and a tested and into test', async () => {
    const lines = await body(`(func (param i32 i32) (result i32)
      (if (i32.eqz (i32.lt_s (local.get 0) (local.get 1))) (then (return (i32.const 1))))
      (if (i32.eqz (i32.and (local.get 0) (i32.const 8))) (then (return (i32.const 2))))
      (select (local.get 0) (local.get 1) (i64.ne (i64.and (i64.extend_i32_u (local.get 0)) (i64.extend_i32_u (local.get 1))) (i64.const 0))))`);
    expect(lines).toContain('jcc cmp32 v1, v2 ? ge, block1, block2');
    expect(lines.some((l) => /^jcc test32 v1, 8 \? e, block\d+, block\d+$/.test(l))).toBe(true);
    expect(lines.some((l) => /^v\d+ = cmov32 test64 v\d+, v\d+ \? ne, v1$/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/setcc|and32|and64/);
  });

  it('keeps a compare with two users as setcc', async () => {
    const lines = await body(`(func (param i32) (result i32)
      (local i32)
      (local.set 1 (i32.eq (local.get 0) (i32.const 3)))
      (select (local.get 1) (i32.const 9) (local.get 1)))`);
    // select(c, c, 9) with c = (x == 3): dst = 9, then c where c ≠ 0.
    expect(lines).toEqual(['block0(v0, v1):', 'v2 = setcc cmp32 v1, 3 ? e', 'v3 = iconst 9', 'v4 = move v3', 'v4 = cmov32 test32 v2, v2 ? ne, v2', 'ret v4@rax']);
  });

  it('selects floats with a short branch', async () => {
    const lines = await body('(func (param f32 f32 i32) (result f32) (select (local.get 0) (local.get 1) (local.get 2)))');
    expect(lines).toEqual(['block0(v0, v1, v2, v3):', 'v4 = move v2', 'v4 = fsel test32 v3, v3 ? ne, v1', 'ret v4@xmm0']);
  });
});

describe('memory', () => {
  it('folds the heap address into the access: [base + zext(index) + offset] after one check', async () => {
    const lines = await body('(func (param i32) (result i32) (i32.load offset=16 (local.get 0)))');
    expect(lines).toEqual([
      'block0(v0, v1):',
      'v2 = load64.u64 [v0 + 16]',
      'v3 = load64.u64 [v0 + 8]',
      'v4 = load64.u64 [v2 + 8]',
      'heap_check v1 + 20 <= v4 (tmp v5)',
      'v6 = load32.u32 [v3 + v1 + 16]',
      'ret v6@rax',
    ]);
  });

  it('adds a static offset beyond disp32 with a register', async () => {
    const lines = await body('(func (param i32) (result i32) (i32.load offset=0x80000000 (local.get 0)))', 0, '(memory 1 65536)');
    expect(lines.slice(4)).toEqual([
      'heap_check v1 + 2147483652 <= v4 (tmp v5)',
      'v6 = lea64 [v3 + v1]',
      'v7 = iconst 2147483648',
      'v8 = load32.u32 [v6 + v7]',
      'ret v8@rax',
    ]);
  });

  it('stores constants as immediates of the access width', async () => {
    const lines = await body(`(func (param i32)
      (i32.store8 (local.get 0) (i32.const 0x1ff))
      (i64.store (local.get 0) (i64.const -2))
      (f64.store (local.get 0) (f64.const 1.5)))`);
    expect(lines.filter((l) => l.startsWith('store'))).toEqual([
      'store8 [v3 + v1], -1',
      'store64 [v3 + v1], -2',
      'store.f64 [v3 + v1], v8',
    ]);
    expect(lines).toContain('v8 = fconst.f64 0x3ff8000000000000');
  });

  it('reads a single-use load as the memory operand of float and integer arithmetic', async () => {
    const lines = await body(`(func (param i32 f64) (result f64)
      (f64.mul (local.get 1) (f64.add (f64.load offset=8 (local.get 0)) (local.get 1))))
      (func (param i32 i64) (result i64)
        (i64.sub (local.get 1) (i64.load (local.get 0))))`);
    expect(lines).toEqual([
      'block0(v0, v1, v2):',
      'v3 = load64.u64 [v0 + 16]',
      'v4 = load64.u64 [v0 + 8]',
      'v5 = load64.u64 [v3 + 8]',
      'heap_check v1 + 16 <= v5 (tmp v6)',
      'v7 = move v2',
      'v7 add.f64= [v4 + v1 + 8]',
      'v8 = move v2',
      'v8 mul.f64= v7',
      'ret v8@xmm0',
    ]);
    const int = await body(`(func (param i32 i64) (result i64) (i64.sub (local.get 1) (i64.load (local.get 0))))`);
    expect(int).toContain('v7 sub64= [v4 + v1]');
  });

  it('does not move a load across a store', async () => {
    const lines = await body(`(func (param i32) (result i32) (local i32)
      (local.set 1 (i32.load (local.get 0)))
      (i32.store (local.get 0) (i32.const 5))
      (i32.add (local.get 1) (local.get 0)))`);
    expect(lines.some((l) => /^v\d+ = load32\.u32 /.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/add32= \[/);
  });

  it('extends narrow loads with movzx/movsx', async () => {
    const lines = await body(`(func (param i32) (result i64)
      (i64.add (i64.load16_s (local.get 0)) (i64.load32_u (local.get 0))))`);
    expect(lines.some((l) => /= load64\.s16 \[v3 \+ v\d+\]$/.test(l))).toBe(true);
    expect(lines.some((l) => /= load64\.u32 \[v3 \+ v\d+\]$/.test(l))).toBe(true);
  });

  it('scales a table index by 8 inside the address', async () => {
    const lines = await body('(func (param i32) (result i32) (call_indirect (param) (result i32) (local.get 0)))');
    expect(lines.some((l) => /= load64\.u64 \[v\d+ \+ v\d+\*8\]$/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toContain('shl');
  });

  it('addresses trusted memory with the zero-extended index directly', async () => {
    const text = await vcodeOf(
      `(module (memory 1) (func (param i32) (result i32)
        (i32.store offset=8 (local.get 0) (i32.const 7))
        (i32.load offset=4 (i32.add (local.get 0) (i32.const 4)))))`,
      0,
      { trusted: true },
    );
    // The parameter was zero-extended at the entry; the sum of a 32-bit lea already is.
    expect(text).toMatch(/(v\d+) = zext32 v\d+\n {2}trap_if cmp64 rsp, \[v0\] \? b, code 9\n {2}store32 \[\1 \+ 8\], 7/);
    expect(text).toMatch(/(v\d+) = lea32 \[v1 \+ 4\]\n {2}v\d+ = load32\.u32 \[\1 \+ 4\]/);
  });
});

describe('float selection', () => {
  it('selects arithmetic two-address and min/max/copysign/abs/neg as whole sequences', async () => {
    const lines = await body(`(func (param f32 f32) (result f32)
      (f32.copysign (f32.min (f32.add (local.get 0) (local.get 1)) (f32.abs (local.get 1))) (f32.neg (local.get 0))))`);
    expect(lines).toEqual([
      'block0(v0, v1, v2):',
      'v3 = move v1',
      'v3 add.f32= v2',
      'v4 = move v2',
      'v4 fabs.f32=',
      'v5 = move v3',
      'v5 min.f32= v4',
      'v6 = move v1',
      'v6 fneg.f32=',
      'v7 = move v5',
      'v7 copysign.f32= v6 (tmp v8)',
      'ret v7@xmm0',
    ]);
  });

  it('rounds with roundss modes and converts', async () => {
    const lines = await body(`(func (param f64 i64 i32) (result f32)
      (f32.add (f32.demote_f64 (f64.nearest (local.get 0)))
        (f32.add (f32.convert_i64_u (local.get 1)) (f32.convert_i32_u (local.get 2)))))`);
    expect(lines).toContain('v4 = nearest.f64 v1');
    expect(lines).toContain('v5 = fdemote v4');
    expect(lines).toContain('v6 = u64to.f32 v2 (tmp v7, v8)');
    // A u32 (here a parameter, zero-extended at the entry) converts exactly as an i64.
    expect(lines).toContain('v9 = s64to.f32 v3');
  });

  it('converts float to int: trapping after the lowering checks, saturating whole', async () => {
    const lines = await body(`(func (param f64) (result i64)
      (i64.add (i64.trunc_f64_u (local.get 0)) (i64.trunc_sat_f64_s (local.get 0))))`);
    expect(lines).toContain('trap_if ucomis.f64 v1, v1 ? p, code 3');
    expect(lines.some((l) => /= f64to64\.trap_u v1 \(tmp v\d+\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /= f64to64\.sat_s v1$/.test(l))).toBe(true);
  });

  it('moves bits between register files for reinterpret', async () => {
    const lines = await body('(func (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))');
    expect(lines).toEqual(['block0(v0, v1):', 'v2 = bitcast32 v1', 'ret v2@xmm0']);
  });
});

describe('calls and returns', () => {
  it('pins arguments and results, copying a value passed twice, and clobbers caller-saved registers', async () => {
    const lines = await body(`(func $f (param i32 i32) (result i32) (local.get 0))
      (func (param i32) (result i32) (call $f (local.get 0) (local.get 0)))`, 1);
    expect(lines).toEqual(['block0(v0, v1):', 'v2 = move v1', 'v3@rax = call m.f0(v0@rdi, v1@rsi, v2@rdx)', 'v4 = zext32 v3', 'ret v4@rax']);
  });

  it('passes the seventh integer argument on the stack and records the outgoing area', async () => {
    const text = await vcodeOf(`(module (func $f (param i64 i64 i64 i64 i64 i64) (result i64) (local.get 5))
      (func (result i64) (call $f (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6))))`, 1);
    expect(text).toContain('store64 [out], 6');
    expect(text).toContain('; outgoing 8');
    const callee = await vcodeOf(`(module (func $f (param i64 i64 i64 i64 i64 i64) (result i64) (local.get 5)))`);
    expect(callee).toMatch(/block0\(v0, v1, v2, v3, v4, v5\):\n {2}args v0@rdi, v1@rsi, v2@rdx, v3@rcx, v4@r8, v5@r9\n {2}v6 = load64.u64 \[in\]/);
  });

  it('returns a third integer result through the return area', async () => {
    const text = await vcodeOf('(module (func (result i32 i64 i32) (i32.const 1) (i64.const 2) (i32.const 3)))');
    expect(text).toMatch(/args v0@rdi, (v\d+)@rsi/);
    expect(text).toMatch(/ret v\d+@rax, v\d+@rdx area v\d+\[0: v\d+\]/);
  });

  it('calls through a function pointer after the null and signature checks', async () => {
    const lines = await body('(type $t (func)) (func (param i32) (call_indirect (type $t) (local.get 0)))');
    // The table length and the signature identity are compared straight from memory.
    expect(lines).toEqual([
      'block0(v0, v1):',
      'v2 = load64.u64 [v0 + 24]',
      'trap_if cmp32 v1, [v2] ? ae, code 6',
      'v3 = load64.u64 [v2 + 8]',
      'v4 = load64.u64 [v3 + v1*8]',
      'trap_if test64 v4, v4 ? e, code 7',
      'v5 = lea [rip + __mewz_sig.v.v]',
      'trap_if cmp64 v5, [v4 + 16] ? ne, code 8',
      'v6 = load64.u64 [v4]',
      'v7 = load64.u64 [v4 + 8]',
      'call v6(v7@rdi)',
      'ret',
    ]);
  });
});

describe('control flow', () => {
  it('selects br_table as a bounds-checked jump table with one successor per target', async () => {
    const lines = await body(`(func (param i32) (result i32)
      (block (block (block (br_table 0 1 0 2 (local.get 0))) (return (i32.const 1))) (return (i32.const 2))) (i32.const 3))`);
    const table = lines.find((l) => l.startsWith('jump_table'))!;
    expect(table).toMatch(/^jump_table v1, \[block(\d+), block(\d+), block\1\], block(\d+)$/);
  });

  it('splits critical edges so that loop-carried values have a place for their copies', async () => {
    const text = await vcodeOf(`(module (func (param i32) (result i32) (local i32)
      (loop $l (local.set 1 (i32.add (local.get 1) (i32.const 1))) (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
      (local.get 1)))`);
    // The loop block branches to a new block that jumps back with the argument.
    expect(text).toContain(
      ['block1(v4, v5):', '  v6 = lea32 [v4 + 1]', '  jcc cmp32 v6, v5 ? b, block2, block3', '  ; succs block2(), block3()', 'block2():', '  jmp block1', '  ; succs block1(v6, v5)'].join('\n'),
    );
  });

  it('checks the stack limit by comparing rsp with the limit in memory', async () => {
    const text = await vcodeOf('(module (func))');
    expect(text).toContain('args v0@rdi\n  trap_if cmp64 rsp, [v0] ? b, code 9\n  ret');
  });

  it('drops a trap that a constant rules out and keeps the stack check', async () => {
    const b = new FunctionBuilder('t', ['i64'], []);
    b.effect('trapz', [b.const('i32', 1n)], { imm: 1 });
    b.effect('trapnz', [b.inst('icmp', 'i32', [b.current.params[0], b.const('i64', 5n)], { imm: IntCond.eq })], { imm: 2 });
    b.ret([]);
    const f = b.finish();
    expect(printFunction(f)).toContain('trapz');
    const text = printVCode(selectInstructions(f, 0));
    expect(text).toContain('trap_if cmp64 v0, 5 ? e, code 2');
    expect(text).not.toContain('code 1');
  });
});
