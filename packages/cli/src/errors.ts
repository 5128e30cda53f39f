import type { CliIO } from './io.js';

/**
 * A failure the user can act on (missing file, WAT syntax error, ...). Its message is
 * printed exactly as given, without a stack trace; `exitCode` is what `mewz` exits with.
 */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A command line yargs (or a command) rejects: exit 2, like other Unix tools. */
export class UsageError extends CliError {
  override name = 'UsageError';

  constructor(message: string) {
    super(message, 2);
  }
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Prints an error from a command and returns the exit code. Anything that is not a
 * CliError is a bug in mewz: one line, and the stack only when asked for.
 */
export function reportError(error: unknown, io: CliIO, debug: boolean): number {
  if (error instanceof CliError) {
    io.stderr(`${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`mewz: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr('(run with --debug or MEWZ_DEBUG=1 to see the stack trace)\n');
  return EXIT.failure;
}
