/**
 * The disassembler behind `mewz dump`'s machine-code stage: capstone-wasm (x86-64, Intel
 * syntax), loaded only when a listing is asked for (it is 1.7 MB of wasm that nothing
 * else needs).
 */
import { capstoneDisassembler, type LoadDisassembler } from '@mewz/compiler';

export type { DecodedInst, Disassemble, LoadDisassembler } from '@mewz/compiler';

/** capstone-wasm, through a dynamic import (it is an ES module that itself imports dynamically). */
export const loadCapstone: LoadDisassembler = async () => {
  const capstone = await import('capstone-wasm');
  await capstone.loadCapstone();
  return capstoneDisassembler(() => new capstone.Capstone(capstone.Const.CS_ARCH_X86, capstone.Const.CS_MODE_64));
};
