import { type Slot, TrapCode, trapMessage } from '@mewz/compiler';
import type { Command, Value } from './commands.js';
import type { Outcome } from './executor.js';
import { SIMD } from './module-source.js';
import { failed, PASSED, skipped } from './script-modules.js';
import { formatExpected, formatSlot, matches } from './values.js';

/** What running an action came to, in any mode. */
export type ActionRun =
  | { kind: 'returned'; results: Slot[] }
  | { kind: 'trapped'; code: TrapCode; func: string }
  /** Something that is neither a result nor a Wasm trap (an interpreter error, a crash). */
  | { kind: 'error'; message: string }
  /** The action was not run: this is the command's outcome. */
  | { kind: 'outcome'; outcome: Outcome };

export type ActionCommand = Command & { kind: 'action' | 'assert_return' | 'assert_trap' | 'assert_exhaustion' };

/** The script's message and ours name the same trap (either may carry extra words). */
export function trapMatches(code: TrapCode, text: string): boolean {
  const ours = trapMessage[code];
  return text.startsWith(ours) || ours.startsWith(text);
}

const describeTrap = (code: TrapCode, func: string): string => `trap: ${trapMessage[code]} (in ${func})`;

/** The outcome of an action command, from what running its action came to. */
export function judgeAction(command: ActionCommand, run: ActionRun): Outcome {
  const field = command.action.field;
  if (run.kind === 'outcome') return run.outcome;
  if (run.kind === 'error') return failed(`${field}: ${run.message}`);
  switch (command.kind) {
    case 'action':
      return run.kind === 'returned' ? PASSED : failed(`${field}: ${describeTrap(run.code, run.func)}`);
    case 'assert_return':
      return run.kind === 'returned' ? compare(command.expected, run.results) : failed(`${field}: ${describeTrap(run.code, run.func)}`);
    case 'assert_trap':
    case 'assert_exhaustion': {
      const text = command.text;
      if (run.kind === 'returned') return failed(`${field}: returned ${run.results.map(String).join(', ') || 'nothing'}, expected trap "${text}"`);
      const ok = command.kind === 'assert_exhaustion' ? run.code === TrapCode.CallStackExhausted : trapMatches(run.code, text);
      return ok ? PASSED : failed(`${field}: trapped with "${trapMessage[run.code]}" (in ${run.func}), expected "${text}"`);
    }
  }
}

function compare(expected: Value[], results: Slot[]): Outcome {
  if (expected.some((e) => e.type === 'v128')) return skipped(`v128 result: ${SIMD}`);
  if (expected.length !== results.length) return failed(`${results.length} results, expected ${expected.length}`);
  const bad = expected.findIndex((e, i) => !matches(e, results[i]));
  if (bad < 0) return PASSED;
  const got = results.map((r, i) => formatSlot(expected[i].type, r)).join(', ');
  return failed(`got ${got}; expected ${expected.map(formatExpected).join(', ')}`);
}

/** The outcome of a module expected to trap while instantiating (assert_uninstantiable). */
export function judgeUninstantiable(text: string, trap: TrapCode | undefined): Outcome {
  if (trap === undefined) return failed(`instantiated, expected a trap (${text})`);
  return trapMatches(trap, text) ? PASSED : failed(`trapped with "${trapMessage[trap]}", expected "${text}"`);
}
