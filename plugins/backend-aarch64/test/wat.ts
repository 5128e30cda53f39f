/** Test helpers: WAT → lowered IR → VCode. */
import { type IrFunction, lowerModule } from '@mewz/compiler';
import { loadModule } from '@mewz/wasm';
import wabtFactory from 'wabt';
import { printVCode, selectInstructions } from '../src/index.js';

let wabt: Awaited<ReturnType<typeof wabtFactory>> | undefined;

export async function watToWasm(text: string): Promise<Uint8Array> {
  wabt ??= await wabtFactory();
  const m = wabt.parseWat('t.wat', text, { reference_types: true, bulk_memory: true, sat_float_to_int: true, sign_extension: true, multi_value: true });
  try {
    return m.toBinary({}).buffer;
  } finally {
    m.destroy();
  }
}

/** Lowers every defined function of a WAT module (instantiate and invoke trampolines follow them). */
export async function lowerWat(text: string, options: { prefix?: string; trusted?: boolean } = {}): Promise<IrFunction[]> {
  const module = loadModule(await watToWasm(text));
  return lowerModule(module, { prefix: options.prefix ?? 'm', trusted: options.trusted }).functions;
}

/** The VCode listing of defined function `index` (0-based among defined functions). */
export async function vcodeOf(text: string, index = 0, options: { trusted?: boolean } = {}): Promise<string> {
  const funcs = await lowerWat(text, options);
  return printVCode(selectInstructions(funcs[index]!, index));
}
