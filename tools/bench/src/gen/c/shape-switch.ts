// A state machine: a loop around a switch, dense (a jump table) or sparse (a tree of
// compares), whose cases update state and accumulator.
import { intExpr, u32Const } from './expr.js';
import { indent, type Shape } from './shape.js';

const VARS = ['s', 'acc', 'i'] as const;

export const switchShape: Shape = {
  id: 'switch',
  leaf: true,
  body({ rng }) {
    const cases = rng.int(4, 18);
    const sparse = rng.chance(0.3);
    const label = (k: number): number => (sparse ? k * rng.int(3, 40) + rng.int(0, 2) : k);
    const lines = [
      `uint32_t s = seed, acc = ${u32Const(rng)};`,
      `for (uint32_t i = 0; i < ${rng.int(16, 64)}u; i++) {`,
      `  switch (${sparse ? `(s >> ${rng.int(0, 8)}) & 0x3ffu` : `(s >> ${rng.int(0, 8)}) % ${cases + 1}u`}) {`,
    ];
    const used = new Set<number>();
    for (let k = 0; k < cases; k++) {
      const value = label(k);
      if (used.has(value)) continue;
      used.add(value);
      lines.push(`    case ${value}u:`);
      lines.push(`      acc ${rng.pick(['+=', '^=', '-='])} ${intExpr(rng, VARS, rng.int(1, 2))};`);
      if (rng.chance(0.3)) lines.push(`      s ^= acc >> ${rng.int(1, 31)};`);
      lines.push(rng.chance(0.15) ? '      /* fall through */' : '      break;');
    }
    lines.push('    default:', `      acc = rotl32(acc, ${rng.int(1, 31)}) ^ s;`, '      break;', '  }');
    lines.push(`  s = s * ${u32Const(rng)} + i;`, '}', 'return acc ^ s;');
    return indent(lines);
  },
};
