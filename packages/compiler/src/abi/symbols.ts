/**
 * Linker symbols of one compiled instance. Every instance gets a prefix (its name in the
 * image, e.g. `app`, `kernel`, or `m3` for the spec runner's fourth module) so that
 * several instances of modules with the same function indices link side by side.
 */
export class InstanceSymbols {
  constructor(readonly prefix: string) {}

  /** Code of function `index` (function index space, defined functions only). */
  func(index: number): string {
    return `${this.prefix}.f${index}`;
  }

  /** The instance context object (see InstanceLayout). */
  get vmctx(): string {
    return `${this.prefix}.vmctx`;
  }

  /** `instantiate(vmctx, imports)`: fills the context, initialises segments, runs start. */
  get instantiate(): string {
    return `${this.prefix}.instantiate`;
  }

  /** Read-only bytes of data segment `index`. */
  data(index: number): string {
    return `${this.prefix}.data${index}`;
  }
}

/**
 * Identity of a function signature for call_indirect checks: every object that needs it
 * defines this symbol weakly, so equal signatures share one address in the image.
 */
export function signatureSymbol(params: readonly string[], results: readonly string[]): string {
  return `__mewz_sig.${params.join('_') || 'v'}.${results.join('_') || 'v'}`;
}
