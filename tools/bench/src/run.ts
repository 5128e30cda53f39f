// `bench <suite> [options]`: picks the suite, parses its options, runs it, and records its
// section in docs/benchmarks.md. Kept apart from cli.ts so tests can drive it in-process.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './options.js';
import { findRepoRoot } from './repo-root.js';
import { upsertSection } from './record.js';
import type { Suite, SuiteOptionSpec } from './suite.js';
import { SUITES } from './suites/index.js';

export { findRepoRoot };

export interface BenchIO {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  now(): Date;
  /** Print stack traces of unexpected errors (MEWZ_DEBUG). */
  debug: boolean;
}

const COMMON_OPTIONS: Readonly<Record<string, SuiteOptionSpec>> = {
  out: { type: 'string', description: 'file to record into (default: docs/benchmarks.md at the repo root)' },
  'no-record': { type: 'boolean', description: 'print the results only' },
  help: { type: 'boolean', description: 'show this help' },
};

export async function runBench(argv: readonly string[], io: BenchIO, suites: readonly Suite[] = SUITES): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(usage(suites));
    return name === undefined ? 2 : 0;
  }
  const suite = suites.find((s) => s.name === name);
  if (!suite) {
    io.err(`bench: unknown suite '${name}'\n\n${usage(suites)}`);
    return 2;
  }
  try {
    const { values } = parseArgs({ args: [...rest], options: parseOptions(suite), strict: true, allowPositionals: false });
    if (values.help) {
      io.out(suiteHelp(suite));
      return 0;
    }
    const report = await suite.run({ options: values, log: io.out, now: io.now, cwd: io.cwd });
    if (report.skipped !== undefined) {
      io.out(`bench ${suite.name}: skipped: ${report.skipped}`);
      return 0;
    }
    if (!values['no-record']) {
      const file = typeof values.out === 'string' ? path.resolve(io.cwd, values.out) : path.join(findRepoRoot(io.cwd), 'docs', 'benchmarks.md');
      const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, upsertSection(before, suite.name, report.markdown));
      const shown = path.relative(io.cwd, file);
      io.out(`recorded in ${shown.startsWith('..') ? file : shown}`);
    }
    const failures = report.failures ?? [];
    for (const failure of failures) io.err(`bench ${suite.name}: CORRECTNESS FAILURE: ${failure}`);
    return failures.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`bench ${suite.name}: ${(error as Error).message}\n\n${suiteHelp(suite)}`);
      return 2;
    }
    io.err(`bench ${suite.name}: ${error instanceof Error ? error.message : String(error)}`);
    if (io.debug && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}

function parseOptions(suite: Suite) {
  const options: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {};
  for (const [key, spec] of Object.entries({ ...suite.options, ...COMMON_OPTIONS })) {
    options[key] = spec.default !== undefined ? { type: spec.type, default: spec.default } : { type: spec.type };
  }
  return options;
}

function usage(suites: readonly Suite[]): string {
  const width = Math.max(...suites.map((s) => s.name.length));
  return [
    'usage: npm run bench -- <suite> [options]',
    '',
    'suites:',
    ...suites.map((s) => `  ${s.name.padEnd(width)}  ${s.description}`),
    '',
    "run 'npm run bench -- <suite> --help' for a suite's options",
  ].join('\n');
}

function suiteHelp(suite: Suite): string {
  const entries = Object.entries({ ...suite.options, ...COMMON_OPTIONS });
  const width = Math.max(...entries.map(([k, s]) => optionLabel(k, s.type).length));
  return [
    `usage: npm run bench -- ${suite.name} [options]`,
    '',
    suite.description,
    '',
    'options:',
    ...entries.map(([k, s]) => {
      const def = s.default !== undefined ? ` (default: ${String(s.default)})` : '';
      return `  ${optionLabel(k, s.type).padEnd(width)}  ${s.description}${def}`;
    }),
  ].join('\n');
}

function optionLabel(key: string, type: string): string {
  return type === 'string' ? `--${key} <value>` : `--${key}`;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
