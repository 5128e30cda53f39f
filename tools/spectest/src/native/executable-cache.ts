import { mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { componentEntryFiles } from '@mewz/core';
import { spectestReportComponent } from '../runtime-component.js';
import { toolchainFingerprint } from './fingerprint.js';
import type { NativeTarget } from './target.js';

/** Fingerprint folders kept besides the current one (other checkouts or builds in use). */
const KEEP = 3;

/**
 * The cache folder for executables built by this toolchain (`root/<fingerprint>`), made
 * the most recently used; older fingerprints' folders beyond the last few are removed, as
 * nothing will run them again.
 */
export function executableCache(root: string, ownDir: string, target: NativeTarget): { cacheDir: string; fingerprint: string } {
  const sources = componentEntryFiles([...target.runtime, spectestReportComponent], target.backend.isa).map((s) => dirname(s));
  const fingerprint = toolchainFingerprint(ownDir, [...new Set(sources)]);
  const cacheDir = join(root, fingerprint);
  mkdirSync(cacheDir, { recursive: true });
  const now = new Date();
  utimesSync(cacheDir, now, now);
  const others = readdirSync(root)
    .filter((name) => name !== fingerprint)
    .map((name) => ({ path: join(root, name), used: statSync(join(root, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const old of others.slice(KEEP)) rmSync(old.path, { recursive: true, force: true });
  return { cacheDir, fingerprint };
}
