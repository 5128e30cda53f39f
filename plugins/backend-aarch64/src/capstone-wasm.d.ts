// capstone-wasm ships declarations, but its package.json "exports" does not point at them,
// so TypeScript's resolution cannot find them: the part disassemble.ts uses, as it is there.
declare module 'capstone-wasm' {
  export interface Insn {
    address: number | bigint;
    size: number;
    bytes: Uint8Array;
    mnemonic: string;
    opStr: string;
  }
  export class Capstone {
    constructor(arch: number, mode: number);
    disasm(data: number[] | Uint8Array, options?: { address?: number | bigint; count?: number }): Insn[];
    close(): void;
  }
  export const Const: { readonly CS_ARCH_ARM64: number; readonly CS_MODE_ARM: number };
  export function loadCapstone(args?: Record<string, unknown>): Promise<void>;
}
