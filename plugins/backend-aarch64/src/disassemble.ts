/**
 * The disassembler behind `mewz dump`'s machine-code stage: capstone-wasm (AArch64),
 * loaded only when a listing is asked for.
 */
import { capstoneDisassembler, type LoadDisassembler } from '@mewz/compiler';

export type { DecodedInst, Disassemble, LoadDisassembler } from '@mewz/compiler';

/** capstone-wasm, through a dynamic import (it is an ES module that itself imports dynamically). */
export const loadCapstone: LoadDisassembler = async () => {
  const capstone = await import('capstone-wasm');
  await capstone.loadCapstone();
  return capstoneDisassembler(() => new capstone.Capstone(capstone.Const.CS_ARCH_ARM64, capstone.Const.CS_MODE_ARM));
};
