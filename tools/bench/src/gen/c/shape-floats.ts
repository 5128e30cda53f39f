// Floating point: double and float recurrences in loops (polynomials, Newton steps,
// mixes of conversions), folded back to an integer through a guarded conversion.
import { doubleConst, floatExpr, intExpr } from './expr.js';
import { indent, type Shape } from './shape.js';

const D = ['x', 'y', 'z'] as const;
const F = ['p', 'q'] as const;

export const floatsShape: Shape = {
  id: 'floats',
  leaf: true,
  body({ rng }) {
    const lines = [
      `double x = u2d(seed), y = u2d(seed >> 16), z = u2d(mix32(seed));`,
      `float p = (float)u2d(seed >> 8), q = (float)u2d(seed * 3u);`,
      `uint32_t acc = seed;`,
      `for (uint32_t i = 0; i < ${rng.int(4, 40)}u; i++) {`,
    ];
    const body: string[] = [];
    const n = rng.int(3, 8);
    for (let k = 0; k < n; k++) {
      switch (rng.int(0, 4)) {
        case 0:
        case 1:
          body.push(`${rng.pick(D)} = norm(${floatExpr(rng, D, rng.int(2, 3))});`);
          break;
        case 2:
          body.push(`${rng.pick(F)} = normf(${floatExpr(rng, F, rng.int(1, 3), true)});`);
          break;
        case 3:
          // Horner: degree ≤ 3 in x ∈ [1, 2) with coefficients ≤ 2 stays below 2^6.
          body.push(`${rng.pick(D)} = norm(((${doubleConst(rng)} * x + ${doubleConst(rng)}) * x + ${doubleConst(rng)}) * x + ${doubleConst(rng)});`);
          break;
        default:
          body.push(`${rng.pick(D)} = norm(${rng.pick(D)} + u2d(${intExpr(rng, ['acc', 'i'], 2)}));`);
      }
    }
    body.push(`acc = acc * 31u + d2u(${rng.pick(D)} * 16777216.0) + d2u((double)${rng.pick(F)} * 65536.0);`);
    lines.push(...indent(body), '}');
    lines.push('return acc ^ d2u(x * 4194304.0) ^ d2u(y * 1048576.0) ^ d2u(z * 262144.0);');
    return indent(lines);
  },
};
