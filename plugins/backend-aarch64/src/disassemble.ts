/**
 * The disassembler behind `mewz dump`'s machine-code stage: capstone-wasm (AArch64),
 * loaded only when a listing is asked for.
 */

/** One decoded instruction. */
export interface DecodedInst {
  readonly offset: number;
  readonly size: number;
  /** `add x0, x1, x2`, as capstone prints it. */
  readonly text: string;
}

/** Decodes aarch64 code placed at address 0, up to the first word that is not an instruction. */
export type Disassemble = (code: Uint8Array) => DecodedInst[];

/** Makes a disassembler ready, or rejects saying why it cannot. */
export type LoadDisassembler = () => Promise<Disassemble>;

export const loadCapstone: LoadDisassembler = async () => {
  const capstone = await import('capstone-wasm');
  await capstone.loadCapstone();
  return (code) => {
    if (code.length === 0) return [];
    const cs = new capstone.Capstone(capstone.Const.CS_ARCH_ARM64, capstone.Const.CS_MODE_ARM);
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
