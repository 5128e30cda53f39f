import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheKey, cached } from '../src/cpu/cache.js';
import { compareOutput, type ProcessOutput } from '../src/cpu/check.js';
import { parseChildrenCpuMs } from '../src/cpu/child-cpu.js';
import { commandLine, mewzBuild, nativeBuild, nodeRun, wasm2cCompile, wasm2cTranslate, wasmBuild, type Tools } from '../src/cpu/commands.js';
import { describeEnd, firstLine } from '../src/cpu/exec.js';
import { hasBuildCommand } from '../src/cpu/mewz.js';
import { findPrograms, parseProgramHeader, selectPrograms } from '../src/cpu/programs.js';
import { resolveTool } from '../src/cpu/resolve-tool.js';
import { geometricMean, ratio } from '../src/cpu/stats.js';
import { parseVersion, versionsLine } from '../src/cpu/toolchain.js';
import { AARCH64, missingTargetTools, runOn, X86_64 } from '../src/cpu/target.js';
import { selectVariants } from '../src/cpu/variants.js';
import { UsageError } from '../src/options.js';

const PROGRAMS_DIR = path.join(__dirname, '..', 'programs');

describe('programs', () => {
  test('header line gives name and description', () => {
    expect(parseProgramHeader('/* fib: naive recursion (calls) */\n#include <stdio.h>')).toEqual({ name: 'fib', description: 'naive recursion (calls)' });
    expect(parseProgramHeader('#include <stdio.h>\n/* fib: x */')).toBeUndefined();
    expect(parseProgramHeader('// fib: x')).toBeUndefined();
  });

  test('the suite has at least eight programs, each with a header naming its file', () => {
    const programs = findPrograms(PROGRAMS_DIR);
    expect(programs.length).toBeGreaterThanOrEqual(8);
    for (const p of programs) {
      expect(p.description).not.toBe('');
      const source = readFileSync(p.source, 'utf8');
      expect(source).toMatch(/int main\(int argc, char \*\*argv\)/); // sizes come from argv
      expect(source).toMatch(/argc > 1 \?/); // with a default
    }
    expect(programs.map((p) => p.name)).toEqual([...programs.map((p) => p.name)].sort());
  });

  test('selection by comma-separated names, in suite order; unknown names are usage errors', () => {
    const all = findPrograms(PROGRAMS_DIR);
    expect(selectPrograms(all, undefined)).toHaveLength(all.length);
    expect(selectPrograms(all, ' sort, fib ').map((p) => p.name)).toEqual(['fib', 'sort']);
    expect(() => selectPrograms(all, 'fib,nope')).toThrow(UsageError);
  });

  test('variants: native is always in; unknown ones are usage errors', () => {
    expect(selectVariants(undefined)).toEqual(['mewz', 'node', 'wasm2c', 'native']);
    expect(selectVariants('node')).toEqual(['node', 'native']);
    expect(() => selectVariants('node,v8')).toThrow(UsageError);
  });
});

describe('checking outputs', () => {
  const ref: ProcessOutput = { stdout: 'a 1\nchecksum 42\n', stderr: '', status: 0, signal: null };
  test('same stdout and status is a match', () => {
    expect(compareOutput(ref, { ...ref, stderr: 'warnings do not count' })).toBeUndefined();
  });
  test('a different line is named with both versions', () => {
    expect(compareOutput(ref, { ...ref, stdout: 'a 1\nchecksum 43\n' })).toBe('stdout differs at line 2: expected "checksum 42", got "checksum 43"');
    expect(compareOutput(ref, { ...ref, stdout: 'a 1\n' })).toBe('stdout differs at line 2: expected "checksum 42", got ""');
    expect(compareOutput(ref, { ...ref, stdout: 'a 1\nchecksum 42\nmore\n' })).toBe('stdout differs at line 3: expected "", got "more"');
  });
  test('a trap, a signal or a timeout is a failure with what the program said', () => {
    expect(compareOutput(ref, { ...ref, status: 134, stderr: '\ntrap: out of bounds memory access in func 12\n' })).toBe(
      'exit status 134 (expected exit status 0): trap: out of bounds memory access in func 12',
    );
    expect(compareOutput(ref, { ...ref, status: null, signal: 'SIGSEGV' })).toBe('killed by SIGSEGV (expected exit status 0)');
    expect(compareOutput(ref, { ...ref, status: null, error: 'timed out after 120 s' })).toBe('timed out after 120 s (expected exit status 0)');
    expect(describeEnd({ status: 3, signal: null })).toBe('exit status 3');
    expect(firstLine('\n  \n  first\nsecond')).toBe('first');
  });
});

describe('statistics', () => {
  test('geometric mean', () => {
    expect(geometricMean([])).toBeUndefined();
    expect(geometricMean([2, 8])).toBeCloseTo(4, 12);
    expect(geometricMean([0.5, 2])).toBeCloseTo(1, 12);
    expect(() => geometricMean([1, 0])).toThrow(RangeError);
  });
  test('ratio', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(undefined, 2)).toBeUndefined();
    expect(ratio(1, undefined)).toBeUndefined();
  });
});

describe('command lines', () => {
  const tools: Tools = { cc: 'gcc', wasmCc: 'clang-14', wasm2c: '/usr/bin/wasm2c', node: '/usr/bin/node' };
  test('every build and run', () => {
    expect(nativeBuild(tools, 'p.c', 'out/p')).toEqual(['gcc', '-O2', '-o', 'out/p', 'p.c', '-lm']);
    expect(wasmBuild(tools, 'p.c', 'p.wasm')).toEqual(['clang-14', '--target=wasm32-wasi', '-O2', '-o', 'p.wasm', 'p.c']);
    expect(wasm2cTranslate(tools, 'p.wasm', 'd/module.c')).toEqual(['/usr/bin/wasm2c', '-n', 'module', '-o', 'd/module.c', 'p.wasm']);
    expect(wasm2cCompile(tools, 'd/module.c', 'shim.c', '/rt', 'd/p')).toEqual(['gcc', '-O2', '-I', 'd', '-I', '/rt', '-o', 'd/p', 'd/module.c', 'shim.c', '/rt/wasm-rt-impl.c', '-lm']);
    expect(nodeRun(tools, 'runner.js', 'p.wasm')).toEqual(['/usr/bin/node', '--no-warnings', 'runner.js', 'p.wasm']);
    expect(mewzBuild(tools, 'bin/mewz.js', 'p.wasm', 'p')).toEqual(['/usr/bin/node', 'bin/mewz.js', 'build', 'p.wasm', '--target', 'x86_64', '--platform', 'linux', '-o', 'p']);
    expect(commandLine(['a b', "it's", 'plain-1.0/x'])).toBe(`'a b' 'it'\\''s' plain-1.0/x`);
  });

  test('tools are found on PATH outside node_modules', () => {
    const found = new Set(['/repo/node_modules/.bin/wasm2c', '/usr/bin/wasm2c']);
    const isExe = (f: string) => found.has(f);
    expect(resolveTool('wasm2c', '/repo/node_modules/.bin:/usr/local/bin:/usr/bin', isExe)).toBe('/usr/bin/wasm2c');
    expect(resolveTool('nothing', '/usr/bin', isExe)).toBe('nothing');
    expect(resolveTool('./local/tool', '/usr/bin', isExe)).toBe('./local/tool');
  });

  test('versions and the mewz build probe', () => {
    expect(parseVersion('Debian clang version 14.0.6\nTarget: x86_64')).toBe('14.0.6');
    expect(parseVersion('12.2.0\n')).toBe('12.2.0');
    expect(parseVersion('no digits')).toBeUndefined();
    expect(versionsLine({ gcc: '12.2.0', wabt: '1.0.32', node: 'v20' })).toBe('gcc 12.2.0, wabt (wasm2c) 1.0.32');
    expect(hasBuildCommand('Commands:\n  mewz inspect <file>  show\n  mewz build <app.wasm>  compile\n')).toBe(true);
    expect(hasBuildCommand('Commands:\n  mewz inspect <file>  show what a module builds\n')).toBe(false);
  });

  test('children CPU time from /proc/self/stat (a command name with spaces and parentheses)', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3)); // field n holds n
    const stat = `1234 (node (x) y) ${fields.join(' ')}`;
    // cutime is field 16, cstime field 17; ticks of 10 ms.
    expect(parseChildrenCpuMs(stat)).toBe((16 + 17) * 10);
    expect(parseChildrenCpuMs('garbage')).toBeUndefined();
  });
});

describe('build cache', () => {
  test('keys are length-prefixed and content-sensitive', () => {
    expect(cacheKey(['ab', 'c'])).not.toBe(cacheKey(['a', 'bc']));
    expect(cacheKey(['x', new Uint8Array([1])])).toBe(cacheKey(['x', new Uint8Array([1])]));
    expect(cacheKey(['x', new Uint8Array([1])])).not.toBe(cacheKey(['x', new Uint8Array([2])]));
  });

  test('builds when the key changes or the output is gone, not otherwise; a failed build is retried', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'));
    try {
      const out = path.join(dir, 'sub', 'artefact');
      let builds = 0;
      const build = (tmp: string) => {
        expect(tmp).not.toBe(out); // built aside, renamed into place
        builds++;
        writeFileSync(tmp, 'x');
      };
      expect(cached(out, 'k1', build)).toBe(true);
      expect(cached(out, 'k1', build)).toBe(false);
      expect(cached(out, 'k1', build, true)).toBe(true);
      expect(cached(out, 'k2', build)).toBe(true);
      rmSync(out);
      expect(cached(out, 'k2', build)).toBe(true);
      expect(builds).toBe(4);
      expect(() =>
        cached(out, 'k3', () => {
          throw new Error('compiler crashed');
        }),
      ).toThrow('compiler crashed');
      expect(cached(out, 'k3', build)).toBe(true);
      expect(readFileSync(`${out}.key`, 'utf8')).toBe('k3');
      expect(readdirSync(path.dirname(out)).sort()).toEqual(['artefact', 'artefact.key']); // no temporaries left
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('targets', () => {
  const tools: Tools = { cc: 'aarch64-linux-gnu-gcc', wasmCc: 'clang-14', wasm2c: 'wasm2c', node: '/usr/bin/node' };

  test('aarch64 links statically, asks mewz for aarch64 and runs everything under qemu-aarch64', () => {
    expect(nativeBuild(tools, 'p.c', 'p', AARCH64)).toEqual(['aarch64-linux-gnu-gcc', '-O2', '-static', '-o', 'p', 'p.c', '-lm']);
    expect(wasm2cCompile(tools, 'w/module.c', 'shim.c', '/rt', 'p', AARCH64).slice(0, 3)).toEqual(['aarch64-linux-gnu-gcc', '-O2', '-static']);
    expect(mewzBuild(tools, 'bin/mewz.js', 'p.wasm', 'p', AARCH64)).toEqual(['/usr/bin/node', 'bin/mewz.js', 'build', 'p.wasm', '--target', 'aarch64', '--platform', 'linux', '-o', 'p']);
    expect(runOn(AARCH64, ['/c/p'])).toEqual(['qemu-aarch64', '/c/p']);
    expect(runOn(X86_64, ['/c/p'])).toEqual(['/c/p']);
    expect(nativeBuild(tools, 'p.c', 'p')).not.toContain('-static');
  });

  test('missing tools are named, each with the package that has it', () => {
    const none = missingTargetTools(AARCH64, () => ({ ok: false }));
    expect(none).toContain('aarch64-linux-gnu-gcc (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)');
    expect(none).toContain('qemu-aarch64 (apt-get install qemu-user)');
    const noQemu = missingTargetTools(AARCH64, (argv) => ({ ok: argv[0] !== 'qemu-aarch64' }));
    expect(noQemu).toBe('not found: qemu-aarch64 (apt-get install qemu-user)');
    expect(missingTargetTools(AARCH64, () => ({ ok: true }))).toBeUndefined();
    // A native target needs nothing beyond the tools every variant checks itself.
    expect(missingTargetTools(X86_64, () => ({ ok: false }))).toBeUndefined();
  });
});
