/**
 * Relocations, lld-style: the arithmetic is generic and lives here, a backend only maps
 * each of its relocation types to one of four kinds and patches bits. So a new ISA never
 * re-implements "S + A - P", and the linker never learns an instruction format.
 */

/** Page size of the `page-*` kinds (aarch64 ADRP/ADD pairs address 4 KiB pages). */
export const RELOCATION_PAGE_SIZE = 4096n;

/**
 * S = target symbol address, A = addend, P = place (address of the patched bytes).
 * - `abs`: S + A
 * - `pcrel`: S + A - P
 * - `page-pcrel`: Page(S + A) - Page(P)
 * - `page-offset`: (S + A) & 0xfff
 */
export type RelocationKind = 'abs' | 'pcrel' | 'page-pcrel' | 'page-offset';

export const RELOCATION_KINDS: readonly RelocationKind[] = ['abs', 'pcrel', 'page-pcrel', 'page-offset'];

/** One relocation type a backend emits, e.g. `pc32` or `adr_prel_pg_hi21`. */
export interface RelocationType {
  /** The generic arithmetic that computes the value handed to `patch`. */
  readonly kind: RelocationKind;
  /** How many bytes at the relocation offset `patch` reads and writes. */
  readonly size: number;
  /**
   * Writes `value` into the bits of `code` at `offset` (keeping the other bits of the
   * instruction). Throws a `RelocationRangeError` (see `checkSignedBits` and friends)
   * when the value does not fit the field or is misaligned.
   */
  patch(code: Uint8Array, offset: number, value: bigint): void;
  readonly description?: string;
}

/** Addresses a relocation is applied with; numbers are accepted for convenience. */
export interface RelocationSite {
  readonly place: bigint | number;
  readonly target: bigint | number;
  readonly addend: bigint | number;
}

/** The generic part: the value a relocation of `kind` stores at `site`. */
export function relocationValue(kind: RelocationKind, site: RelocationSite): bigint {
  const s = BigInt(site.target) + BigInt(site.addend);
  const p = BigInt(site.place);
  switch (kind) {
    case 'abs':
      return s;
    case 'pcrel':
      return s - p;
    case 'page-pcrel':
      return page(s) - page(p);
    case 'page-offset':
      return s & (RELOCATION_PAGE_SIZE - 1n);
  }
}

function page(address: bigint): bigint {
  return address & ~(RELOCATION_PAGE_SIZE - 1n);
}

/**
 * Applies relocation type `name` of a backend at `offset` in `code`: computes the value
 * generically, then lets the backend patch it. Range errors are re-thrown with where the
 * relocation is, because the backend's own message cannot know.
 */
export function applyRelocation(
  name: string,
  type: RelocationType,
  code: Uint8Array,
  offset: number,
  site: RelocationSite,
): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + type.size > code.length) {
    throw new RangeError(
      `relocation ${name} at offset ${hex(offset)} needs ${type.size} bytes, but the code is ${code.length} bytes long`,
    );
  }
  const value = relocationValue(type.kind, site);
  try {
    type.patch(code, offset, value);
  } catch (error) {
    if (!(error instanceof RelocationRangeError)) throw error;
    const where = `place ${hex(site.place)}, target ${hex(site.target)}, addend ${hex(site.addend)}`;
    throw new RelocationRangeError(`relocation ${name} at offset ${hex(offset)} (${where}): ${error.message}`, {
      cause: error,
    });
  }
}

/** A relocation value that does not fit its field (or is misaligned for it). */
export class RelocationRangeError extends RangeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RelocationRangeError';
  }
}

/** Throws unless `value` fits a two's-complement field of `bits` bits. */
export function checkSignedBits(value: bigint, bits: number): void {
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits - 1)) - 1n;
  if (value < min || value > max) {
    throw new RelocationRangeError(
      `value ${hex(value)} does not fit in a signed ${bits}-bit field [${hex(min)}, ${hex(max)}]`,
    );
  }
}

/** Throws unless `value` fits an unsigned field of `bits` bits. */
export function checkUnsignedBits(value: bigint, bits: number): void {
  const max = (1n << BigInt(bits)) - 1n;
  if (value < 0n || value > max) {
    throw new RelocationRangeError(`value ${hex(value)} does not fit in an unsigned ${bits}-bit field [0, ${hex(max)}]`);
  }
}

/** Throws unless `value` fits as either signed or unsigned (fields that only keep the low bits). */
export function checkBits(value: bigint, bits: number): void {
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits)) - 1n;
  if (value < min || value > max) {
    throw new RelocationRangeError(`value ${hex(value)} does not fit in a ${bits}-bit field [${hex(min)}, ${hex(max)}]`);
  }
}

/** Throws unless `value` is a multiple of `alignment` (branch targets scaled by 4, …). */
export function checkAlignment(value: bigint, alignment: number): void {
  if (value % BigInt(alignment) !== 0n) {
    throw new RelocationRangeError(`value ${hex(value)} is not a multiple of ${alignment}`);
  }
}

function hex(value: bigint | number): string {
  const v = BigInt(value);
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}
