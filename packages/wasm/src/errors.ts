/** `malformed`: the bytes are not a Wasm binary. `invalid`: they are, but it does not validate. */
export type WasmErrorKind = 'malformed' | 'invalid';

/** The one error type of this package; it always knows where in the input it happened. */
export class WasmError extends Error {
  readonly kind: WasmErrorKind;
  /** The message without location, e.g. `type mismatch in i32.add: expected i32, got f64`. */
  readonly detail: string;
  /** Byte offset in the module's bytes. */
  readonly offset: number;
  /** For errors inside a function body: the function's index in the function index space. */
  readonly funcIndex?: number;

  constructor(kind: WasmErrorKind, detail: string, offset: number, funcIndex?: number) {
    super(detail);
    this.name = 'WasmError';
    this.kind = kind;
    this.detail = detail;
    this.offset = offset;
    if (funcIndex !== undefined) this.funcIndex = funcIndex;
    this.message = this.format();
  }

  /** `app.wasm:0x1a3: invalid: <detail> (func 12)`; without a file: `0x1a3: invalid: <detail>`. */
  format(file?: string): string {
    const at = `0x${this.offset.toString(16)}`;
    const where = file === undefined ? at : `${file}:${at}`;
    const func = this.funcIndex === undefined ? '' : ` (func ${this.funcIndex})`;
    return `${where}: ${this.kind}: ${this.detail}${func}`;
  }
}

export function malformed(detail: string, offset: number, funcIndex?: number): WasmError {
  return new WasmError('malformed', detail, offset, funcIndex);
}

export function invalid(detail: string, offset: number, funcIndex?: number): WasmError {
  return new WasmError('invalid', detail, offset, funcIndex);
}
