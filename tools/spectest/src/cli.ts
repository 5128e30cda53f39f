import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir } from '@mewz/core';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { Executor } from './executor.js';
import { InterpExecutor } from './interp-executor.js';
import { executableCache } from './native/executable-cache.js';
import { NativeExecutor } from './native/native-executor.js';
import { nativeTarget } from './native/target.js';
import { formatReport } from './report.js';
import { listScripts, runSuite } from './runner.js';
import { resolveSpecDir } from './spec-dir.js';
import { ValidateExecutor } from './validate-executor.js';

function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

interface RunOptions {
  target: string | undefined;
  opt: 0 | 1;
  jobs: number;
  cache: boolean;
  keep: string | undefined;
  cliDir: string;
}

function nativeExecutor(options: RunOptions): Executor {
  const target = nativeTarget(options.target);
  const unavailable = target.unavailable();
  if (unavailable !== undefined) throw new Error(`cannot run ${target.name} executables here: ${unavailable}`);
  const cacheRoot = defaultCacheDir();
  return new NativeExecutor({
    target: target.name,
    opt: options.opt,
    kernelCacheDir: cacheRoot,
    ...(options.cache ? executableCache(join(cacheRoot, 'spectest'), options.cliDir, target) : {}),
    ...(options.keep !== undefined ? { keepDir: resolve(options.keep) } : {}),
    jobs: options.jobs,
    workerFile: new URL('./native-worker.js', import.meta.url),
  });
}

function executorFor(mode: string, options: RunOptions): Executor {
  switch (mode) {
    case 'validate':
      return new ValidateExecutor();
    case 'interp':
      return new InterpExecutor({ opt: options.opt });
    case 'run':
      return nativeExecutor(options);
    default:
      throw new Error(`unknown mode "${mode}"`);
  }
}

async function main(): Promise<number> {
  const argv = await yargs(hideBin(process.argv))
    .scriptName('spectest')
    .usage('$0 [options]: run the WebAssembly spec test suite')
    .option('mode', { choices: ['validate', 'interp', 'run'] as const, default: 'validate' as const, describe: 'what to do with each command: validate modules, run them on the IR interpreter, or run them natively' })
    .option('spec-dir', { type: 'string', describe: 'directory of wast2json output (default: ../shared/spec/wasm-2.0/json from the repo root)' })
    .option('only', { type: 'string', array: true, describe: 'only scripts whose name contains one of these (comma lists ok)' })
    .option('exclude', { type: 'string', array: true, describe: 'skip scripts whose name contains one of these (comma lists ok)' })
    .option('target', { type: 'string', describe: 'run mode: what to build and run executables for (x86_64)' })
    .option('opt', { choices: [0, 1] as const, default: 1 as const, describe: 'optimisation level of the compiled IR (interp and run modes): 0 as lowered, 1 optimised' })
    .option('jobs', { type: 'number', default: Math.min(2, availableParallelism()), describe: 'run mode: scripts built at once, each in a worker thread (0: in this thread)' })
    .option('cache', { type: 'boolean', default: true, describe: 'run mode: reuse executables built from the same script by the same toolchain (--no-cache: build all)' })
    .option('keep', { type: 'string', describe: 'run mode: keep every executable and a listing of its command table in this folder' })
    .option('verbose', { type: 'boolean', default: false, describe: 'print every script and progress' })
    .strict()
    .help()
    .parseAsync();

  const cliDir = dirname(fileURLToPath(import.meta.url));
  const specDir = resolveSpecDir(argv['spec-dir'], cliDir, process.cwd());
  if (!existsSync(specDir)) {
    process.stderr.write(`spectest: spec directory not found: ${specDir}\n`);
    return 2;
  }
  const scripts = listScripts(specDir, { only: list(argv.only), exclude: list(argv.exclude) });
  if (scripts.length === 0) {
    process.stderr.write(`spectest: no scripts selected in ${specDir}\n`);
    return 2;
  }
  const executor = executorFor(argv.mode, { target: argv.target, opt: argv.opt, jobs: argv.jobs, cache: argv.cache, keep: argv.keep, cliDir });
  const started = Date.now();
  const suite = await runSuite(scripts, executor, (r) => {
    if (argv.verbose) process.stderr.write(`${r.script}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped\n`);
  }).finally(() => executor.close?.());
  if (argv.verbose) process.stderr.write(`spectest: ${scripts.length} scripts in ${Date.now() - started} ms\n`);
  if (argv.keep !== undefined) process.stderr.write(`spectest: executables kept in ${resolve(argv.keep)}\n`);
  process.stdout.write(`${formatReport(suite)}\n`);
  return suite.failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`spectest: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
