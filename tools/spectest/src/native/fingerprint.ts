import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The packages whose code goes into, or decides, a native spec executable. */
const TOOLCHAIN = ['@mewz/wasm', '@mewz/compiler', '@mewz/object', '@mewz/linker', '@mewz/core', '@mewz/backend-x86_64', '@mewz/backend-aarch64', '@mewz/platform-linux'];

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else hash.update(`${name}\0`).update(readFileSync(path));
  }
}

/**
 * A hash of the built toolchain (each package's dist folder, resolved as this module
 * resolves it), of the spectest tool's own build (`ownDir`) and of the AssemblyScript
 * sources compiled into the kernel (`sourceDirs`): executables cached under another
 * fingerprint were built by other code.
 */
export function toolchainFingerprint(ownDir: string, sourceDirs: readonly string[]): string {
  const hash = createHash('sha256');
  const dirs = [...TOOLCHAIN.map((p) => dirname(fileURLToPath(import.meta.resolve(p)))), ownDir, ...sourceDirs];
  for (const dir of dirs) {
    hash.update(`${dir.split('/').slice(-2).join('/')}\0`);
    hashTree(hash, dir);
  }
  return hash.digest('hex').slice(0, 16);
}
