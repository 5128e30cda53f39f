// Calls: through a table of function pointers chosen by data, through a pointer passed as
// an argument, and direct calls to earlier leaves (which the C compiler may inline).
import { intExpr, u32Const } from './expr.js';
import { indent, type Shape } from './shape.js';

export const callsShape: Shape = {
  id: 'calls',
  leaf: false,
  body({ rng, leaves }) {
    const table = Array.from({ length: rng.int(2, 6) }, () => rng.pick(leaves));
    const lines = [
      `static const fn_t table[${table.length}] = { ${table.join(', ')} };`,
      `uint32_t acc = seed ^ ${u32Const(rng)};`,
      `for (uint32_t i = 0; i < ${rng.int(2, 8)}u; i++) {`,
      `  fn_t f = table[(acc >> ${rng.int(0, 16)}) % ${table.length}u];`,
      `  acc = f(acc + i) ^ rotl32(acc, ${rng.int(1, 31)});`,
      '}',
    ];
    const direct = rng.int(1, 3);
    for (let k = 0; k < direct; k++) lines.push(`acc += ${rng.pick(leaves)}(${intExpr(rng, ['acc', 'seed'], 2)});`);
    if (rng.chance(0.5)) {
      // A pointer that arrives through a variable the compiler cannot see through.
      lines.push(`fn_t g = (acc & 1u) ? ${rng.pick(leaves)} : ${rng.pick(leaves)};`, `acc ^= g(acc >> ${rng.int(1, 8)});`);
    }
    lines.push('return acc;');
    return indent(lines);
  },
};
