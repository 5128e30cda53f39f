// The shape of a `mewz` subcommand. A command is a small module exporting one
// `defineCommand(...)` value; commands/index.ts lists them. Adding `build` or `run` means
// writing commands/build.ts and adding one line there.
import type { Argv } from 'yargs';
import type { CliIO } from './io.js';

export interface CommandContext {
  io: CliIO;
  /** Print stack traces of internal errors (--debug or MEWZ_DEBUG). */
  debug: boolean;
}

export interface CommandSpec<A> {
  /** yargs command string, e.g. `inspect <file>`. The first word is the command's name. */
  command: string;
  describe: string;
  /** Declares positionals and options; extra help text goes in `.epilogue()`. */
  builder: (yargs: Argv) => Argv<A>;
  /** Does the work and returns the exit code. Throw CliError for failures the user can fix. */
  run: (args: A, ctx: CommandContext) => Promise<number>;
}

/** A command with its argument type erased, so commands of different shapes fit in one list. */
export interface CliCommand {
  name: string;
  command: string;
  describe: string;
  builder: (yargs: Argv) => Argv;
  run: (args: unknown, ctx: CommandContext) => Promise<number>;
}

export function defineCommand<A>(spec: CommandSpec<A>): CliCommand {
  return {
    name: spec.command.split(' ')[0],
    command: spec.command,
    describe: spec.describe,
    builder: spec.builder as unknown as (yargs: Argv) => Argv,
    // yargs has checked the arguments against the builder's declarations.
    run: (args, ctx) => spec.run(args as A, ctx),
  };
}
