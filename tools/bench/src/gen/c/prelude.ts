// The fixed head of every generated C program: includes, the helpers the generated
// functions share, and the struct types they keep in arrays. Everything here is written so
// that gcc on x86_64 and clang on wasm32 compute the same bits: fixed-width unsigned
// arithmetic (no signed overflow), masked shift counts, float values kept in ranges where
// conversions are defined and no NaN can arise, and libc results used only where libcs agree.

/** A field of a generated struct type, by the C type the generator knows how to fill and fold. */
export type FieldKind = 'u8' | 'u16' | 'i16' | 'u32' | 'u64' | 'f32' | 'f64' | 'name';

export interface StructType {
  name: string;
  /** Besides `key` and `idx` (uint32_t), which every struct has: the comparator orders by them. */
  fields: ReadonlyArray<{ name: string; kind: FieldKind }>;
}

export const STRUCT_TYPES: readonly StructType[] = [
  { name: 'rec0', fields: [{ name: 'weight', kind: 'f64' }, { name: 'tag', kind: 'u8' }] },
  { name: 'rec1', fields: [{ name: 'delta', kind: 'i16' }, { name: 'scale', kind: 'f32' }, { name: 'port', kind: 'u16' }] },
  { name: 'rec2', fields: [{ name: 'wide', kind: 'u64' }, { name: 'label', kind: 'name' }] },
  { name: 'rec3', fields: [{ name: 'lo', kind: 'u16' }, { name: 'hi', kind: 'u16' }, { name: 'mass', kind: 'f64' }, { name: 'flags', kind: 'u8' }] },
];

const C_TYPES: Record<FieldKind, string> = {
  u8: 'uint8_t',
  u16: 'uint16_t',
  i16: 'int16_t',
  u32: 'uint32_t',
  u64: 'uint64_t',
  f32: 'float',
  f64: 'double',
  name: 'char',
};

function structDefinition(t: StructType): string[] {
  const fields = t.fields.map((f) => (f.kind === 'name' ? `  char ${f.name}[8];` : `  ${C_TYPES[f.kind]} ${f.name};`));
  return [
    `struct ${t.name} {`,
    '  uint32_t key;',
    ...fields,
    '  uint32_t idx;',
    '};',
    // A total order (idx is unique in an array), so qsort's result does not depend on the libc.
    `static int cmp_${t.name}(const void *pa, const void *pb) {`,
    `  const struct ${t.name} *a = pa, *b = pb;`,
    '  if (a->key != b->key) return a->key < b->key ? -1 : 1;',
    '  return a->idx < b->idx ? -1 : a->idx > b->idx;',
    '}',
  ];
}

export function prelude(header: string): string[] {
  return [
    `/* ${header} */`,
    '#include <math.h>',
    '#include <stdint.h>',
    '#include <stdio.h>',
    '#include <stdlib.h>',
    '#include <string.h>',
    '',
    'typedef uint32_t (*fn_t)(uint32_t);',
    '',
    'static uint32_t rotl32(uint32_t x, uint32_t r) {',
    '  r &= 31u;',
    '  return r == 0 ? x : (x << r) | (x >> (32u - r));',
    '}',
    'static uint32_t mix32(uint32_t x) {',
    '  x ^= x >> 16;',
    '  x *= 0x7feb352du;',
    '  x ^= x >> 15;',
    '  x *= 0x846ca68bu;',
    '  return x ^ (x >> 16);',
    '}',
    '/* Folds a double in [0, 2^32) into [1, 2): generated float code stays finite and positive. */',
    'static double norm(double x) { return x - (double)(uint32_t)x + 1.0; }',
    'static float normf(float x) { return x - (float)(uint32_t)x + 1.0f; }',
    '/* Out-of-range conversion is undefined in C and traps in Wasm: guard it. */',
    'static uint32_t d2u(double x) { return x >= 0.0 && x < 4294967296.0 ? (uint32_t)x : 0u; }',
    'static double u2d(uint32_t x) { return (double)(x & 0xffffu) * (1.0 / 65536.0) + 1.0; }',
    'static uint32_t utoa_base(uint32_t v, char *out, uint32_t base) {',
    '  char tmp[33];',
    '  uint32_t n = 0;',
    '  do {',
    '    tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % base];',
    '    v /= base;',
    '  } while (v != 0);',
    '  for (uint32_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];',
    '  out[n] = 0;',
    '  return n;',
    '}',
    'static uint32_t fnv(const char *s) {',
    '  uint32_t h = 2166136261u;',
    '  while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;',
    '  return h;',
    '}',
    '/* strcmp and memcmp promise only the sign. */',
    'static uint32_t sign3(int r) { return (uint32_t)((r > 0) - (r < 0) + 1); }',
    '',
    ...STRUCT_TYPES.flatMap(structDefinition),
    '',
  ];
}
