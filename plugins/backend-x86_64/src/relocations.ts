/**
 * x86_64 relocation types. The linker does the generic arithmetic (S+A, S+A−P); each
 * type here only range-checks the result and writes its bytes, little-endian.
 */

// Local copy of the @mewz/object relocation contract, structurally identical; replaced by
// an import once @mewz/object exports it.
export type RelocationKind = 'abs' | 'pcrel' | 'page-pcrel' | 'page-offset';
export interface RelocationType {
  name: string;
  kind: RelocationKind;
  /** Bytes patched. */
  size: number;
  /** Range-check `value` then write it at `code[offset]`; throws on overflow. */
  patch(code: Uint8Array, offset: number, value: bigint): void;
}
export interface Relocation {
  offset: number;
  type: string;
  symbol: string;
  addend: bigint;
}

/** The value computed for a relocation does not fit its field. */
export class RelocationRangeError extends RangeError {
  constructor(
    readonly type: string,
    readonly value: bigint,
    readonly min: bigint,
    readonly max: bigint,
  ) {
    super(`relocation ${type}: value ${fmt(value)} is out of range [${fmt(min)}, ${fmt(max)}]`);
    this.name = 'RelocationRangeError';
  }
}

function fmt(v: bigint): string {
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

function checkedType(name: string, kind: RelocationKind, size: 4 | 8, min: bigint, max: bigint): RelocationType {
  return Object.freeze({
    name,
    kind,
    size,
    patch(code: Uint8Array, offset: number, value: bigint): void {
      if (value < min || value > max) throw new RelocationRangeError(name, value, min, max);
      if (offset < 0 || offset + size > code.length) {
        throw new RangeError(`relocation ${name}: offset ${offset} + ${size} bytes is outside the code (${code.length} bytes)`);
      }
      const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
      if (size === 8) view.setBigUint64(offset, BigInt.asUintN(64, value), true);
      else view.setUint32(offset, Number(BigInt.asUintN(32, value)), true);
    },
  });
}

const I32_MIN = -(1n << 31n);
const I32_MAX = (1n << 31n) - 1n;

/**
 * Relocation types the x86_64 backend emits, keyed by name (ELF equivalents in comments).
 * pc32 is used by call/jmp/jcc rel32 and RIP-relative operands; the encoder folds the
 * distance from the field to the end of the instruction into the addend (usually −4).
 */
export const relocationTypes: Readonly<Record<string, RelocationType>> = Object.freeze({
  // R_X86_64_64: any 64-bit value (signed or unsigned view of the same bits).
  abs64: checkedType('abs64', 'abs', 8, -(1n << 63n), (1n << 64n) - 1n),
  // R_X86_64_32: the field is zero-extended by the instruction, so the value must be a u32.
  abs32: checkedType('abs32', 'abs', 4, 0n, (1n << 32n) - 1n),
  // R_X86_64_32S: the field is sign-extended (e.g. disp32, imm32 of a 64-bit op).
  abs32s: checkedType('abs32s', 'abs', 4, I32_MIN, I32_MAX),
  // R_X86_64_PC32: signed 32-bit distance.
  pc32: checkedType('pc32', 'pcrel', 4, I32_MIN, I32_MAX),
});

export type X86RelocationName = 'abs64' | 'abs32' | 'abs32s' | 'pc32';
