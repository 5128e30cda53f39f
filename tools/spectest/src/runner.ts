import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readScript } from './commands.js';
import type { Executor } from './executor.js';

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

/** Runs every command of every script through the executor and tallies the outcomes. */
export function runSuite(scriptPaths: string[], executor: Executor, onScript?: (r: ScriptResult) => void): SuiteResult {
  const suite: SuiteResult = { scripts: [], failures: [], passed: 0, failed: 0, skipped: 0 };
  for (const path of scriptPaths) {
    const script = readScript(path);
    const result: ScriptResult = { script: script.name, passed: 0, failed: 0, skipped: 0 };
    const session = executor.startScript(script);
    try {
      for (const command of script.commands) {
        const outcome = session.execute(command);
        if (outcome.status === 'passed') result.passed++;
        else if (outcome.status === 'skipped') result.skipped++;
        else if (outcome.status === 'failed') {
          result.failed++;
          suite.failures.push({
            script: script.name,
            source: script.source,
            line: command.line,
            command: command.kind,
            message: outcome.message,
          });
        }
      }
    } finally {
      session.close?.();
    }
    suite.scripts.push(result);
    suite.passed += result.passed;
    suite.failed += result.failed;
    suite.skipped += result.skipped;
    onScript?.(result);
  }
  return suite;
}
