// Structs in arrays: fill every field from a hash, sort (by hand or with qsort and a
// comparator, a call through a pointer from inside libc), copy records, and fold the
// fields back, each by its type.
import type { Rng } from '../rng.js';
import { u32Const } from './expr.js';
import type { FieldKind, StructType } from './prelude.js';
import { STRUCT_TYPES } from './prelude.js';
import { indent, type Shape } from './shape.js';

/** A statement giving field `f` of `r[i]` a value derived from `h` (a uint32_t). */
function fill(kind: FieldKind, f: string): string {
  switch (kind) {
    case 'u8': return `r[i].${f} = (uint8_t)(h >> 24);`;
    case 'u16': return `r[i].${f} = (uint16_t)(h >> 8);`;
    case 'i16': return `r[i].${f} = (int16_t)((int32_t)(h & 0x7fffu) - 16384);`;
    case 'u32': return `r[i].${f} = h ^ 0x5bd1e995u;`;
    case 'u64': return `r[i].${f} = ((uint64_t)h << 29) ^ (uint64_t)mix32(h);`;
    case 'f32': return `r[i].${f} = (float)u2d(h >> 3);`;
    case 'f64': return `r[i].${f} = u2d(h >> 5) * 1.5;`;
    case 'name': return `utoa_base(h & 0xfffffu, r[i].${f}, 36u);`;
  }
}

/** An expression folding field `f` of `r[i]` into a uint32_t. */
function fold(kind: FieldKind, f: string): string {
  switch (kind) {
    case 'u8':
    case 'u16':
    case 'u32': return `(uint32_t)r[i].${f}`;
    case 'i16': return `(uint32_t)(int32_t)r[i].${f}`;
    case 'u64': return `(uint32_t)(r[i].${f} >> 17)`;
    case 'f32': return `d2u((double)r[i].${f} * 1024.0)`;
    case 'f64': return `d2u(r[i].${f} * 65536.0)`;
    case 'name': return `fnv(r[i].${f})`;
  }
}

function sortLines(rng: Rng, t: StructType, n: number): string[] {
  if (rng.chance(0.5)) return [`qsort(r, ${n}u, sizeof r[0], cmp_${t.name});`];
  return [
    `for (uint32_t i = 1; i < ${n}u; i++) {`,
    `  struct ${t.name} x = r[i];`,
    '  uint32_t j = i;',
    `  while (j > 0 && cmp_${t.name}(&r[j - 1], &x) > 0) {`,
    '    r[j] = r[j - 1];',
    '    j--;',
    '  }',
    '  r[j] = x;',
    '}',
  ];
}

export const structsShape: Shape = {
  id: 'structs',
  leaf: true,
  body({ rng }) {
    const t = rng.pick(STRUCT_TYPES);
    const n = rng.int(6, 24);
    const lines = [
      `struct ${t.name} r[${n}];`,
      `uint32_t acc = seed ^ ${u32Const(rng)};`,
      `for (uint32_t i = 0; i < ${n}u; i++) {`,
      `  uint32_t h = mix32(seed + i * ${u32Const(rng)});`,
      // Few distinct keys, so that ties occur and the idx tiebreak matters.
      `  r[i].key = h % ${rng.int(3, 40)}u;`,
      '  r[i].idx = i;',
      ...indent(t.fields.map((f) => fill(f.kind, f.name))),
      '}',
      ...sortLines(rng, t, n),
    ];
    if (rng.chance(0.5)) {
      const [a, b] = [rng.int(0, n - 1), rng.int(0, n - 1)];
      lines.push('{', `  struct ${t.name} tmp = r[${a}];`, `  r[${a}] = r[${b}];`, `  r[${b}] = tmp;`, '}');
    }
    lines.push(`for (uint32_t i = 0; i < ${n}u; i++) {`);
    const terms = ['r[i].key', 'r[i].idx', ...t.fields.map((f) => fold(f.kind, f.name))];
    lines.push(`  acc = rotl32(acc, ${rng.int(1, 31)}) ^ (${terms.join(' + ')});`);
    const f64 = t.fields.find((f) => f.kind === 'f64');
    if (f64 && rng.chance(0.6)) lines.push(`  if (r[i].${f64.name} > ${(rng.int(1100, 2900) / 1000).toFixed(3)}) acc += i * ${u32Const(rng)};`);
    lines.push('}', 'return acc;');
    return indent(lines);
  },
};
