import {
  f32Bits,
  f64Bits,
  FloatCond,
  FunctionBuilder,
  IntCond,
  InterpError,
  type IrType,
  Machine,
  MemFlags,
  type Op,
  type Slot,
  Trap,
  TrapCode,
} from '@mewz/compiler';

/** Runs `op` on constant operands in a fresh function and returns its result. */
function eval1(op: Op, type: IrType, args: [IrType, bigint][], imm = 0): Slot {
  const b = new FunctionBuilder(`t.${op}`, [], [type]);
  const vs = args.map(([t, bits]) => b.const(t, bits));
  b.ret([b.inst(op, type, vs, { imm })]);
  const m = new Machine();
  m.defineFunction(b.finish());
  return m.call(`t.${op}`, [])[0];
}

const i32 = (op: Op, a: number, b?: number, imm = 0): Slot =>
  eval1(op, 'i32', b === undefined ? [['i32', BigInt(a)]] : [['i32', BigInt(a)], ['i32', BigInt(b)]], imm);
const i64 = (op: Op, a: bigint, b?: bigint, imm = 0): Slot =>
  eval1(op, 'i64', b === undefined ? [['i64', a]] : [['i64', a], ['i64', b]], imm);
const f32 = (op: Op, a: number, b?: number): Slot =>
  eval1(op, 'f32', b === undefined ? [['f32', BigInt(a)]] : [['f32', BigInt(a)], ['f32', BigInt(b)]]);
const f64 = (op: Op, a: bigint, b?: bigint): Slot => eval1(op, 'f64', b === undefined ? [['f64', a]] : [['f64', a], ['f64', b]]);
const bitsOf32 = (x: number): number => f32Bits(x);
const bitsOf64 = (x: number): bigint => f64Bits(x);

const NEG0_32 = 0x80000000;
const NEG0_64 = 1n << 63n;
const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);

describe('interpreter: integer ops', () => {
  it('wraps i32 arithmetic and masks shift counts', () => {
    expect(i32('add', 0x7fffffff, 1)).toBe(-0x80000000);
    expect(i32('mul', 0x10000, 0x10000)).toBe(0);
    expect(i32('mul', 0x7fffffff, 0x7fffffff)).toBe(1);
    expect(i32('shl', 1, 33)).toBe(2);
    expect(i32('shr_s', -8, 33)).toBe(-4);
    expect(i32('shr_u', -8, 33)).toBe(0x7ffffffc);
    expect(i32('rotl', 0x80000001, 1)).toBe(3);
    expect(i32('rotr', 1, 1)).toBe(-0x80000000);
    expect(i32('rotl', 0x12345678, 32)).toBe(0x12345678);
  });

  it('divides and takes remainders like Wasm', () => {
    expect(i32('div_s', -7, 2)).toBe(-3);
    expect(i32('rem_s', -7, 2)).toBe(-1);
    expect(i32('rem_s', -0x80000000, -1)).toBe(0);
    expect(i32('div_u', -1, 2)).toBe(0x7fffffff);
    expect(i32('rem_u', -1, 10)).toBe(5);
    expect(i64('div_s', U64(-7n), 2n)).toBe(U64(-3n));
    expect(i64('rem_s', 1n << 63n, U64(-1n))).toBe(0n);
    expect(i64('div_u', U64(-1n), 2n)).toBe((1n << 63n) - 1n);
  });

  it('rejects divisions the lowering failed to guard', () => {
    expect(() => i32('div_s', 1, 0)).toThrow(InterpError);
    expect(() => i32('div_s', -0x80000000, -1)).toThrow(/guard/);
    expect(() => i64('rem_u', 1n, 0n)).toThrow(/t\.rem_u.*lowering/s);
  });

  it('counts bits', () => {
    expect(i32('clz', 0)).toBe(32);
    expect(i32('ctz', 0)).toBe(32);
    expect(i32('ctz', -0x80000000)).toBe(31);
    expect(i32('popcnt', -1)).toBe(32);
    expect(i64('clz', 0n)).toBe(64n);
    expect(i64('clz', 1n)).toBe(63n);
    expect(i64('ctz', 1n << 40n)).toBe(40n);
    expect(i64('ctz', 0n)).toBe(64n);
    expect(i64('popcnt', U64(-1n))).toBe(64n);
  });

  it('rotates and shifts i64', () => {
    expect(i64('rotl', 1n << 63n, 1n)).toBe(1n);
    expect(i64('rotr', 1n, 65n)).toBe(1n << 63n);
    expect(i64('rotl', 0xabcdn, 0n)).toBe(0xabcdn);
    expect(i64('shr_s', 1n << 63n, 63n)).toBe(U64(-1n));
    expect(i64('shl', 1n, 64n)).toBe(1n);
  });

  it('sign-extends in place and compares signed and unsigned', () => {
    expect(i32('sext', 0x80, undefined, 8)).toBe(-128);
    expect(i32('sext', 0x17fff, undefined, 16)).toBe(0x7fff);
    expect(i64('sext', 0xffffffffn, undefined, 32)).toBe(U64(-1n));
    expect(i64('sext', 0x7fn, undefined, 8)).toBe(0x7fn);
    expect(eval1('icmp', 'i32', [['i32', 0xffffffffn], ['i32', 1n]], IntCond.lt_s)).toBe(1);
    expect(eval1('icmp', 'i32', [['i32', 0xffffffffn], ['i32', 1n]], IntCond.lt_u)).toBe(0);
    expect(eval1('icmp', 'i32', [['i64', U64(-1n)], ['i64', 1n]], IntCond.gt_u)).toBe(1);
    expect(eval1('icmp', 'i32', [['i64', U64(-1n)], ['i64', 1n]], IntCond.ge_s)).toBe(0);
  });

  it('wraps and extends between i32 and i64', () => {
    expect(eval1('wrap', 'i32', [['i64', 0x1_8000_0001n]])).toBe(-0x7fffffff);
    expect(eval1('extend_s', 'i64', [['i32', 0xffffffffn]])).toBe(U64(-1n));
    expect(eval1('extend_u', 'i64', [['i32', 0xffffffffn]])).toBe(0xffffffffn);
  });
});

describe('interpreter: float ops', () => {
  const nan32 = 0x7fc00000;
  const nan64 = 0x7ff8000000000000n;

  it('min and max propagate NaN and order -0 below +0', () => {
    expect(f32('min', bitsOf32(1), nan32 | 1)).toBe(nan32);
    expect(f32('max', 0x7fa00000, bitsOf32(1))).toBe(nan32);
    expect(f32('min', 0, NEG0_32)).toBe(NEG0_32);
    expect(f32('min', NEG0_32, 0)).toBe(NEG0_32);
    expect(f32('max', NEG0_32, 0)).toBe(0);
    expect(f64('min', 0n, NEG0_64)).toBe(NEG0_64);
    expect(f64('max', NEG0_64, 0n)).toBe(0n);
    expect(f64('max', nan64 | 5n, bitsOf64(-Infinity))).toBe(nan64);
  });

  it('nearest rounds half to even and keeps the sign of zero', () => {
    const near = (x: number): number => {
      const bits = f64('nearest', bitsOf64(x)) as bigint;
      return new Float64Array(new BigUint64Array([bits]).buffer)[0];
    };
    expect(near(0.5)).toBe(0);
    expect(Object.is(near(-0), -0)).toBe(true);
    expect(Object.is(near(-0.5), -0)).toBe(true);
    expect(near(1.5)).toBe(2);
    expect(near(2.5)).toBe(2);
    expect(near(-3.5)).toBe(-4);
    expect(near(4503599627370497)).toBe(4503599627370497);
    expect(Object.is(near(-0.25), -0)).toBe(true);
    expect(f32('nearest', bitsOf32(-0.5))).toBe(NEG0_32);
    expect(f32('nearest', bitsOf32(8388609))).toBe(bitsOf32(8388609));
  });

  it('works on sign bits without touching NaN payloads', () => {
    expect(f32('neg', 0x7fa00001)).toBe(0xffa00001);
    expect(f32('abs', 0xffa00001)).toBe(0x7fa00001);
    expect(f32('copysign', 0x7fa00001, NEG0_32)).toBe(0xffa00001);
    expect(f64('neg', 0x7ff0000000000001n)).toBe(0xfff0000000000001n);
    expect(f64('copysign', bitsOf64(2), 0xfff8000000000000n)).toBe(bitsOf64(-2));
  });

  it('produces quiet NaNs from arithmetic and rounds f32 results', () => {
    expect(f32('add', 0x7fa00000, bitsOf32(1))).toBe(nan32);
    expect(f32('sqrt', bitsOf32(-1))).toBe(nan32);
    expect(f32('add', bitsOf32(16777216), bitsOf32(1))).toBe(bitsOf32(16777216));
    expect(f32('div', bitsOf32(1), bitsOf32(3))).toBe(bitsOf32(Math.fround(1 / 3)));
    expect(f64('ceil', 0x7ff0000000000001n)).toBe(nan64);
    expect(f64('trunc', bitsOf64(-0.5))).toBe(NEG0_64);
  });

  it('compares with NaN as unordered', () => {
    expect(eval1('fcmp', 'i32', [['f32', BigInt(nan32)], ['f32', BigInt(nan32)]], FloatCond.ne)).toBe(1);
    expect(eval1('fcmp', 'i32', [['f32', BigInt(nan32)], ['f32', 0n]], FloatCond.le)).toBe(0);
    expect(eval1('fcmp', 'i32', [['f64', 0n], ['f64', NEG0_64]], FloatCond.eq)).toBe(1);
  });
});

describe('interpreter: conversions', () => {
  const cvt = (op: Op, to: IrType, from: IrType, bits: bigint): Slot => eval1(op, to, [[from, bits]]);

  it('rounds i64 to f32 once (no double rounding)', () => {
    expect(cvt('fcvt_from_s', 'f32', 'i64', 0x20000020000001n)).toBe(0x5a000001);
    expect(cvt('fcvt_from_s', 'f32', 'i64', U64(-0x20000020000001n))).toBe(0xda000001);
    expect(cvt('fcvt_from_u', 'f32', 'i64', U64(-1n))).toBe(0x5f800000);
    expect(cvt('fcvt_from_u', 'f32', 'i64', 0x8000008000000001n)).toBe(0x5f000001);
    expect(cvt('fcvt_from_u', 'f64', 'i64', U64(-1n))).toBe(0x43f0000000000000n);
    expect(cvt('fcvt_from_s', 'f64', 'i64', 0x20000000000001n)).toBe(0x4340000000000000n);
    expect(cvt('fcvt_from_u', 'f64', 'i32', 0xffffffffn)).toBe(bitsOf64(4294967295));
    expect(cvt('fcvt_from_s', 'f32', 'i32', 0x1000001n)).toBe(bitsOf32(16777216));
  });

  it('truncates exactly and saturates', () => {
    expect(cvt('fcvt_to_s', 'i32', 'f32', BigInt(bitsOf32(-2147483648)))).toBe(-0x80000000);
    expect(cvt('fcvt_to_u', 'i32', 'f64', bitsOf64(4294967295.9))).toBe(-1);
    expect(cvt('fcvt_to_s', 'i64', 'f64', bitsOf64(-9223372036854775808))).toBe(1n << 63n);
    expect(cvt('fcvt_to_u', 'i64', 'f32', BigInt(bitsOf32(-0.9)))).toBe(0n);
    expect(() => cvt('fcvt_to_s', 'i32', 'f32', BigInt(bitsOf32(2147483648)))).toThrow(/range-check/);
    expect(() => cvt('fcvt_to_u', 'i64', 'f64', 0x7ff8000000000000n)).toThrow(InterpError);
    expect(cvt('fcvt_to_s_sat', 'i32', 'f32', 0x7fc00000n)).toBe(0);
    expect(cvt('fcvt_to_s_sat', 'i32', 'f64', bitsOf64(1e10))).toBe(0x7fffffff);
    expect(cvt('fcvt_to_u_sat', 'i32', 'f64', bitsOf64(-5))).toBe(0);
    expect(cvt('fcvt_to_u_sat', 'i32', 'f64', bitsOf64(1e10))).toBe(-1);
    expect(cvt('fcvt_to_s_sat', 'i64', 'f64', bitsOf64(-1e30))).toBe(1n << 63n);
    expect(cvt('fcvt_to_u_sat', 'i64', 'f32', BigInt(bitsOf32(Infinity)))).toBe(U64(-1n));
  });

  it('demotes with rounding, promotes exactly, keeps NaNs quiet and reinterprets bits', () => {
    expect(cvt('demote', 'f32', 'f64', 0x3ff0000010000000n)).toBe(0x3f800000);
    expect(cvt('demote', 'f32', 'f64', 0x3ff0000010000001n)).toBe(0x3f800001);
    expect(cvt('demote', 'f32', 'f64', 0x7ff4000000000000n)).toBe(0x7fe00000);
    expect(cvt('promote', 'f64', 'f32', 0x7fa00000n)).toBe(0x7ffc000000000000n);
    expect(cvt('promote', 'f64', 'f32', 0x00000001n)).toBe(bitsOf64(2 ** -149));
    expect(cvt('bitcast', 'f32', 'i32', 0xffa00001n)).toBe(0xffa00001);
    expect(cvt('bitcast', 'i32', 'f32', 0xffa00001n)).toBe(0xffa00001 | 0);
    expect(cvt('bitcast', 'i64', 'f64', 0xfff0000000000001n)).toBe(0xfff0000000000001n);
  });
});

describe('interpreter: control flow, memory and calls', () => {
  it('passes block arguments as a parallel copy (a swap loop)', () => {
    // f(n) swaps (a, b) = (1, 2) n times.
    const b = new FunctionBuilder('swap', ['i32'], ['i32', 'i32']);
    const [n] = b.current.params;
    const head = b.newBlock(['i32', 'i32', 'i32']);
    const body = b.newBlock();
    const exit = b.newBlock();
    b.jump(head, [n, b.const('i32', 1n), b.const('i32', 2n)]);
    b.switchTo(head);
    const [k, x, y] = head.params;
    b.brIf(k, body, [], exit, []);
    b.seal(body);
    b.switchTo(body);
    b.jump(head, [b.inst('sub', 'i32', [k, b.const('i32', 1n)]), y, x]);
    b.seal(head);
    b.seal(exit);
    b.switchTo(exit);
    b.ret([x, y]);
    const m = new Machine();
    m.defineFunction(b.finish());
    expect(m.call('swap', [3])).toEqual([2, 1]);
    expect(m.call('swap', [4])).toEqual([1, 2]);
  });

  it('takes br_table targets by unsigned index, and selects', () => {
    const b = new FunctionBuilder('table', ['i32'], ['i32']);
    const [i] = b.current.params;
    const blocks = [b.newBlock(), b.newBlock(), b.newBlock()];
    b.brTable(i, [{ block: blocks[0], args: [] }, { block: blocks[1], args: [] }], { block: blocks[2], args: [] });
    blocks.forEach((blk, k) => {
      b.seal(blk);
      b.switchTo(blk);
      const c = b.const('i32', BigInt(k));
      b.ret([b.inst('select', 'i32', [c, b.const('i32', 10n), b.const('i32', 20n)])]);
    });
    const m = new Machine();
    m.defineFunction(b.finish());
    expect(m.call('table', [0])).toEqual([20]);
    expect(m.call('table', [1])).toEqual([10]);
    expect(m.call('table', [-1])).toEqual([10]);
  });

  it('loads with sign or zero extension and stores truncated values', () => {
    const m = new Machine();
    const cell = m.memory.allocate('cell', 16);
    const b = new FunctionBuilder('mem', ['i64'], ['i32', 'i32', 'i64', 'i64']);
    const [p] = b.current.params;
    b.effect('store', [p, b.const('i64', 0x1234_5678_9abc_def0n)], { imm: 0, flags: MemFlags.of(8, false) });
    b.effect('store', [p, b.const('i32', 0xffffn)], { imm: 8, flags: MemFlags.of(1, false) });
    const s8 = b.inst('load', 'i32', [p], { imm: 8, flags: MemFlags.of(1, true) });
    const u16 = b.inst('load', 'i32', [p], { imm: 0, flags: MemFlags.of(2, false) });
    const s32 = b.inst('load', 'i64', [p], { imm: 4, flags: MemFlags.of(4, true) });
    const all = b.inst('load', 'i64', [p], { imm: 0, flags: MemFlags.of(8, false) });
    b.ret([s8, u16, s32, all]);
    m.defineFunction(b.finish());
    expect(m.call('mem', [BigInt(cell.base)])).toEqual([-1, 0xdef0, U64(0x12345678n), 0x1234_5678_9abc_def0n]);
    expect(cell.bytes[9]).toBe(0);
  });

  it('reports accesses outside every allocation as lowering bugs, with the function and instruction', () => {
    const m = new Machine();
    const b = new FunctionBuilder('wild', [], ['i32']);
    b.ret([b.inst('load', 'i32', [b.const('i64', 0x1234n)], { imm: 0, flags: MemFlags.of(4, false) })]);
    m.defineFunction(b.finish());
    expect(() => m.call('wild', [])).toThrow(/hits no allocation[\s\S]*at wild block0: v\d+ = load\.i32[\s\S]*lowering/);
  });

  it('traps on heap_addr past the size and on trapz/trapnz, naming the function', () => {
    const b = new FunctionBuilder('heap', ['i32', 'i64', 'i64'], ['i64']);
    const [i, base, size] = b.current.params;
    b.effect('trapnz', [b.inst('icmp', 'i32', [i, b.const('i32', 100n)], { imm: IntCond.eq })], { imm: TrapCode.Unreachable });
    b.ret([b.inst('heap_addr', 'i64', [i, base, size], { imm: 4 })]);
    const m = new Machine();
    m.defineFunction(b.finish());
    expect(m.call('heap', [12, 0x1000n, 16n])).toEqual([0x100cn]);
    const oob = (() => {
      try {
        m.call('heap', [13, 0x1000n, 16n]);
      } catch (e) {
        return e;
      }
    })() as Trap;
    expect(oob).toBeInstanceOf(Trap);
    expect(oob.code).toBe(TrapCode.OutOfBoundsMemory);
    expect(oob.func).toBe('heap');
    expect(() => m.call('heap', [-1, 0x1000n, 16n])).toThrow(Trap);
    expect(() => m.call('heap', [100, 0x1000n, 16n])).toThrow('unreachable');
  });

  it('calls directly, indirectly and with several results', () => {
    const m = new Machine();
    const pair = new FunctionBuilder('pair', ['i32'], ['i32', 'i64']);
    const [x] = pair.current.params;
    pair.ret([pair.inst('add', 'i32', [x, x]), pair.inst('extend_s', 'i64', [x])]);
    m.defineFunction(pair.finish());
    const b = new FunctionBuilder('caller', ['i32'], ['i64']);
    const [y] = b.current.params;
    const [a, c] = b.insts('call', ['i32', 'i64'], [y], { sym: 'pair' });
    const code = b.inst('symbol_addr', 'i64', [], { sym: 'pair' });
    const [d] = b.insts('call_indirect', ['i32', 'i64'], [code, a]);
    b.ret([b.inst('add', 'i64', [c, b.inst('extend_s', 'i64', [d])])]);
    m.defineFunction(b.finish());
    expect(m.call('caller', [-3])).toEqual([U64(-3n - 12n)]);
  });

  it('exhausts the simulated stack through stack_pointer without growing the JS stack', () => {
    const m = new Machine({ stackFrames: 50_000 });
    const limit = m.memory.allocate('vmctx', 8);
    m.memory.store64(limit.base, BigInt(m.stackLimit));
    const b = new FunctionBuilder('rec', ['i64', 'i32'], ['i32']);
    const [vm, n] = b.current.params;
    const sp = b.inst('intrinsic', 'i64', [], { sym: 'stack_pointer' });
    const lim = b.inst('load', 'i64', [vm], { imm: 0, flags: MemFlags.of(8, false) });
    b.effect('trapnz', [b.inst('icmp', 'i32', [sp, lim], { imm: IntCond.lt_u })], { imm: TrapCode.CallStackExhausted });
    const more = b.newBlock();
    const done = b.newBlock();
    b.brIf(n, more, [], done, []);
    b.seal(more);
    b.seal(done);
    b.switchTo(more);
    const [r] = b.insts('call', ['i32'], [vm, b.inst('sub', 'i32', [n, b.const('i32', 1n)])], { sym: 'rec' });
    b.ret([b.inst('add', 'i32', [r, b.const('i32', 1n)])]);
    b.switchTo(done);
    b.ret([b.const('i32', 0n)]);
    m.defineFunction(b.finish());
    expect(m.call('rec', [BigInt(limit.base), 40_000])).toEqual([40_000]);
    expect(() => m.call('rec', [BigInt(limit.base), 60_000])).toThrow(expect.objectContaining({ code: TrapCode.CallStackExhausted }));
    // The depth is reset after a trap.
    expect(m.call('rec', [BigInt(limit.base), 10])).toEqual([10]);
  });

  it('stops unchecked recursion with an internal error', () => {
    const m = new Machine({ stackFrames: 100, maxFrames: 1000 });
    const b = new FunctionBuilder('loop', [], []);
    b.insts('call', [], [], { sym: 'loop' });
    b.ret([]);
    m.defineFunction(b.finish());
    expect(() => m.call('loop', [])).toThrow(/stack-limit check/);
  });

  it('rejects calls of undefined symbols and non-function addresses', () => {
    const m = new Machine();
    const b = new FunctionBuilder('bad', ['i64'], []);
    b.insts('call_indirect', [], [b.current.params[0]]);
    b.ret([]);
    m.defineFunction(b.finish());
    expect(() => m.call('bad', [0n])).toThrow(/no function's code/);
    const c = new FunctionBuilder('bad2', [], []);
    c.insts('call', [], [], { sym: 'nowhere' });
    c.ret([]);
    m.defineFunction(c.finish());
    expect(() => m.call('bad2', [])).toThrow(/undefined function symbol nowhere/);
  });
});

describe('interpreter: builtins', () => {
  it('grows memories up to their maximum without moving them', () => {
    const m = new Machine();
    const obj = m.memory.allocate('memobj', 24);
    m.call('__mewz_memory_new', [BigInt(obj.base), 1, 4]);
    const base = m.memory.load64(obj.base);
    expect(m.memory.load64(obj.base + 8)).toBe(0x10000n);
    expect(m.call('__mewz_memory_grow', [BigInt(obj.base), 2])).toEqual([1]);
    expect(m.call('__mewz_memory_grow', [BigInt(obj.base), 2])).toEqual([-1]);
    expect(m.call('__mewz_memory_grow', [BigInt(obj.base), 0])).toEqual([3]);
    expect(m.memory.load64(obj.base)).toBe(base);
    m.memory.store(Number(base) + 3 * 0x10000 - 4, 4, 7);
    expect(() => m.memory.load(Number(base) + 3 * 0x10000, 4, false)).toThrow(/past the 196608 committed bytes/);
    m.call('__mewz_memset', [base, 0xab, 4n]);
    m.call('__mewz_memmove', [base + 2n, base, 4n]);
    expect([...m.memory.bytes(Number(base), 6)]).toEqual([0xab, 0xab, 0xab, 0xab, 0xab, 0xab]);
  });

  it('grows tables with an initial value, failing past the maximum', () => {
    const m = new Machine({ maxTableElements: 100 });
    const obj = m.memory.allocate('tableobj', 16);
    m.call('__mewz_table_new', [BigInt(obj.base), 2, -1]);
    expect(m.call('__mewz_table_grow', [BigInt(obj.base), 0x55n, 3])).toEqual([2]);
    expect(m.memory.load(obj.base, 4, false)).toBe(5);
    const elements = Number(m.memory.load64(obj.base + 8));
    expect(m.memory.load64(elements + 8)).toBe(0n);
    expect(m.memory.load64(elements + 32)).toBe(0x55n);
    expect(m.call('__mewz_table_grow', [BigInt(obj.base), 0n, 96])).toEqual([-1]);
    expect(m.call('__mewz_table_grow', [BigInt(obj.base), 0n, -1])).toEqual([-1]);
  });
});

describe('interpreter: data objects', () => {
  it('deduplicates weak symbols and faults on stores into read-only data', () => {
    const m = new Machine();
    const a = m.defineData('sig', new Uint8Array(1), 1, true, false);
    expect(m.defineData('sig', new Uint8Array(1), 1, true, false)).toBe(a);
    expect(() => m.defineData('sig', new Uint8Array(1), 1, false)).toThrow(/duplicate symbol sig/);
    const ro = m.defineData('ro', Uint8Array.from([1, 2, 3, 4]), 4, false, false);
    const b = new FunctionBuilder('poke', ['i64'], []);
    b.effect('store', [b.current.params[0], b.const('i32', 0n)], { imm: 0, flags: MemFlags.of(4, false) });
    b.ret([]);
    m.defineFunction(b.finish());
    expect(() => m.call('poke', [BigInt(ro)])).toThrow(/read-only "ro"[\s\S]*at poke block0/);
    expect(m.memory.load(ro, 4, false)).toBe(0x04030201);
  });
});
