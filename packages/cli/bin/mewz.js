#!/usr/bin/env node
// The `mewz` executable as npm links it into node_modules/.bin. It is committed, not
// built, because npm skips a bin whose file does not exist at install time, and `npm ci`
// runs before `npm run build` creates dist/. The real entry point is dist/mewz.js.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/mewz.js', import.meta.url);
if (existsSync(entry)) {
  await import(entry.href);
} else {
  process.stderr.write('mewz: @mewz/cli is not built yet; run `npm run build` at the repository root\n');
  process.exitCode = 1;
}
