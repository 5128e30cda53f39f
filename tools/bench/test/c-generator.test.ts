import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { functionName, generateCProgram } from '../src/gen/c/program.js';

const DEFINITION = /^static uint32_t (f\d+)\(uint32_t seed\) \{$/gm;

function definedFunctions(source: string): string[] {
  return [...source.matchAll(DEFINITION)].map((m) => m[1]);
}

function hasGcc(): boolean {
  return spawnSync('gcc', ['--version']).status === 0;
}

describe('C program generator', () => {
  const program = generateCProgram({ functions: 300 });

  test('is deterministic for a seed, and the seed matters', () => {
    expect(generateCProgram({ functions: 300 }).source).toBe(program.source);
    expect(generateCProgram({ functions: 50, seed: 1 }).source).not.toBe(generateCProgram({ functions: 50, seed: 2 }).source);
  });

  test('defines exactly the functions asked for, each once, in order', () => {
    const names = definedFunctions(program.source);
    expect(program.functionCount).toBe(300);
    expect(names).toEqual(Array.from({ length: 300 }, (_, k) => functionName(k)));
  });

  test('main calls every function through one table', () => {
    const table = /static const fn_t FUNCS\[(\d+)\] = \{([^}]*)\};/.exec(program.source);
    expect(table?.[1]).toBe('300');
    expect(table?.[2].split(',').map((s) => s.trim()).filter(Boolean)).toEqual(definedFunctions(program.source));
    expect(program.source).toMatch(/int main\(void\) \{[\s\S]*printf\("300 functions, checksum %016llx\\n"/);
  });

  test('mixes every shape, and counts them', () => {
    expect(Object.values(program.shapes).reduce((a, b) => a + b, 0)).toBe(300);
    expect(Object.keys(program.shapes).sort()).toEqual(['arith', 'calls', 'floats', 'loops', 'strings', 'structs', 'switch']);
  });

  test('a function calls only functions defined before it (so the run time stays bounded)', () => {
    const bodies = program.source.split(DEFINITION);
    // split with one capture group: [prelude, name0, body0, name1, body1, …]
    for (let i = 1; i < bodies.length; i += 2) {
      const self = Number(bodies[i].slice(1));
      const body = bodies[i + 1].split('\n}\n')[0];
      for (const m of body.matchAll(/\bf(\d+)\b/g)) expect(Number(m[1])).toBeLessThan(self);
    }
  });

  test('braces and parentheses balance (outside comments and literals)', () => {
    const code = program.source.replace(/\/\*[\s\S]*?\*\/|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '');
    const count = (c: string): number => code.split(c).length - 1;
    expect(count('{')).toBe(count('}'));
    expect(count('(')).toBe(count(')'));
    expect(count('[')).toBe(count(']'));
  });

  test('rejects a function count that is not a positive integer', () => {
    expect(() => generateCProgram({ functions: 0 })).toThrow(RangeError);
    expect(() => generateCProgram({ functions: 2.5 })).toThrow(RangeError);
  });

  // The compiler is the judge of valid C; skipped where gcc is missing.
  (hasGcc() ? test : test.skip)('is C that gcc accepts without errors, for several seeds', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-cgen-'));
    try {
      for (const seed of [1, 2, 3]) {
        const file = path.join(dir, `p${seed}.c`);
        writeFileSync(file, generateCProgram({ functions: 120, seed }).source);
        expect(() => execFileSync('gcc', ['-std=c11', '-fsyntax-only', '-Werror=implicit-function-declaration', '-Werror=return-type', file], { stdio: 'pipe' })).not.toThrow();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
