// String handling: digits written into buffers, libc string functions (strlen, strchr,
// strcmp, memcpy, snprintf), a tokenizer over a literal, case folding, a character switch.
import type { Rng } from '../rng.js';
import { u32Const } from './expr.js';
import { indent, type Shape } from './shape.js';

const WORDS = [
  'wasm', 'kernel', 'page', 'trap', 'table', 'memory', 'stack', 'frame', 'linker', 'symbol', 'section', 'reloc',
  'vreg', 'spill', 'block', 'loop', 'branch', 'opcode', 'module', 'import', 'export', 'global', 'elf', 'boot',
] as const;

function literal(rng: Rng): string {
  const n = rng.int(3, 9);
  return Array.from({ length: n }, () => rng.pick(WORDS)).join(rng.pick([' ', ' ', ',', ':']));
}

function step(rng: Rng): string[] {
  switch (rng.int(0, 6)) {
    case 0:
      return [`n = utoa_base(h ^ ${u32Const(rng)}, buf, ${rng.pick([2, 8, 10, 16, 36])}u);`, 'h = (h ^ fnv(buf)) * 16777619u + n;'];
    case 1:
      return [
        `for (const char *p = text; *p; p++) {`,
        '  h = (h ^ (uint8_t)*p) * 16777619u;',
        `  if (*p == '${rng.pick([' ', ',', ':'])}') words++;`,
        '}',
      ];
    case 2:
      return [
        `const char *hit = strchr(text, '${rng.pick(WORDS)[rng.int(0, 2)]}');`,
        'h += hit ? (uint32_t)(hit - text) * 2654435761u : 7u;',
      ];
    case 3:
      return [
        'for (uint32_t i = 0; buf[i]; i++)',
        "  if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] = (char)(buf[i] - 32);",
        `h = h * 33u + sign3(strcmp(buf, "${rng.pick(WORDS).toUpperCase()}")) + (uint32_t)strlen(buf);`,
      ];
    case 4:
      return [
        `n = (uint32_t)snprintf(buf, sizeof buf, "%s-%u-%x", "${rng.pick(WORDS)}", h % ${rng.int(10, 100000)}u, words);`,
        'h ^= fnv(buf) + n;',
      ];
    case 5: {
      const w = rng.pick(WORDS);
      return [
        `memcpy(buf, "${w}", ${w.length + 1});`,
        `for (uint32_t i = 0, j = ${w.length - 1}u; i < j; i++, j--) {`,
        '  char t = buf[i];',
        '  buf[i] = buf[j];',
        '  buf[j] = t;',
        '}',
        `h = h * 31u + sign3(memcmp(buf, text, ${Math.min(w.length, 3)}));`,
      ];
    }
    default:
      return [
        'for (const char *p = text; *p; p++) {',
        '  switch (*p) {',
        "    case 'a': case 'e': case 'i': case 'o': case 'u': h += 3u; break;",
        "    case ' ': case ',': case ':': h = rotl32(h, 5); break;",
        `    default: h ^= (uint8_t)*p * ${u32Const(rng)};`,
        '  }',
        '}',
      ];
  }
}

export const stringsShape: Shape = {
  id: 'strings',
  leaf: true,
  body({ rng }) {
    const lines = [
      `static const char text[] = "${literal(rng)}";`,
      'char buf[64];',
      `uint32_t h = seed ^ ${u32Const(rng)}, n = 0, words = 0;`,
      'buf[0] = 0;',
    ];
    const steps = rng.int(3, 7);
    for (let k = 0; k < steps; k++) lines.push('{', ...indent(step(rng)), '}');
    lines.push('return h ^ (n << 7) ^ words;');
    return indent(lines);
  },
};
