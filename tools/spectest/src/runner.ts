import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readScript, type Script } from './commands.js';
import type { Executor, Outcome } from './executor.js';

export interface Failure {
  script: string;
  /** The .wast file and line of the command. */
  source: string;
  line: number;
  command: string;
  message: string;
}

export interface ScriptResult {
  script: string;
  passed: number;
  failed: number;
  skipped: number;
}

export interface SuiteResult {
  scripts: ScriptResult[];
  failures: Failure[];
  passed: number;
  failed: number;
  skipped: number;
}

export interface ScriptFilter {
  /** Keep scripts whose name contains any of these (all when empty). */
  only: string[];
  /** Drop scripts whose name contains any of these. */
  exclude: string[];
}

/** The .json scripts of `specDir` that pass the filter, sorted by name. */
export function listScripts(specDir: string, filter: ScriptFilter): string[] {
  return readdirSync(specDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((name) => filter.only.length === 0 || filter.only.some((s) => name.includes(s)))
    .filter((name) => !filter.exclude.some((s) => name.includes(s)))
    .sort()
    .map((name) => join(specDir, `${name}.json`));
}

/** The tally of one script's outcomes, and its failures. */
export function tally(script: Script, outcomes: readonly Outcome[]): { result: ScriptResult; failures: Failure[] } {
  if (outcomes.length !== script.commands.length) {
    throw new Error(`${script.name}: ${outcomes.length} outcomes for ${script.commands.length} commands`);
  }
  const result: ScriptResult = { script: script.name, passed: 0, failed: 0, skipped: 0 };
  const failures: Failure[] = [];
  outcomes.forEach((outcome, i) => {
    const command = script.commands[i];
    if (outcome.status === 'passed') result.passed++;
    else if (outcome.status === 'skipped') result.skipped++;
    else if (outcome.status === 'failed') {
      result.failed++;
      failures.push({ script: script.name, source: script.source, line: command.line, command: command.kind, message: outcome.message });
    }
  });
  return { result, failures };
}

/**
 * Runs every script through the executor, up to its concurrency at a time (the largest
 * files first, so that a long script does not start last), and tallies the outcomes in
 * script order. `onScript` hears of each script as it finishes.
 */
export async function runSuite(scriptPaths: string[], executor: Executor, onScript?: (r: ScriptResult) => void): Promise<SuiteResult> {
  const done: ({ result: ScriptResult; failures: Failure[] } | undefined)[] = scriptPaths.map(() => undefined);
  const queue = scriptPaths.map((path, index) => ({ path, index, size: statSync(path).size })).sort((a, b) => b.size - a.size || a.index - b.index);
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const script = readScript(next.path);
      const outcomes = await executor.runScript(script);
      done[next.index] = tally(script, outcomes);
      onScript?.(done[next.index]!.result);
    }
  };
  const lanes = Math.max(1, Math.min(executor.concurrency ?? 1, scriptPaths.length));
  await Promise.all(Array.from({ length: lanes }, worker));

  const suite: SuiteResult = { scripts: [], failures: [], passed: 0, failed: 0, skipped: 0 };
  for (const entry of done) {
    const { result, failures } = entry!;
    suite.scripts.push(result);
    suite.failures.push(...failures);
    suite.passed += result.passed;
    suite.failed += result.failed;
    suite.skipped += result.skipped;
  }
  return suite;
}
