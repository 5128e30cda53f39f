// A suite is one `npm run bench -- <name>`: it runs, prints progress, and returns the
// markdown section that goes into docs/benchmarks.md. New suites (compiler output vs
// Node/wasm2c/gcc, image size, boot time) are new files in suites/ plus a line in
// suites/index.ts.

export interface SuiteOptionSpec {
  type: 'string' | 'boolean';
  description: string;
  default?: string | boolean;
}

export interface SuiteContext {
  /** Parsed suite options (strings and booleans as given, defaults applied). */
  options: Readonly<Record<string, string | boolean | undefined>>;
  /** Progress and results for the terminal. */
  log(line: string): void;
  now(): Date;
  /** Where `bench` was started: suites find the repository from here. */
  cwd: string;
}

export interface SuiteReport {
  /** The section for docs/benchmarks.md, starting with a `## ` heading. */
  markdown: string;
  /**
   * Correctness failures (a variant computed something else than the reference). They are
   * in the markdown too; `bench` also prints them on stderr and exits 1 after recording.
   */
  failures?: readonly string[];
  /**
   * Set when the suite could not run on this machine (a tool is missing): why. Nothing is
   * recorded, so the last figures stay, and `bench` exits 0 after printing the reason.
   */
  skipped?: string;
}

export interface Suite {
  name: string;
  description: string;
  options: Readonly<Record<string, SuiteOptionSpec>>;
  run(ctx: SuiteContext): Promise<SuiteReport>;
}
