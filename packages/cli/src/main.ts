// `mewz <command>`: the yargs setup shared by every command, run in-process. Nothing here
// calls process.exit or touches process streams; mewz.ts connects main() to the process.
import yargs from 'yargs';
import { version } from '../package.json';
import type { CliCommand, CommandContext } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, reportError, UsageError } from './errors.js';
import { processIO, type CliIO } from './io.js';

/** Runs `mewz` with the arguments after the program name; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO(), commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const args = [...argv];
  // Known before parsing, so that errors during parsing already honour it.
  const ctx: CommandContext = { io, debug: args.includes('--debug') || isSet(io.env.MEWZ_DEBUG) };
  let exitCode: number = EXIT.ok;
  let output = '';
  const hints: string[] = [];

  const parser = yargs()
    .scriptName('mewz')
    .usage('$0 <command> [options]\n\nCompile WASI WebAssembly applications into unikernel images.')
    .option('debug', { type: 'boolean', global: true, describe: 'print stack traces of internal errors (or set MEWZ_DEBUG=1)' })
    .demandCommand(1, 'no command given')
    .strict()
    .recommendCommands()
    .version(version)
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, io.columns ?? 100))
    .exitProcess(false)
    // Usage errors abort parsing, so the command handler is not run. yargs reports a
    // near-miss command name as a failure of its own just before the real one: keep it as a hint.
    .fail((message, error) => {
      if (message?.startsWith('Did you mean')) {
        hints.push(message);
        return;
      }
      throw message ? new UsageError(message) : error;
    });
  for (const command of commands) {
    parser.command(command.command, command.describe, command.builder, async (parsed) => {
      exitCode = await runCommand(command, parsed, ctx);
    });
  }

  try {
    // With a callback, yargs hands over --help/--version text instead of printing it.
    await parser.parseAsync(args, {}, (_error, _parsed, text) => {
      output = text;
    });
  } catch (error) {
    if (error instanceof UsageError) {
      const word = args.find((a) => !a.startsWith('-'));
      const command = commands.find((c) => c.name === word);
      const problem = word !== undefined && !command ? `unknown command '${word}'` : error.message;
      io.stderr(`mewz: ${[problem, ...hints].join('. ')}\nRun 'mewz ${command ? `${command.name} ` : ''}--help' for usage.\n`);
      return error.exitCode;
    }
    return reportError(error, io, ctx.debug);
  }
  if (output) io.stdout(`${output}\n`);
  return exitCode;
}

async function runCommand(command: CliCommand, parsed: unknown, ctx: CommandContext): Promise<number> {
  try {
    return await command.run(parsed, ctx);
  } catch (error) {
    return reportError(error, ctx.io, ctx.debug);
  }
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
