import wabtFactory from 'wabt';

/**
 * The `spectest` module every script may import from, as the reference interpreter
 * defines it: print functions that do nothing, four immutable globals (666 and 666.6), a
 * funcref table of 10 (max 20) and a memory of 1 page (max 2). It is an ordinary Wasm
 * module of ours, so every mode runs it the way it runs the scripts' own modules.
 */
export const HOST_MODULE_WAT = `(module
  (func (export "print"))
  (func (export "print_i32") (param i32))
  (func (export "print_i64") (param i64))
  (func (export "print_f32") (param f32))
  (func (export "print_f64") (param f64))
  (func (export "print_i32_f32") (param i32 f32))
  (func (export "print_f64_f64") (param f64 f64))
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (memory (export "memory") 1 2))
`;

/** The name scripts import it by. */
export const HOST_MODULE_NAME = 'spectest';

/** The host module's binary, assembled from HOST_MODULE_WAT (callers keep it: wabt takes a while to load). */
export async function hostModuleBinary(): Promise<Uint8Array> {
  const wabt = await wabtFactory();
  const parsed = wabt.parseWat('spectest.wat', HOST_MODULE_WAT);
  try {
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}
