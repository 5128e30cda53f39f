import { FunctionBuilder, type IrFunction, type IrType, IntCond, FloatCond, type Op, optimize, type Slot, TrapCode, type Value } from '@mewz/compiler';
import { call } from './passes-helpers';

/** A small deterministic PRNG (xorshift32). */
class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s ^= this.s << 13;
    this.s ^= this.s >>> 17;
    this.s ^= this.s << 5;
    return (this.s >>> 0) / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

const I32_EDGES = [0n, 1n, 2n, 3n, 8n, 31n, 32n, 33n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0xfffffffen, 1024n];
const I64_EDGES = [0n, 1n, 2n, 7n, 16n, 63n, 64n, 1n << 32n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n];
const F64_EDGES = [0, -0, 1, -1.5, 0.1, 1e300, -Infinity, Infinity, 2 ** 53 + 1, 4294967295.5].map((x) => new BigUint64Array(new Float64Array([x]).buffer)[0]);

const INT_BINARY: Op[] = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const DIVISION: Op[] = ['div_s', 'div_u', 'rem_s', 'rem_u'];
const INT_UNARY: Op[] = ['clz', 'ctz', 'popcnt'];
const FLOAT_BINARY: Op[] = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
const FLOAT_UNARY: Op[] = ['neg', 'abs', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'];

/**
 * A random function over (i32, i32, i64, f64) mixing its parameters with edge-case
 * constants, shaped like lowered code: divisions behind the lowering's guards, tests of
 * comparisons against zero, selects, traps and a branch.
 */
function randomFunction(rng: Rng, name: string): IrFunction {
  const b = new FunctionBuilder(name, ['i32', 'i32', 'i64', 'f64'], ['i32', 'i64', 'f64']);
  const pool: Record<'i32' | 'i64' | 'f64', Value[]> = { i32: [b.current.params[0], b.current.params[1]], i64: [b.current.params[2]], f64: [b.current.params[3]] };
  const konst = (t: 'i32' | 'i64' | 'f64'): Value => b.const(t, rng.pick(t === 'i32' ? I32_EDGES : t === 'i64' ? I64_EDGES : F64_EDGES));
  const operand = (t: 'i32' | 'i64' | 'f64'): Value => (rng.next() < 0.35 ? konst(t) : rng.pick(pool[t]));
  const intType = (): 'i32' | 'i64' => (rng.next() < 0.6 ? 'i32' : 'i64');
  const zero = (t: 'i32' | 'i64'): Value => b.const(t, 0n);
  for (let n = 10 + rng.int(25); n > 0; n--) {
    const kind = rng.int(10);
    const t = intType();
    let v: Value;
    if (kind <= 2) {
      v = b.inst(rng.pick(INT_BINARY), t, [operand(t), operand(t)]);
    } else if (kind === 3) {
      const op = rng.pick(DIVISION);
      const x = operand(t);
      let y = operand(t);
      b.effect('trapz', [y], { imm: TrapCode.IntegerDivideByZero });
      const minusOne = b.const(t, t === 'i32' ? 0xffffffffn : (1n << 64n) - 1n);
      if (op === 'div_s') {
        const min = b.const(t, t === 'i32' ? 0x80000000n : 1n << 63n);
        const overflow = b.inst('and', 'i32', [b.inst('icmp', 'i32', [x, min], { imm: IntCond.eq }), b.inst('icmp', 'i32', [y, minusOne], { imm: IntCond.eq })]);
        b.effect('trapnz', [overflow], { imm: TrapCode.IntegerOverflow });
      } else if (op === 'rem_s') {
        y = b.inst('select', t, [b.inst('icmp', 'i32', [y, minusOne], { imm: IntCond.eq }), b.const(t, 1n), y]);
      }
      v = b.inst(op, t, [x, y]);
    } else if (kind === 4) {
      const cmp = b.inst('icmp', 'i32', [operand(t), operand(t)], { imm: rng.int(10) });
      // eqz / nez of a comparison, as Wasm's i32.eqz produces.
      v = rng.next() < 0.5 ? b.inst('icmp', 'i32', [cmp, zero('i32')], { imm: rng.pick([IntCond.eq, IntCond.ne]) }) : cmp;
      pool.i32.push(v);
      continue;
    } else if (kind === 5) {
      const c = rng.next() < 0.5 ? b.inst('icmp', 'i32', [operand('i32'), zero('i32')], { imm: rng.pick([IntCond.eq, IntCond.ne]) }) : operand('i32');
      v = b.inst('select', t, [c, operand(t), operand(t)]);
    } else if (kind === 6) {
      v = rng.next() < 0.5 ? b.inst(rng.pick(INT_UNARY), t, [operand(t)]) : b.inst('sext', t, [operand(t)], { imm: rng.pick(t === 'i32' ? [8, 16] : [8, 16, 32]) });
    } else if (kind === 7) {
      if (rng.next() < 0.5) pool.i32.push(b.inst('wrap', 'i32', [operand('i64')]));
      else pool.i64.push(b.inst(rng.pick(['extend_s', 'extend_u'] as Op[]), 'i64', [operand('i32')]));
      continue;
    } else if (kind === 8) {
      const f = rng.next() < 0.6 ? b.inst(rng.pick(FLOAT_BINARY), 'f64', [operand('f64'), operand('f64')]) : b.inst(rng.pick(FLOAT_UNARY), 'f64', [operand('f64')]);
      pool.f64.push(f);
      if (rng.next() < 0.3) pool.i32.push(b.inst('fcmp', 'i32', [f, operand('f64')], { imm: rng.int(6) as FloatCond }));
      if (rng.next() < 0.3) pool.i64.push(b.inst('fcvt_to_s_sat', 'i64', [f]));
      continue;
    } else {
      // A check that rarely fires: x == k, or its negation tested for zero.
      const eq = b.inst('icmp', 'i32', [operand(t), konst(t)], { imm: IntCond.eq });
      if (rng.next() < 0.5) b.effect('trapnz', [eq], { imm: TrapCode.Unreachable });
      else b.effect('trapz', [b.inst('icmp', 'i32', [eq, zero('i32')], { imm: IntCond.eq })], { imm: TrapCode.Unreachable });
      continue;
    }
    pool[t].push(v);
  }
  const yes = b.newBlock(['i32']);
  const no = b.newBlock();
  b.brIf(rng.next() < 0.5 ? b.inst('icmp', 'i32', [operand('i32'), zero('i32')], { imm: IntCond.eq }) : operand('i32'), yes, [operand('i32')], no, []);
  b.seal(yes);
  b.seal(no);
  b.switchTo(yes);
  b.ret([b.inst('add', 'i32', [yes.params[0], operand('i32')]), operand('i64'), operand('f64')]);
  b.switchTo(no);
  b.ret([operand('i32'), operand('i64'), operand('f64')]);
  return b.finish();
}

function inputs(rng: Rng): Slot[] {
  const i32 = (): number => (rng.next() < 0.5 ? Number(BigInt.asIntN(32, rng.pick(I32_EDGES))) : (rng.next() * 2 ** 32) | 0);
  const i64 = (): bigint => (rng.next() < 0.5 ? rng.pick(I64_EDGES) : BigInt(Math.floor(rng.next() * 2 ** 32)) * 0x1_0000_0001n);
  return [i32(), i32(), i64(), rng.pick(F64_EDGES)];
}

describe('optimize on random functions (differential against the unoptimised IR)', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i', (seed) => {
    const plain = randomFunction(new Rng(seed * 7919), 'f');
    const opt = randomFunction(new Rng(seed * 7919), 'f');
    optimize(opt, { verify: true });
    const rng = new Rng(seed);
    for (let k = 0; k < 25; k++) {
      const args = inputs(rng);
      expect({ args, result: call(opt, args) }).toEqual({ args, result: call(plain, args) });
    }
  });
});
