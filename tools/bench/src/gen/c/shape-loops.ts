// Loops over a local array (sometimes on the heap): fills, prefix sums, sorts, searches,
// nested loops and a data-dependent while loop. Exercises loop lowering, memory operands
// and values live across back edges.
import type { Rng } from '../rng.js';
import { intExpr, u32Const } from './expr.js';
import { indent, type Shape } from './shape.js';

/** One loop kernel over `v[0..n)`, folding into `acc`. */
function kernel(rng: Rng, n: number): string[] {
  switch (rng.int(0, 6)) {
    case 0:
      return [`for (uint32_t i = 1; i < ${n}u; i++) v[i] += v[i - 1] ^ ${u32Const(rng)};`];
    case 1:
      return [
        `for (uint32_t i = 1; i < ${n}u; i++) {`,
        '  uint32_t x = v[i], j = i;',
        `  while (j > 0 && v[j - 1] ${rng.pick(['>', '<'])} x) {`,
        '    v[j] = v[j - 1];',
        '    j--;',
        '  }',
        '  v[j] = x;',
        '}',
      ];
    case 2:
      return [
        `for (uint32_t i = 0, j = ${n - 1}u; i < j; i++, j--) {`,
        '  uint32_t t = v[i];',
        '  v[i] = v[j] ^ acc;',
        '  v[j] = t;',
        '}',
      ];
    case 3: {
      const m = Math.min(n, rng.int(8, 24));
      return [
        `for (uint32_t i = 0; i < ${m}u; i++)`,
        '  for (uint32_t j = 0; j < i; j++)',
        `    acc += (v[i] * v[j]) ^ (acc >> ${rng.int(1, 31)});`,
      ];
    }
    case 4:
      return [
        `uint32_t lo = v[0], hi = v[0], at = 0;`,
        `for (uint32_t i = 1; i < ${n}u; i++) {`,
        '  if (v[i] < lo) lo = v[i];',
        '  if (v[i] > hi) {',
        '    hi = v[i];',
        '    at = i;',
        '  }',
        '}',
        `acc ^= lo + hi * ${u32Const(rng)} + at;`,
      ];
    case 5:
      return [
        `uint32_t x = acc | 1u, steps = 0;`,
        `while (x != 1u && steps < ${rng.int(16, 96)}u) {`,
        '  x = (x & 1u) ? x * 3u + 1u : x >> 1;',
        '  steps++;',
        '}',
        'acc += steps ^ x;',
      ];
    default:
      return [
        `for (uint32_t i = 0; i < ${n}u; i++) {`,
        `  if ((v[i] & ${rng.int(1, 15)}u) == 0) continue;`,
        `  acc = rotl32(acc, ${rng.int(1, 31)}) + ${intExpr(rng, ['v[i]', 'acc', 'i'], 2)};`,
        '}',
      ];
  }
}

export const loopsShape: Shape = {
  id: 'loops',
  leaf: true,
  body({ rng }) {
    const n = rng.int(8, 48);
    const heap = rng.chance(0.2);
    const lines = [
      heap ? `uint32_t *v = malloc(${n}u * sizeof *v);` : `uint32_t v[${n}];`,
      `uint32_t acc = seed ^ ${u32Const(rng)};`,
      `for (uint32_t i = 0; i < ${n}u; i++) {`,
      `  acc = acc * 1664525u + 1013904223u;`,
      `  v[i] = acc >> ${rng.int(0, 12)};`,
      '}',
    ];
    const kernels = rng.int(2, 4);
    // Each kernel in its own block, so their local names never clash.
    for (let k = 0; k < kernels; k++) lines.push('{', ...indent(kernel(rng, n)), '}');
    lines.push(`acc ^= v[${rng.int(0, n - 1)}] + v[${n - 1}];`);
    if (heap) lines.push('free(v);');
    lines.push('return acc;');
    return indent(lines);
  },
};
