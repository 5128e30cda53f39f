/**
 * Differential test of the numeric instructions: every operator on interesting operands,
 * compiled for aarch64 and run, against the IR interpreter's exact Wasm semantics. Each
 * operator is a function of its own (so operands arrive in registers), and for integer
 * binary operators also with the second operand a constant (the immediate forms).
 * Results are compared bit for bit, except that any NaN matches an expected NaN (Wasm
 * leaves NaN payloads open). Runs under qemu-aarch64 (or on an aarch64 Linux host).
 */
import { Instance, lowerModule, Machine, type Slot, Trap } from '@mewz/compiler';
import { loadModule } from '@mewz/wasm';
import { canRunAarch64, cannotRunReason, runWat } from './native.js';
import { watToWasm } from './wat.js';

type T = 'i32' | 'i64' | 'f32' | 'f64';

const f32 = (x: number): number => new Uint32Array(new Float32Array([x]).buffer)[0]!;
const f64 = (x: number): bigint => new BigUint64Array(new Float64Array([x]).buffer)[0]!;

/** Operand values, as slots (i32 signed number, i64 u64 bigint, f32 u32 bits, f64 u64 bits). */
const I32 = [0, 1, -1, 2, 7, -7, 31, 32, 33, 100, 0x7fffffff, -0x80000000, 0x12345678, -2];
const I64 = [0n, 1n, 2n, 7n, 63n, 64n, 65n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n, 0x123456789abcdef0n]
  .concat([-1n, -7n, -0x100000000n].map((x) => BigInt.asUintN(64, x)));
const F = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 63, -(2 ** 63), 2 ** 64, 1e-40, 3e38, 0.49999997, 8388609, 4294967040, -0.75];
const F32 = [...F.map(f32), 0xffc00000, 0x7fa00000 /* signalling NaN */];
const F64 = [...F.map(f64), f64(4294967295.5), f64(2 ** 53 + 2), f64(9223372036854774784), f64(-9223372036854777856), f64(1.8e308), f64(5e-324), f64(-1e-310), 0xfff8000000000001n];
const VALUES: Record<T, Slot[]> = { i32: I32, i64: I64, f32: F32, f64: F64 };
/** Fewer values for the binary float operators (the grid is quadratic). */
const SMALL: Record<'f32' | 'f64', Slot[]> = {
  f32: [0, -0, 1, -1.5, 2.5, NaN, Infinity, -Infinity, 1e-40, 3e38].map(f32).concat([0x7fa00000]),
  f64: [0, -0, 1, -1.5, 2.5, NaN, Infinity, -Infinity, 5e-324, 1.8e308].map(f64).concat([0x7ff4000000000000n]),
};

interface Op {
  name: string;
  params: T[];
  result: T;
  /** Second operand as a constant inside the function (integer immediates). */
  constRhs?: boolean;
  /**
   * i32 operands arrive as i64 with garbage in the upper half (through i32.wrap_i64) and an
   * i32 result leaves through i64.extend_i32_u: whatever assumes a zero-extended register
   * where it is not, or leaves garbage where it claims a zero-extended one, shows.
   */
  dirty?: boolean;
}

const ops: Op[] = [];
for (const t of ['i32', 'i64'] as const) {
  for (const n of ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr']) {
    ops.push({ name: `${t}.${n}`, params: [t, t], result: t }, { name: `${t}.${n}`, params: [t, t], result: t, constRhs: true });
  }
  for (const n of ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']) {
    ops.push({ name: `${t}.${n}`, params: [t, t], result: 'i32' }, { name: `${t}.${n}`, params: [t, t], result: 'i32', constRhs: true });
  }
  for (const n of ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s']) ops.push({ name: `${t}.${n}`, params: [t], result: t });
  ops.push({ name: `${t}.eqz`, params: [t], result: 'i32' });
}
ops.push({ name: 'i64.extend32_s', params: ['i64'], result: 'i64' });
ops.push({ name: 'i64.extend_i32_s', params: ['i32'], result: 'i64' }, { name: 'i64.extend_i32_u', params: ['i32'], result: 'i64' });
ops.push({ name: 'i32.wrap_i64', params: ['i64'], result: 'i32' });
for (const t of ['f32', 'f64'] as const) {
  for (const n of ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign']) ops.push({ name: `${t}.${n}`, params: [t, t], result: t });
  for (const n of ['eq', 'ne', 'lt', 'gt', 'le', 'ge']) ops.push({ name: `${t}.${n}`, params: [t, t], result: 'i32' });
  for (const n of ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest']) ops.push({ name: `${t}.${n}`, params: [t], result: t });
  for (const i of ['i32', 'i64'] as const) {
    for (const s of ['s', 'u']) {
      ops.push({ name: `${i}.trunc_${t}_${s}`, params: [t], result: i });
      ops.push({ name: `${i}.trunc_sat_${t}_${s}`, params: [t], result: i });
      ops.push({ name: `${t}.convert_${i}_${s}`, params: [i], result: t });
    }
  }
}
ops.push({ name: 'f32.demote_f64', params: ['f64'], result: 'f32' }, { name: 'f64.promote_f32', params: ['f32'], result: 'f64' });
ops.push({ name: 'i32.reinterpret_f32', params: ['f32'], result: 'i32' }, { name: 'f32.reinterpret_i32', params: ['i32'], result: 'f32' });
ops.push({ name: 'i64.reinterpret_f64', params: ['f64'], result: 'i64' }, { name: 'f64.reinterpret_i64', params: ['i64'], result: 'f64' });

const GARBAGE = 0xdeadbeefn << 32n;
/** i32 values with garbage above them, as the i64 operands of a dirty function. */
const DIRTY_I32 = I32.map((v) => GARBAGE | BigInt(v >>> 0));

/** Dirty variants of every operator with an i32 operand or result. */
for (const op of [...ops]) {
  if (op.params.includes('i32') || op.result === 'i32') ops.push({ ...op, dirty: true });
}

/** A constant instruction of `t` for a slot (floats by their bits, so NaN payloads survive). */
function constOf(t: T, v: Slot): string {
  switch (t) {
    case 'i32':
      return `(i32.const ${v as number})`;
    case 'i64':
      return `(i64.const ${BigInt.asIntN(64, v as bigint)})`;
    case 'f32':
      return `(f32.reinterpret_i32 (i32.const ${(v as number) | 0}))`;
    case 'f64':
      return `(f64.reinterpret_i64 (i64.const ${BigInt.asIntN(64, v as bigint)}))`;
  }
}

const isNaNSlot = (t: T, v: Slot): boolean =>
  t === 'f32' ? ((v as number) & 0x7f800000) === 0x7f800000 && ((v as number) & 0x7fffff) !== 0 : t === 'f64' ? ((v as bigint) >> 52n) % 2048n === 2047n && ((v as bigint) & ((1n << 52n) - 1n)) !== 0n : false;

interface Case {
  op: number;
  args: Slot[];
  expected: Slot;
}

/** The type a parameter or result has in the function under test. */
const outer = (op: Op, t: T): T => (op.dirty && t === 'i32' ? 'i64' : t);

function opFunc(op: Op, k: number, rhs?: Slot): string {
  const params = (rhs === undefined ? op.params : op.params.slice(0, 1)).map((t) => `(param ${outer(op, t)})`).join(' ');
  const get = (t: T, i: number): string => (op.dirty && t === 'i32' ? `(i32.wrap_i64 (local.get ${i}))` : `(local.get ${i})`);
  const args = op.params.map((t, i) => (i === 1 && rhs !== undefined ? constOf(t, rhs) : get(t, i))).join(' ');
  const body = `(${op.name} ${args})`;
  const result = outer(op, op.result);
  return `(func $op${k} (export "op${k}") ${params} (result ${result}) ${op.dirty && op.result === 'i32' ? `(i64.extend_i32_u ${body})` : body})`;
}

function grid(op: Op): Slot[][] {
  const vals = (t: T): Slot[] => (op.dirty && t === 'i32' ? DIRTY_I32 : op.params.length === 2 && (t === 'f32' || t === 'f64') ? SMALL[t] : VALUES[t]);
  if (op.params.length === 1) return vals(op.params[0]!).map((v) => [v]);
  return vals(op.params[0]!).flatMap((a) => vals(op.params[1]!).map((b) => [a, b]));
}

/** Every case, with the interpreter's result; trapping cases are left out (see the trap tests). */
async function cases(): Promise<{ funcs: string[]; list: Case[]; opOf: Op[]; constRhs: Map<number, Slot> }> {
  const funcs: string[] = [];
  const opOf: Op[] = [];
  const constRhs = new Map<number, Slot>();
  const pending: { k: number; args: Slot[] }[] = [];
  for (const op of ops) {
    if (op.constRhs) {
      for (const b of VALUES[op.params[1]!]) {
        const k = funcs.length;
        funcs.push(opFunc(op, k, b));
        opOf.push(op);
        constRhs.set(k, b);
        for (const a of grid({ ...op, params: op.params.slice(0, 1) })) pending.push({ k, args: a });
      }
    } else {
      const k = funcs.length;
      funcs.push(opFunc(op, k));
      opOf.push(op);
      for (const args of grid(op)) pending.push({ k, args });
    }
  }
  const module = loadModule(await watToWasm(`(module ${funcs.join('\n')})`));
  const inst = Instance.instantiate(new Machine(), lowerModule(module, { prefix: 'i' }), []);
  const list: Case[] = [];
  for (const { k, args } of pending) {
    try {
      list.push({ op: k, args, expected: inst.invoke(`op${k}`, args)[0]! });
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
    }
  }
  return { funcs, list, opOf, constRhs };
}

/** main: each check calls an operator function and returns its 1-based number on a mismatch. */
function mainFor(chunk: Case[], opOf: Op[], constRhs: Map<number, Slot>): string {
  const checks = chunk.map((c, i) => {
    const op = opOf[c.op]!;
    const args = c.args.map((a, j) => constOf(outer(op, op.params[j]!), a)).join(' ');
    const call = `(call $op${c.op} ${args})`;
    const fail = `(return (i32.const ${i + 1}))`;
    const t = outer(op, op.result);
    if (isNaNSlot(t, c.expected)) return `(local.set $${t} ${call}) (if (${t}.eq (local.get $${t}) (local.get $${t})) (then ${fail}))`;
    const bits = t === 'f32' ? `(i32.reinterpret_f32 ${call})` : t === 'f64' ? `(i64.reinterpret_f64 ${call})` : call;
    const it = t === 'f32' ? 'i32' : t === 'f64' ? 'i64' : t;
    const expected = constOf(it, t === 'f32' ? (c.expected as number) | 0 : c.expected);
    void constRhs;
    return `(if (${it}.ne ${bits} ${expected}) (then ${fail}))`;
  });
  return `(func (export "main") (result i32) (local $f32 f32) (local $f64 f64)\n${checks.join('\n')}\n(i32.const 0))`;
}

const describeHere = canRunAarch64 ? describe : describe.skip;
if (!canRunAarch64) console.log(`skipped aarch64 numeric tests: ${cannotRunReason}`);

describeHere('numeric operators, native vs interpreter', () => {
  let all: Awaited<ReturnType<typeof cases>>;
  beforeAll(async () => {
    all = await cases();
  });

  it('covers every operator with hundreds of cases', () => {
    expect(all.list.length).toBeGreaterThan(20000);
  });

  it('agrees on every case', async () => {
    const CHUNK = 200;
    const failures: string[] = [];
    const runs: Promise<void>[] = [];
    for (let at = 0; at < all.list.length; at += CHUNK) {
      const chunk = all.list.slice(at, at + CHUNK);
      const used = [...new Set(chunk.map((c) => c.op))];
      const funcs = used.map((k) => all.funcs[k]!).join('\n');
      const wat = `(module ${funcs}\n${mainFor(chunk, all.opOf, all.constRhs)})`;
      runs.push(
        runWat(wat).then((r) => {
          if (r.status === 0) return;
          const c = r.status !== null && r.status >= 1 && r.status <= chunk.length ? chunk[r.status - 1] : undefined;
          if (!c) {
            failures.push(`chunk at ${at} (${used.map((k) => all.opOf[k]!.name).join(' ')}): status ${r.status}, signal ${r.signal}`);
            return;
          }
          const op = all.opOf[c.op]!;
          const rhs = all.constRhs.get(c.op);
          failures.push(`${op.name}${op.dirty ? ' (dirty)' : ''}${rhs !== undefined ? ` (rhs constant ${rhs})` : ''}(${c.args.join(', ')}) expected ${c.expected}`);
        }),
      );
    }
    await Promise.all(runs);
    expect(failures).toEqual([]);
  }, 900_000);
});
