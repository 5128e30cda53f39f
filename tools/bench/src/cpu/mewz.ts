// `mewz build` is being written while this suite is: find out at run time whether the
// built CLI has it, so that the suite records "not yet available (why)" instead of failing.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { exec, firstLine } from './exec.js';
import type { Tools } from './commands.js';

export type MewzProbe = { ok: true; bin: string; source: string } | { ok: false; reason: string };

/** Does `mewz --help` list a build command? */
export function hasBuildCommand(help: string): boolean {
  return /^\s*mewz build\b/m.test(help);
}

/** The mewz executable `npx mewz` would run in this checkout, and whether it can build. */
export function probeMewz(root: string, tools: Tools): MewzProbe {
  const link = path.join(root, 'node_modules', '.bin', 'mewz');
  if (!existsSync(link)) return { ok: false, reason: 'node_modules/.bin/mewz is missing; run `npm install`' };
  const bin = realpathSync(link);
  const help = exec([tools.node, bin, '--help'], { cwd: root, timeoutMs: 60_000 });
  if (help.status !== 0) return { ok: false, reason: `\`mewz --help\` failed: ${firstLine(help.stderr) || `exit status ${String(help.status)}`}` };
  if (!hasBuildCommand(help.stdout)) return { ok: false, reason: '`mewz build` is not a command of the built CLI yet' };
  return { ok: true, bin, source: describeCheckout(root) };
}

/** 'the CLI built in this checkout (HEAD 1234abc, with uncommitted changes)', as far as git can tell. */
function describeCheckout(root: string): string {
  const head = exec(['git', 'rev-parse', '--short', 'HEAD'], { cwd: root, timeoutMs: 30_000 });
  if (head.status !== 0) return 'the CLI built in this checkout';
  const dirty = exec(['git', 'status', '--porcelain', '--', 'packages', 'plugins'], { cwd: root, timeoutMs: 30_000 });
  const note = dirty.status === 0 && dirty.stdout.trim() !== '' ? ', with uncommitted changes in packages/ or plugins/' : '';
  return `the CLI built in this checkout (HEAD ${head.stdout.trim()}${note})`;
}
