/** One thing wrong with a config, located by JSON pointer and, when known, line and column. */
export interface ConfigProblem {
  /** The config file as named by the caller, or another source such as "command line". */
  readonly file: string;
  /** JSON pointer of the offending key (`/memory/max`); "" for the whole document. */
  readonly pointer: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** `file: /pointer: message`, or `file:line:column: message` for syntax errors. */
export function formatProblem(problem: ConfigProblem): string {
  if (problem.pointer !== '') return `${problem.file}: ${problem.pointer}: ${problem.message}`;
  if (problem.line !== undefined) return `${problem.file}:${problem.line}:${problem.column ?? 1}: ${problem.message}`;
  return `${problem.file}: ${problem.message}`;
}

/** A config that cannot be used. The message lists every problem, one per line. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join('\n'), options);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
