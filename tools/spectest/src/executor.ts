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

/** One per mode (validate, run on a target, …); the runner loop knows nothing of modes. */
export interface Executor {
  readonly name: string;
  startScript(script: Script): ScriptSession;
}
