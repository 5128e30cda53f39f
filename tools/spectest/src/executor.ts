import type { Command, Script } from './commands.js';

/**
 * What became of one command. `uncounted` is for commands a mode does not handle at all
 * (e.g. assertions that need execution, in validate mode): they appear in no total.
 */
export type Outcome =
  | { status: 'passed' }
  | { status: 'failed'; message: string }
  | { status: 'skipped'; reason: string }
  | { status: 'uncounted' };

/** Runs the commands of one script in order; holds whatever state the mode needs across them. */
export interface ScriptSession {
  execute(command: Command): Outcome;
  /** Releases resources after the last command. */
  close?(): void;
}

/** One per mode (validate, interp, run on a target, …); the runner loop knows nothing of modes. */
export interface Executor {
  readonly name: string;
  /** How many scripts the runner may hand it at once (default 1). */
  readonly concurrency?: number;
  /** One outcome per command of the script, in command order. */
  runScript(script: Script): Promise<Outcome[]>;
  /** Releases what it holds (worker threads) once the suite is done. */
  close?(): Promise<void>;
}

/** Every command of `script` through `session`, one after another. */
export function runSession(session: ScriptSession, script: Script): Outcome[] {
  try {
    return script.commands.map((command) => session.execute(command));
  } finally {
    session.close?.();
  }
}
