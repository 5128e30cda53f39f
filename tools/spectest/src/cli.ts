import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { Executor } from './executor.js';
import { formatReport } from './report.js';
import { listScripts, runSuite } from './runner.js';
import { resolveSpecDir } from './spec-dir.js';
import { InterpExecutor } from './interp-executor.js';
import { ValidateExecutor } from './validate-executor.js';

function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function executorFor(mode: string, opt: 0 | 1): Executor {
  switch (mode) {
    case 'validate':
      return new ValidateExecutor();
    case 'interp':
      return new InterpExecutor({ opt });
    default:
      throw new Error(`mode "${mode}" is not implemented yet`);
  }
}

async function main(): Promise<number> {
  const argv = await yargs(hideBin(process.argv))
    .scriptName('spectest')
    .usage('$0 [options]: run the WebAssembly spec test suite')
    .option('mode', { choices: ['validate', 'interp', 'run'] as const, default: 'validate' as const, describe: 'what to do with each command' })
    .option('spec-dir', { type: 'string', describe: 'directory of wast2json output (default: ../shared/spec/wasm-2.0/json from the repo root)' })
    .option('only', { type: 'string', array: true, describe: 'only scripts whose name contains one of these (comma lists ok)' })
    .option('exclude', { type: 'string', array: true, describe: 'skip scripts whose name contains one of these (comma lists ok)' })
    .option('target', { type: 'string', describe: 'ISA to compile for in run mode (x86_64, aarch64)' })
    .option('opt', { choices: [0, 1] as const, default: 1 as const, describe: 'optimisation level of the compiled IR (interp mode): 0 as lowered, 1 optimised' })
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
  const executor = executorFor(argv.mode, argv.opt);
  const started = Date.now();
  const suite = await runSuite(scripts, executor, (r) => {
    if (argv.verbose) process.stderr.write(`${r.script}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped\n`);
  }).finally(() => executor.close?.());
  if (argv.verbose) process.stderr.write(`spectest: ${scripts.length} scripts in ${Date.now() - started} ms\n`);
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
