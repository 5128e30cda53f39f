/**
 * What a listing needs from a disassembler, ISA-neutral. The backends load capstone-wasm
 * (their dependency, not the compiler's) and hand an instance of it to capstoneDisassembler.
 */

/** One decoded instruction. */
export interface DecodedInst {
  readonly offset: number;
  readonly size: number;
  /** The instruction as the disassembler prints it: `add x0, x1, x2`. */
  readonly text: string;
}

/** Decodes code placed at address 0, up to the first bytes that are not an instruction. */
export type Disassemble = (code: Uint8Array) => DecodedInst[];

/** Makes a disassembler ready, or rejects saying why it cannot. */
export type LoadDisassembler = () => Promise<Disassemble>;

/** The part of a capstone-wasm `Capstone` instance that decoding uses. */
export interface CapstoneInstance {
  disasm(data: Uint8Array, options: { address: number }): readonly CapstoneInsn[];
  close(): void;
}

export interface CapstoneInsn {
  readonly address: number | bigint;
  readonly size: number;
  readonly mnemonic: string;
  readonly opStr: string;
}

/** A Disassemble over a fresh capstone instance per call (`open` picks the architecture and mode). */
export function capstoneDisassembler(open: () => CapstoneInstance): Disassemble {
  return (code) => {
    if (code.length === 0) return [];
    const cs = open();
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
}
