import type { CliCommand } from '../command.js';
import { buildCommand } from './build.js';
import { dumpCommand } from './dump.js';
import { inspectCommand } from './inspect.js';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';

/** Every `mewz` subcommand, in the order `mewz --help` lists them. New commands go here. */
export const COMMANDS: readonly CliCommand[] = [buildCommand, runCommand, dumpCommand, inspectCommand, validateCommand];
