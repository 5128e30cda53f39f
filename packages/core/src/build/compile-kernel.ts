import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { ComponentPlugin } from '../plugins/component.js';
import { BuildError } from './build-error.js';

const run = promisify(execFile);

export interface KernelCompileOptions {
  /** Where the kernel's data starts: the trusted window's base (asc `--memoryBase`). */
  memoryBase: number;
  /** Folder of cached kernel modules, by content hash (created if missing). */
  cacheDir: string;
  /**
   * The ISA the kernel is built for: selects the components' `isaSources`. Needed only
   * when a component has them (ISA-neutral components compile the same everywhere).
   */
  isa?: string;
}

export interface CompiledKernel {
  wasm: Uint8Array;
  /** The asc command line, for messages and `--verbose`. */
  command: string[];
  cached: boolean;
}

/** The assemblyscript package folder (core depends on it, so it resolves from here). */
function assemblyscriptDir(): string {
  return dirname(createRequire(import.meta.url).resolve('assemblyscript/package.json'));
}

/**
 * asc flags of every kernel: the stub runtime (a bump allocator; the kernel frees by
 * design nothing it needs to reuse), data from the window's base, aborts as traps (no
 * `env.abort` import), names kept for trap reports and symbols.
 */
export function ascFlags(memoryBase: number): string[] {
  return ['--runtime', 'stub', '--memoryBase', String(memoryBase), '-O3', '--use', 'abort=', '--debug', '--noColors'];
}

/** Every .ts file under `dir`, recursively, sorted. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (entry.name.endsWith('.ts')) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/**
 * The cache key: asc's version, the flags, the folder asc runs in, the ISA, and the
 * contents of every AssemblyScript file in the folders of the entry files (what an entry
 * file can import relatively; the ISA-specific entries are among them).
 */
function cacheKey(entries: readonly string[], flags: readonly string[], ascVersion: string, isa: string | undefined): string {
  const hash = createHash('sha256');
  hash.update(`asc ${ascVersion}\0${flags.join('\0')}\0in ${commonFolder(entries)}\0isa ${isa ?? '-'}\0`);
  for (const entry of entries) {
    hash.update(`entry ${entry}\0`);
    const dir = dirname(entry);
    for (const file of sourceFiles(dir)) {
      hash.update(`${relative(dir, file)}\0`);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * Compiles the components' AssemblyScript sources into one kernel module with asc (run
 * as a child process: asc is an ES module with its own global state, and a build is one
 * process among many in tests). Results are cached by content hash.
 */
/**
 * The asc entry files of `components` for `isa`: every component's ISA-specific files
 * first (their `@global` declarations must precede their uses, as asc resolves in order),
 * then the ISA-neutral sources. A component with ISA-specific files needs an ISA.
 */
export function componentEntryFiles(components: readonly ComponentPlugin[], isa?: string): string[] {
  const perIsa = components.flatMap((c) => {
    if (c.isaSources === undefined) return [];
    if (isa === undefined) throw new BuildError(`kernel component "${c.name}" has ISA-specific sources, but no ISA was given to compile it for`);
    return c.isaSources(isa);
  });
  return [...perIsa, ...components.flatMap((c) => c.sources)];
}

export async function compileKernel(components: readonly ComponentPlugin[], options: KernelCompileOptions): Promise<CompiledKernel> {
  const entries = componentEntryFiles(components, options.isa);
  const missing = entries.filter((e) => !existsSync(e));
  if (missing.length > 0) throw new BuildError(`kernel component sources are missing${options.isa === undefined ? '' : ` (for ${options.isa})`}:`, missing);
  const ascDir = assemblyscriptDir();
  const version = (JSON.parse(readFileSync(join(ascDir, 'package.json'), 'utf8')) as { version: string }).version;
  const flags = ascFlags(options.memoryBase);
  const file = join(options.cacheDir, `kernel-${cacheKey(entries, flags, version, options.isa)}.wasm`);
  const command = ['asc', ...entries, ...flags];
  if (existsSync(file)) return { wasm: new Uint8Array(readFileSync(file)), command, cached: true };

  mkdirSync(options.cacheDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'mewz-asc-'));
  try {
    const out = join(work, 'kernel.wasm');
    try {
      // asc names functions by source path relative to its working folder: run it from the
      // sources' common folder, so names (and so trap reports) do not depend on ours.
      await run(process.execPath, [join(ascDir, 'bin', 'asc.js'), ...entries, '-o', out, ...flags], { maxBuffer: 64 << 20, cwd: commonFolder(entries) });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      const text = `${e.stderr ?? ''}${e.stdout ?? ''}`.trim() || e.message;
      throw new BuildError('the kernel does not compile (asc):', text.split('\n'));
    }
    const wasm = readFileSync(out);
    // Written under a temporary name, then renamed: concurrent builds never read half a file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, wasm);
    renameSync(partial, file);
    return { wasm: new Uint8Array(wasm), command, cached: false };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The deepest folder containing every file. */
function commonFolder(files: readonly string[]): string {
  let common = dirname(files[0] ?? '/');
  for (const file of files) while (relative(common, file).startsWith('..')) common = dirname(common);
  return common;
}

/** `node_modules/.cache/mewz` of the nearest folder at or above `from` that has node_modules, else the temp folder. */
export function defaultCacheDir(from: string = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'mewz');
    if (dirname(dir) === dir) return join(tmpdir(), 'mewz-cache');
  }
}
