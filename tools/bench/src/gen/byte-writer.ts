/**
 * A growable byte buffer with the Wasm binary encodings (LEB128, IEEE floats, names).
 * The generator writes megabytes, so it grows by doubling instead of pushing to arrays.
 */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  private len = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.len;
  }

  private reserve(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): this {
    this.reserve(1);
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  bytes(data: ArrayLike<number>): this {
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^53. */
  u32(value: number): this {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`u32: ${value}`);
    do {
      let b = value % 128;
      value = Math.floor(value / 128);
      if (value !== 0) b |= 0x80;
      this.byte(b);
    } while (value !== 0);
    return this;
  }

  /** Signed LEB128 of a 32-bit integer. */
  s32(value: number): this {
    value |= 0;
    for (;;) {
      const b = value & 0x7f;
      value >>= 7;
      const done = (value === 0 && (b & 0x40) === 0) || (value === -1 && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  /** Signed LEB128 of a 64-bit integer. */
  s64(value: bigint): this {
    value = BigInt.asIntN(64, value);
    for (;;) {
      const b = Number(value & 0x7fn);
      value >>= 7n;
      const done = (value === 0n && (b & 0x40) === 0) || (value === -1n && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  f32(value: number): this {
    this.reserve(4);
    this.view.setFloat32(this.len, value, true);
    this.len += 4;
    return this;
  }

  f64(value: number): this {
    this.reserve(8);
    this.view.setFloat64(this.len, value, true);
    this.len += 8;
    return this;
  }

  /** A UTF-8 name, length-prefixed. */
  name(text: string): this {
    const utf8 = new TextEncoder().encode(text);
    return this.u32(utf8.length).bytes(utf8);
  }

  /** Another writer's contents, prefixed with their length (sections, function bodies). */
  sized(inner: ByteWriter): this {
    return this.u32(inner.length).bytes(inner.view8());
  }

  /** The written bytes, without copying; valid until the next write. */
  view8(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  /** A copy of the written bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  reset(): this {
    this.len = 0;
    return this;
  }
}
