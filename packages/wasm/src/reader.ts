import { malformed } from './errors.js';
import { decodeUtf8 } from './utf8.js';

/**
 * A cursor over bytes [pos, end) of a buffer, with the binary format's integer encodings.
 * All reads check the bound and throw a malformed WasmError; offsets are absolute
 * positions in `bytes`, so errors point into the whole module.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  pos: number;
  end: number;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Reading past the bound: the whole input ended, or only the enclosing section/function. */
  protected unexpectedEnd(): never {
    const detail = this.end >= this.bytes.length ? 'unexpected end' : 'unexpected end of section or function';
    throw malformed(detail, Math.min(this.pos, this.end));
  }

  u8(): number {
    if (this.pos >= this.end) this.unexpectedEnd();
    return this.bytes[this.pos++];
  }

  /** Unsigned LEB128, at most 5 bytes, value < 2^32. */
  u32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.end && bytes[pos] < 0x80) {
      this.pos = pos + 1;
      return bytes[pos];
    }
    const start = pos;
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= this.end) {
        this.pos = pos;
        this.unexpectedEnd();
      }
      const b = bytes[pos++];
      if (shift === 28) {
        if (b & 0x80) throw malformed('integer representation too long', start);
        if (b & 0x70) throw malformed('integer too large', start);
        this.pos = pos;
        return (result | (b << 28)) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        this.pos = pos;
        return result >>> 0;
      }
    }
  }

  /** Signed LEB128, at most 5 bytes, value in int32 range. */
  s32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.end && bytes[pos] < 0x80) {
      this.pos = pos + 1;
      return (bytes[pos] << 25) >> 25;
    }
    const start = pos;
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= this.end) {
        this.pos = pos;
        this.unexpectedEnd();
      }
      const b = bytes[pos++];
      if (shift === 28) {
        if (b & 0x80) throw malformed('integer representation too long', start);
        // Bits 4..6 of the last byte lie beyond bit 31: they must copy the sign bit.
        const high = b & 0x78;
        if (high !== 0 && high !== 0x78) throw malformed('integer too large', start);
        this.pos = pos;
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        this.pos = pos;
        return b & 0x40 ? result | (-1 << (shift + 7)) : result;
      }
    }
  }

  /** Signed 33-bit LEB128 (block types); the result may exceed the int32 range. */
  s33(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    const start = pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (pos >= this.end) {
        this.pos = pos;
        this.unexpectedEnd();
      }
      const b = bytes[pos++];
      if (i === 4) {
        if (b & 0x80) throw malformed('integer representation too long', start);
        // Bit 4 of the last byte is bit 32 (the sign); bits 5..6 must copy it.
        const high = b & 0x70;
        if (high !== 0 && high !== 0x70) throw malformed('integer too large', start);
        result += (b & 0x1f) * scale;
        this.pos = pos;
        return b & 0x10 ? result - 2 ** 33 : result;
      }
      result += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) {
        this.pos = pos;
        return b & 0x40 ? result - scale : result;
      }
    }
  }

  /** Signed LEB128, at most 10 bytes, value in int64 range. */
  s64(): bigint {
    const bytes = this.bytes;
    let pos = this.pos;
    const start = pos;
    // Up to 7 bytes (49 bits) fit exactly in a double: take the fast path.
    let small = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      if (pos >= this.end) {
        this.pos = pos;
        this.unexpectedEnd();
      }
      const b = bytes[pos++];
      small += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) {
        this.pos = pos;
        return BigInt(b & 0x40 ? small - scale : small);
      }
    }
    let result = BigInt(small);
    let shift = 49n;
    for (let i = 7; ; i++) {
      if (pos >= this.end) {
        this.pos = pos;
        this.unexpectedEnd();
      }
      const b = bytes[pos++];
      if (i === 9) {
        if (b & 0x80) throw malformed('integer representation too long', start);
        // Only bit 0 of the tenth byte is payload (bit 63); the rest must copy it.
        if (b !== 0 && b !== 0x7f) throw malformed('integer too large', start);
        this.pos = pos;
        return BigInt.asIntN(64, result | (BigInt(b & 1) << 63n));
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        this.pos = pos;
        return BigInt.asIntN(64, b & 0x40 ? result - (1n << shift) : result);
      }
    }
  }

  /** Checks a signed 64-bit LEB128 like s64() and moves past it, without building its value. */
  skipS64(): void {
    const bytes = this.bytes;
    let pos = this.pos;
    const start = pos;
    for (let i = 0; ; i++) {
      if (pos >= this.end) {
        this.pos = pos;
        this.unexpectedEnd();
      }
      const b = bytes[pos++];
      if (i === 9) {
        if (b & 0x80) throw malformed('integer representation too long', start);
        if (b !== 0 && b !== 0x7f) throw malformed('integer too large', start);
        break;
      }
      if ((b & 0x80) === 0) break;
    }
    this.pos = pos;
  }

  /** Little-endian 32-bit word (f32 bit pattern), unsigned. */
  u32le(): number {
    const pos = this.pos;
    if (this.end - pos < 4) {
      this.pos = this.end;
      this.unexpectedEnd();
    }
    const b = this.bytes;
    this.pos = pos + 4;
    return (b[pos] | (b[pos + 1] << 8) | (b[pos + 2] << 16) | (b[pos + 3] << 24)) >>> 0;
  }

  /** Little-endian 64-bit word (f64 bit pattern), unsigned. */
  u64le(): bigint {
    const lo = this.u32le();
    const hi = this.u32le();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** `n` raw bytes as a view. */
  bytesView(n: number): Uint8Array {
    if (n > this.end - this.pos) {
      throw malformed(this.end >= this.bytes.length ? 'unexpected end' : 'length out of bounds', this.pos);
    }
    const view = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return view;
  }

  /** A vector length: a u32 that cannot exceed the bytes left (each element takes ≥ 1 byte). */
  length(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - this.pos) throw malformed('length out of bounds', at);
    return n;
  }

  /** A name: length-prefixed UTF-8. */
  name(): string {
    const n = this.u32();
    const at = this.pos;
    const view = this.bytesView(n);
    const text = decodeUtf8(view);
    if (text === undefined) throw malformed('malformed UTF-8 encoding', at);
    return text;
  }
}
