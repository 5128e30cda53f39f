import { MemoryFault } from './errors.js';

/**
 * One allocation of the simulated address space: `reserved` bytes of addresses starting
 * at `base`, of which the first `committed` are backed. Growing commits more without
 * moving the base, the way a native runtime reserves a linear memory's maximum up front.
 */
export class Region {
  bytes: Uint8Array;
  view: DataView;
  /** Read-only data (segment bytes, signature symbols): a store into it is a fault. */
  readonly = false;

  constructor(
    readonly name: string,
    readonly base: number,
    readonly reserved: number,
    committed: number,
  ) {
    this.bytes = new Uint8Array(committed);
    this.view = new DataView(this.bytes.buffer);
  }

  get committed(): number {
    return this.bytes.length;
  }

  get end(): number {
    return this.base + this.reserved;
  }

  /** Backs the first `size` bytes (new bytes are zero). Throws RangeError if the host cannot. */
  commit(size: number): void {
    if (size <= this.bytes.length) return;
    if (size > this.reserved) throw new RangeError(`${this.name}: commit ${size} > reserved ${this.reserved}`);
    const bytes = new Uint8Array(size);
    bytes.set(this.bytes);
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }
}

export interface AllocateOptions {
  /** Addresses to reserve (default: the committed size). */
  reserve?: number;
  /** Alignment of the base (default 16). */
  align?: number;
}

const hex = (a: number): string => `0x${a.toString(16)}`;

/** Where allocations start: high enough that a pointer truncated to 32 bits never hits one. */
export const FIRST_ADDRESS = 0x1000_0000_0000;
/** Unmapped bytes between allocations, so running off the end of one never lands in the next. */
const GUARD = 0x1_0000;

/**
 * The simulated 64-bit little-endian address space: a growing, sorted list of regions.
 * Addresses are JS numbers (all allocations lie below 2^53). Any access outside the
 * committed part of a region is a MemoryFault: compiled code only ever touches memory
 * whose bounds it has checked, so a fault means the lowering is wrong.
 */
export class AddressSpace {
  private readonly regions: Region[] = [];
  private next = FIRST_ADDRESS;
  private last: Region | undefined;

  allocate(name: string, size: number, options: AllocateOptions = {}): Region {
    const reserve = Math.max(options.reserve ?? size, size);
    const align = options.align ?? 16;
    const base = Math.ceil(this.next / align) * align;
    const region = new Region(name, base, reserve, size);
    this.regions.push(region);
    this.next = Math.ceil((base + Math.max(reserve, 1) + GUARD) / GUARD) * GUARD;
    return region;
  }

  /** The region containing `address`, committed or not, if any. */
  find(address: number): Region | undefined {
    const last = this.last;
    if (last && address >= last.base && address < last.end) return last;
    const rs = this.regions;
    let lo = 0;
    let hi = rs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = rs[mid];
      if (address < r.base) hi = mid - 1;
      else if (address >= r.end) lo = mid + 1;
      else return (this.last = r);
    }
    return undefined;
  }

  /** The region holding [address, address + size), all committed; throws a MemoryFault otherwise. */
  region(address: number, size: number): Region {
    const last = this.last;
    if (last && address >= last.base && address + size <= last.base + last.bytes.length) return last;
    const r = this.find(address);
    if (!r) throw new MemoryFault(`access of ${size} bytes at ${hex(address)} hits no allocation`);
    if (address + size > r.base + r.committed) {
      throw new MemoryFault(
        `access of ${size} bytes at ${hex(address)} runs past the ${r.committed} committed bytes of "${r.name}" (base ${hex(r.base)}, offset ${address - r.base})`,
      );
    }
    return r;
  }

  /** Like `region`, for a store: read-only regions fault too. */
  writable(address: number, size: number): Region {
    const r = this.region(address, size);
    if (r.readonly) throw new MemoryFault(`store of ${size} bytes at ${hex(address)} into read-only "${r.name}"`);
    return r;
  }

  // ---- typed access; `signed` applies to widths below 4 bytes ----

  /** Loads 1, 2 or 4 bytes as a number (zero- or sign-extended). */
  load(address: number, width: number, signed: boolean): number {
    const r = this.region(address, width);
    const o = address - r.base;
    switch (width) {
      case 1:
        return signed ? r.view.getInt8(o) : r.view.getUint8(o);
      case 2:
        return signed ? r.view.getInt16(o, true) : r.view.getUint16(o, true);
      case 4:
        return signed ? r.view.getInt32(o, true) : r.view.getUint32(o, true);
      default:
        throw new MemoryFault(`load of unsupported width ${width}`);
    }
  }

  load64(address: number): bigint {
    const r = this.region(address, 8);
    return r.view.getBigUint64(address - r.base, true);
  }

  load128(address: number): bigint {
    const r = this.region(address, 16);
    const o = address - r.base;
    return r.view.getBigUint64(o, true) | (r.view.getBigUint64(o + 8, true) << 64n);
  }

  /** Stores the low 1, 2 or 4 bytes of `value`. */
  store(address: number, width: number, value: number): void {
    const r = this.writable(address, width);
    const o = address - r.base;
    switch (width) {
      case 1:
        return r.view.setUint8(o, value & 0xff);
      case 2:
        return r.view.setUint16(o, value & 0xffff, true);
      case 4:
        return r.view.setUint32(o, value >>> 0, true);
      default:
        throw new MemoryFault(`store of unsupported width ${width}`);
    }
  }

  store64(address: number, value: bigint): void {
    const r = this.writable(address, 8);
    r.view.setBigUint64(address - r.base, BigInt.asUintN(64, value), true);
  }

  store128(address: number, value: bigint): void {
    const r = this.writable(address, 16);
    const o = address - r.base;
    r.view.setBigUint64(o, BigInt.asUintN(64, value), true);
    r.view.setBigUint64(o + 8, BigInt.asUintN(64, value >> 64n), true);
  }

  /** A live view of [address, address + size) (valid until the region grows). */
  bytes(address: number, size: number): Uint8Array {
    const r = this.region(address, size);
    const o = address - r.base;
    return r.bytes.subarray(o, o + size);
  }

  /** memmove: overlapping ranges copy as if through a temporary. */
  copy(dst: number, src: number, size: number): void {
    if (size === 0) return;
    const from = this.region(src, size);
    const to = this.writable(dst, size);
    if (from === to) to.bytes.copyWithin(dst - to.base, src - from.base, src - from.base + size);
    else to.bytes.set(from.bytes.subarray(src - from.base, src - from.base + size), dst - to.base);
  }

  fill(dst: number, byte: number, size: number): void {
    if (size === 0) return;
    const r = this.writable(dst, size);
    r.bytes.fill(byte & 0xff, dst - r.base, dst - r.base + size);
  }

  write(address: number, data: Uint8Array): void {
    if (data.length === 0) return;
    const r = this.writable(address, data.length);
    r.bytes.set(data, address - r.base);
  }
}
