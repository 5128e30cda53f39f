// Little-endian field writers for relocation types. Every writer checks first and
// writes after, so a failed relocation never leaves a half-patched field behind.
import { RelocationRangeError } from './relocation.js';

/**
 * How a field interprets its bits: `true` two's complement, `false` unsigned, `'either'`
 * accepts both readings (e.g. a 32-bit data word that may hold -1 or 0xffffffff).
 */
export type Signedness = boolean | 'either';

/** The inclusive range of values a `bits`-wide field can hold. */
export function fieldRange(bits: number, signed: Signedness): { min: bigint; max: bigint } {
  const b = BigInt(bits);
  if (signed === true) return { min: -(1n << (b - 1n)), max: (1n << (b - 1n)) - 1n };
  if (signed === false) return { min: 0n, max: (1n << b) - 1n };
  return { min: -(1n << (b - 1n)), max: (1n << b) - 1n };
}

/** Throw `RelocationRangeError` (naming `what`) unless `value` fits a `bits`-wide field. */
export function checkRange(value: bigint, bits: number, signed: Signedness, what: string): void {
  const { min, max } = fieldRange(bits, signed);
  if (value < min || value > max) throw new RelocationRangeError(what, value, min, max);
}

/** Throw `RelocationRangeError` (naming `what`) unless `value` is a multiple of `alignment`. */
export function checkAlignment(value: bigint, alignment: number, what: string): void {
  const a = BigInt(alignment);
  if (((value % a) + a) % a !== 0n) {
    const { min, max } = fieldRange(64, 'either');
    throw new RelocationRangeError(what, value, min, max, alignment);
  }
}

function checkBounds(code: Uint8Array, offset: number, bytes: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + bytes > code.length) {
    throw new RangeError(`patch of ${bytes} bytes at offset ${offset} is outside a buffer of ${code.length} bytes`);
  }
}

/** Read an unsigned little-endian integer of `bytes` bytes. */
export function readUint(code: Uint8Array, offset: number, bytes: number): bigint {
  checkBounds(code, offset, bytes);
  let v = 0n;
  for (let i = bytes - 1; i >= 0; i--) v = (v << 8n) | BigInt(code[offset + i]!);
  return v;
}

/** Write the low `bytes` bytes of `value` little-endian, without a range check. */
export function writeUint(code: Uint8Array, offset: number, bytes: number, value: bigint): void {
  checkBounds(code, offset, bytes);
  let v = BigInt.asUintN(bytes * 8, value);
  for (let i = 0; i < bytes; i++) {
    code[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * Range-check `value` against a `bits`-wide field (a multiple of 8, at most 64) and write
 * it little-endian at `offset`. `what` names the field in the error (backends pass their
 * relocation type's name).
 */
export function patchInt(
  code: Uint8Array,
  offset: number,
  value: bigint,
  bits: number,
  signed: Signedness,
  what = `${signed === true ? 'int' : signed === false ? 'uint' : 'word'}${bits}`,
): void {
  if (bits % 8 !== 0 || bits < 8 || bits > 64) throw new RangeError(`patchInt: unsupported width ${bits}`);
  checkBounds(code, offset, bits / 8);
  checkRange(value, bits, signed, what);
  writeUint(code, offset, bits / 8, value);
}

/**
 * Replace bits [lsb, lsb + width) of the little-endian word of `bytes` bytes at `offset`
 * with the low `width` bits of `field` (two's complement for negative fields). For
 * instruction immediates: check the range first, then insert.
 */
export function insertBits(code: Uint8Array, offset: number, field: bigint, lsb: number, width: number, bytes = 4): void {
  if (lsb < 0 || width <= 0 || lsb + width > bytes * 8) {
    throw new RangeError(`insertBits: bits [${lsb}, ${lsb + width}) do not fit a ${bytes}-byte word`);
  }
  const mask = ((1n << BigInt(width)) - 1n) << BigInt(lsb);
  const word = readUint(code, offset, bytes);
  const bits = (BigInt.asUintN(width, field) << BigInt(lsb)) & mask;
  writeUint(code, offset, bytes, (word & ~mask) | bits);
}
