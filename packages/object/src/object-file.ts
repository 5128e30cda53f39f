import { sectionSize, SECTION_KINDS, type Section } from './section.js';
import type { SymbolDef } from './symbol.js';

/** The output of compiling one unit (a Wasm instance, a platform stub file, ...). */
export interface ObjectFile {
  /** Used in diagnostics, e.g. `app.o` or `platform-qemu-x86_64/boot.o`. */
  name: string;
  /** Target-triple spelling (`x86_64`, `aarch64`); the linker refuses to mix ISAs. */
  isa: string;
  sections: Section[];
  symbols: SymbolDef[];
}

/** An object breaks the model's rules; `problems` lists every one found. */
export class ObjectFormatError extends Error {
  constructor(
    readonly objectName: string,
    readonly problems: string[],
  ) {
    super(`invalid object ${objectName}:\n  ${problems.join('\n  ')}`);
    this.name = 'ObjectFormatError';
  }
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
const isOffset = (n: number) => Number.isInteger(n) && n >= 0;

/**
 * Every problem with `object` that does not need the relocation table to see: duplicate
 * names, bad alignments, symbols and relocations outside their section. Empty if valid.
 */
export function objectProblems(object: ObjectFile): string[] {
  const problems: string[] = [];
  const sections = new Map<string, Section>();
  for (const s of object.sections) {
    if (sections.has(s.name)) problems.push(`section ${s.name} is defined twice`);
    sections.set(s.name, s);
    if (!SECTION_KINDS.includes(s.kind)) problems.push(`section ${s.name} has unknown kind '${String(s.kind)}'`);
    if (!isPowerOfTwo(s.alignment)) problems.push(`section ${s.name} has alignment ${s.alignment}, not a power of two`);
    if (s.kind === 'bss') {
      if (!isOffset(s.size)) problems.push(`section ${s.name} has invalid size ${s.size}`);
      if (s.relocations.length > 0) problems.push(`section ${s.name} is bss but has relocations`);
    }
    const size = sectionSize(s);
    for (const r of s.relocations) {
      if (!isOffset(r.offset) || r.offset >= size) {
        problems.push(`section ${s.name}: relocation ${r.type} against ${r.symbol} at offset ${r.offset} is outside the section (${size} bytes)`);
      }
    }
  }
  const symbols = new Set<string>();
  for (const sym of object.symbols) {
    if (symbols.has(sym.name)) problems.push(`symbol ${sym.name} is defined twice`);
    symbols.add(sym.name);
    const s = sections.get(sym.section);
    if (!s) {
      problems.push(`symbol ${sym.name} is defined in section ${sym.section}, which does not exist`);
      continue;
    }
    // offset == size is allowed: end-of-region markers such as a stack top.
    if (!isOffset(sym.offset) || !isOffset(sym.size) || sym.offset + sym.size > sectionSize(s)) {
      problems.push(`symbol ${sym.name} (offset ${sym.offset}, size ${sym.size}) does not fit section ${s.name} (${sectionSize(s)} bytes)`);
    }
  }
  return problems;
}

/** Throw `ObjectFormatError` listing every problem of `object`, if any. */
export function validateObjectFile(object: ObjectFile): void {
  const problems = objectProblems(object);
  if (problems.length > 0) throw new ObjectFormatError(object.name, problems);
}
