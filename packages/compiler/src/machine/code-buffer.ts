/**
 * A growable byte buffer plus the references ("fixups") its bytes make to labels and
 * symbols. Nothing here knows an ISA: an encoder writes bytes (or words) and records fixups, its
 * assembler lays out and resolves them. Both backends share this one copy.
 */

/** A position in the code, bound later by the assembler that created it. */
export class Label {
  readonly kind = 'label';
  /** @internal created by Assembler.newLabel */
  constructor(
    readonly id: number,
    /** Named labels are exported by `finish()` and may be referenced by absolute address. */
    readonly name?: string,
  ) {}

  toString(): string {
    return this.name ?? `L${this.id}`;
  }
}

/** A reference to a symbol outside this code, resolved by the linker. */
export interface SymbolRef {
  readonly symbol: string;
  readonly addend?: number | bigint;
}

export function sym(symbol: string, addend: number | bigint = 0): SymbolRef {
  return { symbol, addend };
}

export type Target = Label | SymbolRef;

export function isLabel(x: unknown): x is Label {
  return x instanceof Label;
}

export function isSymbolRef(x: unknown): x is SymbolRef {
  return typeof x === 'object' && x !== null && typeof (x as { symbol?: unknown }).symbol === 'string';
}

/**
 * A field at `offset` that holds `target + addend` computed as relocation `type` does.
 * With `relativeTo`, the value is the distance `target + addend − relativeTo` instead
 * (both labels of the same code; used for position-independent jump tables).
 */
export interface Fixup {
  readonly offset: number;
  readonly type: string;
  readonly target: Target;
  readonly addend: bigint;
  readonly relativeTo?: Label;
}

export class CodeBuffer {
  private data = new Uint8Array(256);
  private len = 0;
  private readonly fixupList: Fixup[] = [];

  get length(): number {
    return this.len;
  }

  get fixups(): readonly Fixup[] {
    return this.fixupList;
  }

  private reserve(n: number): number {
    const at = this.len;
    if (at + n > this.data.length) {
      const grown = new Uint8Array(Math.max(this.data.length * 2, at + n));
      grown.set(this.data.subarray(0, at));
      this.data = grown;
    }
    this.len = at + n;
    return at;
  }

  u8(v: number): void {
    // reserve() first: `this.data[this.reserve(1)] = …` would read `this.data` before a
    // growing reserve replaces it, and the byte would land in the discarded array.
    const at = this.reserve(1);
    this.data[at] = v & 0xff;
  }

  u16(v: number): void {
    const at = this.reserve(2);
    this.data[at] = v & 0xff;
    this.data[at + 1] = (v >>> 8) & 0xff;
  }

  u32(v: number): void {
    const at = this.reserve(4);
    for (let i = 0; i < 4; i++) this.data[at + i] = (v >>> (8 * i)) & 0xff;
  }

  u64(v: bigint): void {
    const at = this.reserve(8);
    const u = BigInt.asUintN(64, v);
    for (let i = 0; i < 8; i++) this.data[at + i] = Number((u >> BigInt(8 * i)) & 0xffn);
  }

  /** Little-endian integer of `size` bytes (two's complement for negatives). */
  int(size: 1 | 2 | 4 | 8, v: bigint): void {
    const u = BigInt.asUintN(size * 8, v);
    if (size === 8) this.u64(u);
    else if (size === 4) this.u32(Number(u));
    else if (size === 2) this.u16(Number(u));
    else this.u8(Number(u));
  }

  bytes(bs: ArrayLike<number>): void {
    const at = this.reserve(bs.length);
    this.data.set(bs, at);
  }

  addFixup(fixup: Fixup): void {
    this.fixupList.push(fixup);
  }

  /** A view of the bytes written so far (valid until the next write). */
  view(start = 0, end = this.len): Uint8Array {
    return this.data.subarray(start, end);
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.data.slice(0, this.len);
  }
}
