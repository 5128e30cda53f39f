// Integer arithmetic: straight-line 32- and 64-bit code with conditionals, the bread and
// butter of instruction selection and register allocation (many live values).
import { intCondition, intExpr, shiftCount, u32Const } from './expr.js';
import { indent, type Shape, type ShapeContext } from './shape.js';

const VARS = ['a', 'b', 'c', 'd', 'e'] as const;

function statement(ctx: ShapeContext): string[] {
  const { rng } = ctx;
  const v = rng.pick(VARS);
  switch (rng.int(0, 6)) {
    case 0:
    case 1:
    case 2: return [`${v} = ${intExpr(rng, VARS, rng.int(2, 3))};`];
    case 3: return [`w = w * ${u32Const(rng)} + ${v};`, `${rng.pick(VARS)} ^= (uint32_t)(w >> ${rng.int(20, 40)});`];
    case 4: return [`w ^= (w >> ${shiftCount(rng)}) + ((uint64_t)${v} << ${rng.int(1, 32)});`];
    case 5: return [`s = s / ${rng.int(2, 999)} + (int64_t)(int32_t)${v};`, `${rng.pick(VARS)} += (uint32_t)s;`];
    default:
      return [
        `if (${intCondition(rng, VARS)}) {`,
        `  ${rng.pick(VARS)} = ${intExpr(rng, VARS, 2)};`,
        '} else {',
        `  ${rng.pick(VARS)} ^= ${intExpr(rng, VARS, 2)};`,
        '}',
      ];
  }
}

export const arithShape: Shape = {
  id: 'arith',
  leaf: true,
  body(ctx) {
    const { rng } = ctx;
    const lines = [
      `uint32_t a = seed ^ ${u32Const(rng)}, b = mix32(seed + ${u32Const(rng)}), c = seed * ${u32Const(rng)}, d = rotl32(seed, ${shiftCount(rng)}), e = ${u32Const(rng)};`,
      'uint64_t w = ((uint64_t)seed << 32) | b;',
      // Signed 64-bit: divided by a constant before any add, so it never overflows.
      'int64_t s = (int64_t)(int32_t)c;',
    ];
    const n = rng.int(8, 20);
    for (let i = 0; i < n; i++) lines.push(...statement(ctx));
    lines.push('return a ^ b ^ c ^ d ^ e ^ (uint32_t)(w >> 32) ^ (uint32_t)w ^ (uint32_t)s;');
    return indent(lines);
  },
};
