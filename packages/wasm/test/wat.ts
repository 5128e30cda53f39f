// WAT → Wasm bytes through wabt, with every Wasm 2.0 feature turned on.
//
// `wat(text)` resolves names, validates with wabt and encodes: use it for modules that
// must be valid. `watUnchecked(text)` skips wabt's validator, which is how the tests make
// deliberately invalid modules (type mismatches, bad indices, ...). If wabt refuses to
// even parse/encode an invalid construct, hand-build the binary with ./bytes.ts instead.
import wabtInit from 'wabt';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;

/** The feature flags wabt uses for the proposals that make up Wasm 2.0. */
export const WASM2_FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
} as const;

let wabtPromise: Promise<Wabt> | undefined;

function loadWabt(): Promise<Wabt> {
  wabtPromise ??= wabtInit();
  return wabtPromise;
}

export interface WatOptions {
  /** Run wabt's validator (default true). Turn off to produce invalid modules. */
  validate?: boolean;
  /** Emit a "name" custom section with function and local names (default false). */
  names?: boolean;
}

/** Assemble WAT text into a Wasm binary. */
export async function wat(text: string, options: WatOptions = {}): Promise<Uint8Array> {
  const wabt = await loadWabt();
  const mod = wabt.parseWat('test.wat', text, WASM2_FEATURES);
  try {
    mod.resolveNames();
    if (options.validate ?? true) mod.validate();
    const { buffer } = mod.toBinary({ write_debug_names: options.names ?? false });
    return Uint8Array.from(buffer);
  } finally {
    mod.destroy();
  }
}

/** Assemble WAT text without wabt's validation, for modules that are meant to be invalid. */
export function watUnchecked(text: string, options: Omit<WatOptions, 'validate'> = {}): Promise<Uint8Array> {
  return wat(text, { ...options, validate: false });
}

/** Wrap function-level WAT in a module: `(module <prelude> (func <sig> <body>))`. */
export function funcWat(sig: string, bodyText: string, prelude = ''): string {
  return `(module ${prelude} (func ${sig} ${bodyText}))`;
}

/**
 * A function that reads and validates a binary with wabt (Wasm 2.0 features, name
 * section ignored): undefined when wabt accepts it, else wabt's message.
 */
export async function wabtChecker(): Promise<(bytes: Uint8Array) => string | undefined> {
  const wabt = await loadWabt();
  return (bytes) => {
    try {
      const mod = wabt.readWasm(bytes, { readDebugNames: false, check: true, ...WASM2_FEATURES });
      try {
        mod.validate();
      } finally {
        mod.destroy();
      }
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
}
