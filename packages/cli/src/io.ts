// Everything a command prints or reads from the environment goes through CliIO, so tests
// run commands in-process and see exactly what a user would.

export interface CliIO {
  /** Writes text as is (callers add the newline). */
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Terminal width for help text; undefined when not a terminal. */
  columns?: number;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    columns: process.stdout.columns,
  };
}
