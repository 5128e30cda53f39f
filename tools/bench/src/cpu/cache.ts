// Build artefacts are cached under tools/bench/.cache, each next to a `.key` file holding a
// hash of everything that went into it (command lines, tool versions, input contents). A
// build whose key matches is skipped; anything else rebuilds. Artefacts are built under a
// temporary name and renamed into place, so a second bench running at the same time
// (this machine is shared) never sees, or runs, a half-written or missing file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function cacheKey(parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    // Length-prefixed, so that ['ab', 'c'] and ['a', 'bc'] differ.
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** The content of files, as parts of a cache key. */
export function fileParts(files: readonly string[]): Uint8Array[] {
  return files.map((f) => readFileSync(f));
}

/**
 * Makes `output` with `build` unless it exists with the same key. Returns whether it built.
 * `build` writes the file it is given (a temporary name next to `output`). The key is
 * written only after a successful build, so a failed build is retried next time.
 */
export function cached(output: string, key: string, build: (out: string) => void, force = false): boolean {
  const keyFile = `${output}.key`;
  if (!force && existsSync(output) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) return false;
  buildInPlace(output, build);
  buildInPlace(keyFile, (tmp) => writeFileSync(tmp, key));
  return true;
}

/** Runs `build` on a temporary name beside `output`, then renames the result over `output`. */
export function buildInPlace(output: string, build: (out: string) => void): void {
  mkdirSync(path.dirname(output), { recursive: true });
  const tmp = `${output}.tmp-${process.pid}`;
  try {
    build(tmp);
    renameSync(tmp, output);
  } finally {
    rmSync(tmp, { force: true, recursive: true });
  }
}
