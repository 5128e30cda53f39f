import { WasmError } from '@mewz/wasm';
import { CliError } from './errors.js';

/**
 * Runs a frontend step and turns its WasmError into a CliError in the frontend's own format,
 * `app.wasm:0x1a3: invalid: <detail> (func 12)`. For WAT input the offset is into the
 * binary that wabt encoded.
 */
export function withWasmErrors<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof WasmError) throw new CliError(error.format(file));
    throw error;
  }
}
