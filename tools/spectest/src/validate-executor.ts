import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadModule, WasmError } from '@mewz/wasm';
import type { Command, ModuleFile, Script } from './commands.js';
import { type Executor, type Outcome, runSession, type ScriptSession } from './executor.js';

const PASSED: Outcome = { status: 'passed' };
const UNCOUNTED: Outcome = { status: 'uncounted' };

type LoadResult = { ok: true } | { ok: false; error: unknown };

function load(file: ModuleFile): LoadResult {
  try {
    loadModule(readFileSync(file.path));
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

function describe(error: unknown, file: ModuleFile): string {
  if (error instanceof WasmError) return error.format(basename(file.path));
  return `${basename(file.path)}: crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/** The module must decode and validate. */
function expectValid(file: ModuleFile): Outcome {
  if (file.moduleType === 'text') return { status: 'skipped', reason: 'text module' };
  const result = load(file);
  return result.ok ? PASSED : { status: 'failed', message: describe(result.error, file) };
}

/** The module must be rejected with a WasmError of the given kind. */
function expectRejected(file: ModuleFile, kind: 'malformed' | 'invalid', text: string): Outcome {
  if (file.moduleType === 'text') return { status: 'skipped', reason: 'text module' };
  const result = load(file);
  if (result.ok) return { status: 'failed', message: `${basename(file.path)}: accepted, expected ${kind} (${text})` };
  const e = result.error;
  if (e instanceof WasmError && e.kind === kind) return PASSED;
  return { status: 'failed', message: `expected ${kind} (${text}), got ${describe(e, file)}` };
}

/** Checks that modules decode and validate, or fail to as asserted; executes nothing. */
export class ValidateExecutor implements Executor {
  readonly name = 'validate';

  startScript(): ScriptSession {
    return { execute };
  }

  async runScript(script: Script): Promise<Outcome[]> {
    return runSession(this.startScript(), script);
  }
}

function execute(command: Command): Outcome {
  switch (command.kind) {
    case 'module':
      return expectValid(command.module);
    // These modules are valid; only linking or instantiating them fails.
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
      return expectValid(command.module);
    case 'assert_malformed':
      return expectRejected(command.module, 'malformed', command.text);
    case 'assert_invalid':
      return expectRejected(command.module, 'invalid', command.text);
    default:
      return UNCOUNTED;
  }
}
