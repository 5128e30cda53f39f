// Random C expressions whose value is the same on every conforming target: uint32_t
// arithmetic (wraps, never overflows), shift counts masked or constant, divisors forced
// odd; doubles built only from +, *, / and sqrt of operands in [0.5, 2], so that a tree of
// depth 3 stays within [2^-8, 2^8], finite and positive, and norm() folds it back.
import type { Rng } from '../rng.js';

export function u32Const(rng: Rng): string {
  return `0x${rng.int(1, 0xffff_ffff).toString(16)}u`;
}

export function shiftCount(rng: Rng): number {
  return rng.int(1, 31);
}

function intLeaf(rng: Rng, vars: readonly string[]): string {
  return rng.chance(0.8) ? rng.pick(vars) : u32Const(rng);
}

/** A uint32_t operand: an expression of at most `depth` levels, or a leaf. */
function intOperand(rng: Rng, vars: readonly string[], depth: number): string {
  return depth <= 0 || rng.chance(0.25) ? intLeaf(rng, vars) : intExpr(rng, vars, depth);
}

/** A uint32_t expression over `vars` (uint32_t variables): an operation at the top (never `x = x`), `depth` levels at most. */
export function intExpr(rng: Rng, vars: readonly string[], depth: number): string {
  if (depth <= 0) return intLeaf(rng, vars);
  const a = (): string => intOperand(rng, vars, depth - 1);
  const k = shiftCount(rng);
  switch (rng.int(0, 17)) {
    case 0: return `(${a()} + ${a()})`;
    case 1: return `(${a()} - ${a()})`;
    case 2: return `(${a()} * ${a()})`;
    case 3: return `(${a()} ^ ${a()})`;
    case 4: return `(${a()} & ${a()})`;
    case 5: return `(${a()} | ${a()})`;
    case 6: return `(${a()} << (${a()} & 31u))`;
    case 7: return `(${a()} >> ${k})`;
    case 8: return `rotl32(${a()}, ${a()})`;
    case 9: return `mix32(${a()})`;
    case 10: return `(${a()} / (${a()} | 1u))`;
    case 11: return `(${a()} % (${a()} | 1u))`;
    case 12: {
      const [x, y] = [a(), a()];
      return `(${x} < ${y} ? ${x} : ${y})`;
    }
    case 13: return `(uint32_t)((int32_t)${a()} >> ${k})`;
    case 14: return `(uint32_t)(((uint64_t)${a()} * ${a()}) >> 32)`;
    case 15: return `(uint32_t)((int32_t)${a()} / ${rng.int(2, 1000)})`;
    case 16: return `(uint32_t)(${a()} > ${a()})`;
    default: return `(${a()} * ${u32Const(rng)} + ${u32Const(rng)})`;
  }
}

/** A decimal literal in [0.5, 2], exact enough that both compilers read the same double. */
export function doubleConst(rng: Rng, suffix = ''): string {
  return `${(rng.int(500, 2000) / 1000).toFixed(3)}${suffix}`;
}

/**
 * A positive expression over `vars`, each in [1, 2), of at most `depth` levels (≤ 3): the
 * result lies in [2^-8, 2^8]. `f32` makes it float arithmetic, with sqrtf.
 */
export function floatExpr(rng: Rng, vars: readonly string[], depth: number, f32 = false): string {
  const suffix = f32 ? 'f' : '';
  if (depth <= 0 || rng.chance(0.2)) return rng.chance(0.7) ? rng.pick(vars) : doubleConst(rng, suffix);
  const a = (): string => floatExpr(rng, vars, depth - 1, f32);
  switch (rng.int(0, 5)) {
    case 0: return `(${a()} + ${a()})`;
    case 1:
    case 2: return `(${a()} * ${a()})`;
    case 3: return `(${a()} / ${a()})`;
    case 4: return `sqrt${suffix}(${a()})`;
    default: {
      const [x, y] = [a(), a()];
      return `(${x} > ${y} ? ${x} : ${y})`;
    }
  }
}

/** A comparison of two uint32_t expressions, for conditions. */
export function intCondition(rng: Rng, vars: readonly string[]): string {
  const op = rng.pick(['<', '>', '<=', '>=', '==', '!=']);
  if (rng.chance(0.3)) return `(int32_t)${intExpr(rng, vars, 1)} ${op} (int32_t)${intExpr(rng, vars, 1)}`;
  return `${intExpr(rng, vars, 1)} ${op} ${intExpr(rng, vars, 1)}`;
}
