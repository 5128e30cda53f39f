/** What the stubs of every ISA share: this platform's stack symbols and start-up values. */

/** Exit status when the process cannot start (and of traps; see the runtime's report.ts). */
export const START_FAILURE_STATUS = 134;
export const PROT_READ_WRITE = 3;
/** MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE: fail rather than replace a mapping (same on every Linux ISA). */
export const MAP_WINDOW = 0x02 | 0x20 | 0x10_0000;

export const STACK_BOTTOM = '__stack_bottom';
export const STACK_TOP = '__stack_top';

export const CATCH_SYMBOL = '__mewz_catch';
export const CATCH_FRAME_SYMBOL = '__mewz_catch_frame';

/**
 * Room kept below the stack limit: a function that passed its limit check may still
 * push a frame and call a builtin or the runtime. At most half the stack.
 */
export function stackMargin(stackSize: number): number {
  return Math.min(0x1_0000, Math.floor(stackSize / 2 / 16) * 16);
}
