// WAT → Wasm through wabt (its CommonJS build, loaded per call: a CLI converts one file,
// and keeping no module-level instance keeps the package free of global state).
import wabtInit from 'wabt';
import { CliError } from './errors.js';

/** wabt's names for the proposals that make up Wasm 2.0; nothing beyond 2.0. */
export const WASM2_FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
} as const;

/**
 * The file name wabt sees. wabt.js copies file names without their UTF-8 length or a
 * terminator, garbling long and non-ASCII ones in messages, so it gets this short one and
 * messages get the real name back (see watErrorText).
 */
const WABT_FILE_NAME = 'mewz-input.wat';

/**
 * Parses and encodes WAT. wabt's own validator is not run: judging validity is the job of
 * @mewz/wasm, so an invalid module in WAT gets the same diagnostics as a binary one.
 * Syntax errors become a CliError reading `file:line:col: error: ...` as wabt reports them.
 */
export async function watToWasm(file: string, source: Uint8Array): Promise<Uint8Array> {
  const wabt = await wabtInit();
  let mod: ReturnType<typeof wabt.parseWat> | undefined;
  try {
    // A copy: wabt.js reads a typed array's whole underlying ArrayBuffer, not just the view.
    mod = wabt.parseWat(WABT_FILE_NAME, new Uint8Array(source), WASM2_FEATURES);
    mod.resolveNames();
    // Names go into a name section, so inspect and error messages can use them.
    return Uint8Array.from(mod.toBinary({ write_debug_names: true }).buffer);
  } catch (error) {
    throw new CliError(watErrorText(file, error));
  } finally {
    mod?.destroy();
  }
}

/** wabt prefixes its diagnostics with `parseWat failed:`; the diagnostics alone are what a user needs. */
function watErrorText(file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const diagnostics = message
    .replace(/^\w+ failed:\s*\n?/, '')
    .replace(new RegExp(`^${WABT_FILE_NAME.replace('.', '\\.')}(?=:\\d+:\\d+:)`, 'gm'), () => file)
    .trimEnd();
  return diagnostics.includes(': error:') ? diagnostics : `${file}: error: ${diagnostics}`;
}
