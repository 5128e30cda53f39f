// The cpu suite's programs are the C files in tools/bench/programs. Each opens with a
// one-line comment `/* <name>: <what it exercises> */`, which names it in the report, so
// adding a program is adding a file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../options.js';

export interface CpuProgram {
  name: string;
  /** What the program stresses, from its header comment. */
  description: string;
  /** Absolute path of the C source. */
  source: string;
}

/** The name and description from a program's first line, or undefined if it has no such header. */
export function parseProgramHeader(text: string): { name: string; description: string } | undefined {
  const first = text.split('\n', 1)[0] ?? '';
  const match = /^\/\*\s*([a-z0-9_-]+):\s*(.*?)\s*\*\/\s*$/.exec(first);
  return match ? { name: match[1], description: match[2] } : undefined;
}

/** Every program in dir, by name. A file whose header does not match its file name is an error. */
export function findPrograms(dir: string): CpuProgram[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.c'));
  return files
    .map((file) => {
      const source = path.join(dir, file);
      const header = parseProgramHeader(readFileSync(source, 'utf8'));
      const stem = file.slice(0, -2);
      if (!header || header.name !== stem) throw new Error(`${source}: the first line must be '/* ${stem}: <description> */'`);
      return { name: stem, description: header.description, source };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The programs named in a comma-separated list (all of them for undefined or ''), in suite order. */
export function selectPrograms(all: readonly CpuProgram[], list: string | undefined): CpuProgram[] {
  const wanted = splitList(list);
  if (wanted.length === 0) return [...all];
  const unknown = wanted.filter((w) => !all.some((p) => p.name === w));
  if (unknown.length > 0) throw new UsageError(`unknown program(s) ${unknown.join(', ')}; the programs are ${all.map((p) => p.name).join(', ')}`);
  return all.filter((p) => wanted.includes(p.name));
}

export function splitList(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
