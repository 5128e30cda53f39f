import { type TrapCode, trapMessage } from '../ir/types.js';

/**
 * A Wasm trap raised by interpreted code: the same value a native image reports on its
 * trap path (the kind and the function it happened in). Embedders catch it and go on.
 */
export class Trap extends Error {
  constructor(
    readonly code: TrapCode,
    /** Symbol of the function that trapped. */
    readonly func: string,
  ) {
    super(`${trapMessage[code]} (in ${func})`);
    this.name = 'Trap';
  }

  /** The message the spec suite expects for this trap. */
  get trapMessage(): string {
    return trapMessage[this.code];
  }
}

/**
 * The generated code did something the native machine would not survive or that the IR
 * forbids (an access outside every allocation, an unguarded division, a call to a
 * non-function, …). This is a bug in the lowering or a pass, never a Wasm trap.
 */
export class InterpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpError';
  }
}

/** An access that hits no allocation; the executor adds the function and instruction. */
export class MemoryFault extends InterpError {
  constructor(message: string) {
    super(message);
    this.name = 'MemoryFault';
  }
}
