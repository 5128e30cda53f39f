/**
 * x86_64 relocation types. The linker does the generic arithmetic (S+A, S+A−P); each
 * type here only range-checks the result and writes its bytes, little-endian.
 */
import { patchInt, type RelocationKind, type RelocationType, type Signedness } from '@mewz/object';

export type X86RelocationName = 'abs64' | 'abs32' | 'abs32s' | 'pc32';

function intField(name: X86RelocationName, kind: RelocationKind, bits: 32 | 64, signed: Signedness): RelocationType {
  return Object.freeze({
    name,
    kind,
    size: bits / 8,
    patch(code: Uint8Array, offset: number, value: bigint): void {
      patchInt(code, offset, value, bits, signed, name);
    },
  });
}

/**
 * Relocation types the x86_64 backend emits, keyed by name (ELF equivalents in comments).
 * pc32 is used by call/jmp/jcc rel32 and RIP-relative operands; the encoder folds the
 * distance from the field to the end of the instruction into the addend (usually −4).
 */
export const relocationTypes: Readonly<Record<X86RelocationName, RelocationType>> = Object.freeze({
  // R_X86_64_64: any 64-bit value (the signed and unsigned readings are the same bits).
  abs64: intField('abs64', 'abs', 64, 'either'),
  // R_X86_64_32: the instruction zero-extends the field, so the value must be a u32.
  abs32: intField('abs32', 'abs', 32, false),
  // R_X86_64_32S: the field is sign-extended (disp32, imm32 of a 64-bit operation).
  abs32s: intField('abs32s', 'abs', 32, true),
  // R_X86_64_PC32: a signed 32-bit distance.
  pc32: intField('pc32', 'pcrel', 32, true),
});
