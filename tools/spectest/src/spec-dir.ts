import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where the suite lives relative to the repository root (a sibling checkout named shared). */
export const DEFAULT_SPEC_DIR = '../shared/spec/wasm-2.0/json';

function isRepoRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return Array.isArray((JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown }).workspaces);
  } catch {
    return false;
  }
}

/** The monorepo root: the nearest ancestor with a workspaces package.json. */
export function findRepoRoot(...starts: string[]): string | undefined {
  for (const start of starts) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (isRepoRoot(dir)) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/** Resolves --spec-dir: as given relative to cwd, else the default relative to the repo root. */
export function resolveSpecDir(option: string | undefined, cliDir: string, cwd: string): string {
  if (option !== undefined) return resolve(cwd, option);
  const root = findRepoRoot(cliDir, cwd) ?? cwd;
  return resolve(root, DEFAULT_SPEC_DIR);
}
