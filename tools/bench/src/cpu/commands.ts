// The command lines of every build and run, as argv arrays. Pure, so the tests can pin
// them down, and so the cache key of an artefact can include the exact command.
import { X86_64, type CpuTarget } from './target.js';

/** External tools; their versions go into the cache keys and the report. */
export interface Tools {
  cc: string;
  wasmCc: string;
  wasm2c: string;
  /** The Node that runs the suite also runs the Node variant. */
  node: string;
}

export const DEFAULT_TOOLS: Omit<Tools, 'node'> = { cc: 'gcc', wasmCc: 'clang-14', wasm2c: 'wasm2c' };

/** Where wabt's Debian package puts the wasm2c runtime sources (wasm-rt.h is in /usr/include). */
export const WASM2C_RUNTIME_DIR = '/usr/share/wabt/wasm2c';

export function nativeBuild(tools: Tools, source: string, out: string, target: CpuTarget = X86_64): string[] {
  return [tools.cc, '-O2', ...target.linkFlags, '-o', out, source, '-lm'];
}

export function wasmBuild(tools: Tools, source: string, out: string): string[] {
  return [tools.wasmCc, '--target=wasm32-wasi', '-O2', '-o', out, source];
}

/** wasm2c with a fixed module name, so that one WASI shim serves every program. */
export function wasm2cTranslate(tools: Tools, wasm: string, outC: string): string[] {
  return [tools.wasm2c, '-n', 'module', '-o', outC, wasm];
}

export function wasm2cCompile(tools: Tools, moduleC: string, shim: string, runtimeDir: string, out: string, target: CpuTarget = X86_64): string[] {
  const includeDir = moduleC.slice(0, Math.max(0, moduleC.lastIndexOf('/'))) || '.';
  return [tools.cc, '-O2', ...target.linkFlags, '-I', includeDir, '-I', runtimeDir, '-o', out, moduleC, shim, `${runtimeDir}/wasm-rt-impl.c`, '-lm'];
}

/** --no-warnings: Node flags WASI as experimental on stderr, which is noise here. */
export function nodeRun(tools: Tools, runner: string, wasm: string): string[] {
  return [tools.node, '--no-warnings', runner, wasm];
}

/** What `npx mewz build …` runs, without npx's own start-up in the compile time. */
export function mewzBuild(tools: Tools, mewzBin: string, wasm: string, out: string, target: CpuTarget = X86_64): string[] {
  return [tools.node, mewzBin, 'build', wasm, '--target', target.id, '--platform', 'linux', '-o', out];
}

/** Joins argv into one shell command line (for messages a user may paste). */
export function commandLine(argv: readonly string[]): string {
  return argv.map(quoteWord).join(' ');
}

export function quoteWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_./=:,+@%-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
