// A shape is one kind of generated function: `static uint32_t fN(uint32_t seed)` whose
// body exercises one area of the compiler (arithmetic, loops, switches, calls, structs,
// strings, floats). Leaf shapes call no generated function; the others call only leaves
// defined earlier, so the program's run time stays bounded however many functions it has.
import type { Rng } from '../rng.js';

export interface ShapeContext {
  rng: Rng;
  /** Generated leaf functions defined before this one, by name (at least one). */
  leaves: readonly string[];
}

export interface Shape {
  id: string;
  /** Calls no generated function. */
  leaf: boolean;
  /** The statements of the body, indented by two, ending in a return. */
  body(ctx: ShapeContext): string[];
}

/** Indents lines by `n` levels of two spaces. */
export function indent(lines: readonly string[], n = 1): string[] {
  const pad = '  '.repeat(n);
  return lines.map((l) => (l === '' ? l : pad + l));
}
