// Apart from run.ts so that suites can use it without importing the suite list (a cycle).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './options.js';

/** The nearest directory upwards holding the workspace root package.json. */
export function findRepoRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && 'workspaces' in JSON.parse(readFileSync(pkg, 'utf8'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new UsageError(`no workspace root (a package.json with workspaces) above ${from}; run bench inside the repository, or pass --out <file> to a suite that needs no checkout`);
    dir = parent;
  }
}
