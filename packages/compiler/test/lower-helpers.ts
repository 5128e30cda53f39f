import { type IrFunction, lowerModule, type LoweredModule, printFunction, verifyFunction } from '@mewz/compiler';
import { loadModule } from '@mewz/wasm';
import wabtFactory from 'wabt';

/** Assembles WAT (with the Wasm 2.0 features) and loads (decodes + validates) it. */
export async function watModule(text: string) {
  const wabt = await wabtFactory();
  const m = wabt.parseWat('t.wat', text, { reference_types: true, bulk_memory: true, multi_value: true, sat_float_to_int: true, sign_extension: true, simd: true });
  return loadModule(m.toBinary({}).buffer);
}

/** Lowers a WAT module and checks that every function verifies. */
export async function lowerWat(text: string): Promise<LoweredModule> {
  const out = lowerModule(await watModule(text), { prefix: 't' });
  for (const f of out.functions) expect({ name: f.name, problems: verifyFunction(f) }).toEqual({ name: f.name, problems: [] });
  return out;
}

export function fn(out: LoweredModule, name: string): IrFunction {
  const f = out.functions.find((g) => g.name === name);
  if (!f) throw new Error(`no function ${name}: ${out.functions.map((g) => g.name).join(', ')}`);
  return f;
}

/** The printed function, for shape checks. */
export const text = (out: LoweredModule, name: string): string => printFunction(fn(out, name));

/** Every op of the function, in block order. */
export const ops = (f: IrFunction): string[] => f.blocks.flatMap((b) => b.insts.map((i) => i.op));
