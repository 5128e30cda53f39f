/**
 * The disassembler behind `mewz dump`'s machine-code stage: capstone-wasm, loaded only
 * when a listing is asked for (it is 1.7 MB of wasm that nothing else needs).
 */

/** One decoded instruction. */
export interface DecodedInst {
  readonly offset: number;
  readonly size: number;
  /** `mov rbp, rsp`, as capstone prints it (Intel syntax). */
  readonly text: string;
}

/** Decodes x86-64 code placed at address 0, up to the first byte that is not an instruction. */
export type Disassemble = (code: Uint8Array) => DecodedInst[];

/** Makes a disassembler ready, or rejects saying why it cannot. */
export type LoadDisassembler = () => Promise<Disassemble>;

/** capstone-wasm, through a dynamic import (it is an ES module that itself imports dynamically). */
export const loadCapstone: LoadDisassembler = async () => {
  const capstone = await import('capstone-wasm');
  await capstone.loadCapstone();
  return (code) => {
    if (code.length === 0) return [];
    const cs = new capstone.Capstone(capstone.Const.CS_ARCH_X86, capstone.Const.CS_MODE_64);
    try {
      return cs.disasm(code, { address: 0 }).map((i) => ({
        offset: Number(i.address),
        size: i.size,
        text: i.opStr ? `${i.mnemonic} ${i.opStr}` : i.mnemonic,
      }));
    } catch {
      // capstone-wasm throws when not even the first instruction decodes.
      return [];
    } finally {
      cs.close();
    }
  };
};
