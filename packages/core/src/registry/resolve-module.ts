import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord } from '../plugins/shape.js';

/**
 * Finding the file a plugin specifier names, the way Node would for `import()` from a
 * module in `baseDir`. Done here rather than with `createRequire(...).resolve` because that
 * applies the "require" export condition, and ESM-only packages (like ours) only export
 * "import".
 * Failures say everywhere that was looked, since "not found" alone is useless.
 */

/** A file, or why not; `installed` tells a missing package from a broken one. */
export type Resolution = { file: string } | { error: string; installed: boolean };

/** The export conditions of `import()` in Node, in no particular priority. */
const CONDITIONS = new Set(['import', 'node', 'default']);

/** Extensions tried after a path without one, like Node's CommonJS resolver. */
const EXTENSIONS = ['.js', '.mjs', '.cjs'];

/** `./x`, `../x`, `/x`, `C:\x`, `.\x` — anything that is a path, not a package name. */
export function isPathSpecifier(specifier: string): boolean {
  return (
    specifier === '.' ||
    specifier === '..' ||
    /^\.\.?[\\/]/.test(specifier) ||
    isAbsolute(specifier) ||
    specifier.startsWith('file:')
  );
}

/** A relative or absolute path against `baseDir`: the file, or the file with an extension, or a folder's entry. */
export function resolvePath(specifier: string, baseDir: string): Resolution {
  const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : resolve(baseDir, specifier);
  const tried: string[] = [];
  const file = resolveFileOrFolder(path, tried);
  if (file !== undefined) return { file };
  return { error: `no such file: looked for ${tried.join(', ')}`, installed: false };
}

/** An npm package name, with an optional subpath, from the `node_modules` folders above `baseDir`. */
export function resolvePackage(specifier: string, baseDir: string): Resolution {
  const parsed = parsePackageSpecifier(specifier);
  if (parsed === undefined) return { error: `"${specifier}" is not a valid package name`, installed: false };
  const searchPaths = nodeModulesFolders(baseDir);
  for (const dir of searchPaths) {
    const packageDir = join(dir, parsed.name);
    if (!isDirectory(packageDir)) continue;
    return resolvePackageEntry(packageDir, parsed.subpath);
  }
  return { error: `no package "${parsed.name}" in ${searchPaths.join(', ')}`, installed: false };
}

/**
 * `node_modules` of `dir` and of every folder above it: where `import()` looks for a
 * package (unlike `require`, it ignores NODE_PATH and the global folders).
 */
function nodeModulesFolders(dir: string): string[] {
  const folders: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (basename(current) !== 'node_modules') folders.push(join(current, 'node_modules'));
    if (dirname(current) === current) return folders;
  }
}

function parsePackageSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameParts || parts.slice(0, nameParts).some((part) => part === '')) return undefined;
  const name = parts.slice(0, nameParts).join('/');
  if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/i.test(name)) return undefined;
  const rest = parts.slice(nameParts).join('/');
  return { name, subpath: rest === '' ? '.' : `./${rest}` };
}

function resolvePackageEntry(packageDir: string, subpath: string): Resolution {
  const broken = (error: string): Resolution => ({ error, installed: true });
  const manifest = readManifest(packageDir);
  if (manifest === null) return broken(`${join(packageDir, 'package.json')} is not valid JSON`);
  if (manifest?.exports !== undefined && manifest.exports !== null) {
    const target = matchExports(manifest.exports, subpath);
    if (target === undefined) {
      return broken(`package ${packageDir} does not export "${subpath}" for import (see "exports" in its package.json)`);
    }
    const file = resolve(packageDir, target);
    return isFile(file) ? { file } : broken(`package ${packageDir} exports "${subpath}" as ${file}, which does not exist`);
  }
  const tried: string[] = [];
  let file: string | undefined;
  if (subpath !== '.') file = resolveFileOrFolder(resolve(packageDir, subpath), tried);
  else {
    if (typeof manifest?.main === 'string') file = resolveFileOrFolder(resolve(packageDir, manifest.main), tried);
    file ??= resolveIndex(packageDir, tried);
  }
  return file !== undefined ? { file } : broken(`package ${packageDir} has no entry point: looked for ${tried.join(', ')}`);
}

/** Node's "exports" lookup for one subpath: exact keys, then `*` patterns, then conditions. */
function matchExports(exports: unknown, subpath: string): string | undefined {
  const map = isRecord(exports) && Object.keys(exports).some((key) => key.startsWith('.')) ? exports : { '.': exports };
  if (subpath in map) return exportTarget(map[subpath], '');
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      return exportTarget(value, subpath.slice(prefix.length, subpath.length - suffix.length));
    }
  }
  return undefined;
}

function exportTarget(target: unknown, star: string): string | undefined {
  if (typeof target === 'string') return target.replaceAll('*', star);
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = exportTarget(item, star);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(target)) {
    for (const [condition, value] of Object.entries(target)) {
      if (!CONDITIONS.has(condition)) continue;
      const found = exportTarget(value, star);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function resolveFileOrFolder(path: string, tried: string[]): string | undefined {
  for (const candidate of [path, ...EXTENSIONS.map((ext) => path + ext)]) {
    tried.push(candidate);
    if (isFile(candidate)) return candidate;
  }
  if (!isDirectory(path)) return undefined;
  // A folder named by path: its package.json entry if it has one, as for a package.
  const manifest = readManifest(path);
  if (manifest?.exports !== undefined && manifest.exports !== null) {
    const target = matchExports(manifest.exports, '.');
    if (target !== undefined && isFile(resolve(path, target))) return resolve(path, target);
  }
  if (typeof manifest?.main === 'string') {
    const main = resolveFileOrFolder(resolve(path, manifest.main), tried);
    if (main !== undefined) return main;
  }
  return resolveIndex(path, tried);
}

function resolveIndex(dir: string, tried: string[]): string | undefined {
  for (const ext of EXTENSIONS) {
    const candidate = `${dir}${dir.endsWith(sep) ? '' : sep}index${ext}`;
    tried.push(candidate);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

/** The package.json of `dir`: undefined when there is none, null when it is not JSON. */
function readManifest(dir: string): Record<string, unknown> | undefined | null {
  let text: string;
  try {
    text = readFileSync(join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
