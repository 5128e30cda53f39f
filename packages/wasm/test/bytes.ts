// A tiny builder for hand-made Wasm binaries. Everything is a plain `number[]` until
// `module(...)` turns the header plus sections into a Uint8Array, so tests can splice,
// truncate and pad at exact byte positions and compute the offsets they expect.

export type Bytes = number[];

/** Section ids of the binary format. */
export const SEC = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  datacount: 12,
} as const;

/** Value type and reference type bytes. */
export const T = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
  func: 0x60,
  emptyBlock: 0x40,
} as const;

/** Opcodes used by hand-built bodies (only the handful the tests need). */
export const OP = {
  unreachable: 0x00,
  nop: 0x01,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  br_table: 0x0e,
  return: 0x0f,
  call: 0x10,
  call_indirect: 0x11,
  drop: 0x1a,
  select: 0x1b,
  select_t: 0x1c,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  global_get: 0x23,
  global_set: 0x24,
  i32_load: 0x28,
  i64_load: 0x29,
  i32_store: 0x36,
  memory_size: 0x3f,
  memory_grow: 0x40,
  i32_const: 0x41,
  i64_const: 0x42,
  f32_const: 0x43,
  f64_const: 0x44,
  i32_eqz: 0x45,
  i32_add: 0x6a,
  i64_add: 0x7c,
  i64_extend_i32_s: 0xac,
  ref_null: 0xd0,
  ref_is_null: 0xd1,
  ref_func: 0xd2,
  prefix_fc: 0xfc,
  prefix_simd: 0xfd,
} as const;

/** Concatenate byte lists (a loop: spread and Array.prototype.flat are slow on large inputs). */
export function cat(...parts: Bytes[]): Bytes {
  return concat(parts);
}

/** Concatenate a list of byte lists (for lists too long to pass as arguments). */
export function concat(parts: Bytes[]): Bytes {
  const out: Bytes = [];
  for (const part of parts) for (let i = 0; i < part.length; i++) out.push(part[i]);
  return out;
}

/** `count` copies of `part`, concatenated. */
export function repeat(part: Bytes, count: number): Bytes {
  const out: Bytes = [];
  for (let n = 0; n < count; n++) for (let i = 0; i < part.length; i++) out.push(part[i]);
  return out;
}

/** Unsigned LEB128 of a u32 (minimal encoding). */
export function u32(value: number): Bytes {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`u32 out of range: ${value}`);
  const out: Bytes = [];
  let v = value;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Unsigned LEB128 padded to exactly `width` bytes (an over-long but legal-shaped encoding). */
export function u32Padded(value: number, width: number): Bytes {
  const out: Bytes = [];
  let v = value;
  for (let i = 0; i < width; i++) {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (i < width - 1) byte |= 0x80;
    out.push(byte);
  }
  if (v !== 0) throw new RangeError(`${value} does not fit in ${width} LEB bytes`);
  return out;
}

/** Signed LEB128 of a bigint (minimal encoding). */
export function sleb(value: bigint): Bytes {
  const out: Bytes = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const signBit = (byte & 0x40) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Signed LEB128 of an i32. */
export function s32(value: number): Bytes {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`s32 out of range: ${value}`);
  return sleb(BigInt(value));
}

/** Signed LEB128 of an i64. */
export function s64(value: bigint): Bytes {
  if (value < -(1n << 63n) || value >= 1n << 63n) throw new RangeError(`s64 out of range: ${value}`);
  return sleb(value);
}

/** Signed LEB128 padded to exactly `width` bytes with sign-extension bytes. */
export function slebPadded(value: bigint, width: number): Bytes {
  const out: Bytes = [];
  let v = value;
  for (let i = 0; i < width; i++) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(i < width - 1 ? byte | 0x80 : byte);
  }
  if (v !== 0n && v !== -1n) throw new RangeError(`${value} does not fit in ${width} LEB bytes`);
  return out;
}

/** UTF-8 bytes of a string, without a length prefix. */
export function utf8(s: string): Bytes {
  return [...new TextEncoder().encode(s)];
}

/** A name: u32 length followed by raw bytes (a string is UTF-8 encoded; an array is used as is). */
export function name(s: string | Bytes): Bytes {
  const raw = typeof s === 'string' ? utf8(s) : s;
  return [...u32(raw.length), ...raw];
}

/** A vector: u32 count followed by the concatenated items. */
export function vec(items: Bytes[]): Bytes {
  return concat([u32(items.length), ...items]);
}

/** A section: id, u32 byte size, content. */
export function section(id: number, content: Bytes): Bytes {
  return cat([id], u32(content.length), content);
}

/** A section whose declared size is given explicitly (for size mismatch tests). */
export function sectionWithSize(id: number, size: number, content: Bytes): Bytes {
  return [id, ...u32(size), ...content];
}

/** A custom section with the given name and payload. */
export function custom(sectionName: string | Bytes, payload: Bytes = []): Bytes {
  return section(SEC.custom, [...name(sectionName), ...payload]);
}

export const MAGIC: Bytes = [0x00, 0x61, 0x73, 0x6d];
export const VERSION: Bytes = [0x01, 0x00, 0x00, 0x00];
export const HEADER: Bytes = [...MAGIC, ...VERSION];

/** Header followed by the given sections. */
export function module(...sections: Bytes[]): Uint8Array {
  return Uint8Array.from(concat([HEADER, ...sections]));
}

/** A function type `(params) -> (results)`. */
export function functype(params: number[], results: number[]): Bytes {
  return [T.func, ...u32(params.length), ...params, ...u32(results.length), ...results];
}

export function typeSection(...types: Bytes[]): Bytes {
  return section(SEC.type, vec(types));
}

export function functionSection(...typeIndices: number[]): Bytes {
  return section(SEC.function, vec(typeIndices.map(u32)));
}

/** Limits: flag 0 (min only) or 1 (min and max). */
export function limits(min: number, max?: number): Bytes {
  return max === undefined ? [0x00, ...u32(min)] : [0x01, ...u32(min), ...u32(max)];
}

export function memorySection(...mems: Bytes[]): Bytes {
  return section(SEC.memory, vec(mems));
}

export function tableSection(...tables: Bytes[]): Bytes {
  return section(SEC.table, vec(tables));
}

/** A function body: size, local declarations as [count, type] runs, code (must end with `end`). */
export function body(locals: Array<[number, number]>, code: Bytes): Bytes {
  const content = cat(vec(locals.map(([n, t]) => [...u32(n), t])), code);
  return cat(u32(content.length), content);
}

export function codeSection(...bodies: Bytes[]): Bytes {
  return section(SEC.code, vec(bodies));
}

/** An export entry. kind: 0 func, 1 table, 2 memory, 3 global. */
export function exportEntry(exportName: string | Bytes, kind: number, index: number): Bytes {
  return [...name(exportName), kind, ...u32(index)];
}

/** An import entry with the given descriptor bytes (kind byte included). */
export function importEntry(moduleName: string | Bytes, field: string | Bytes, desc: Bytes): Bytes {
  return [...name(moduleName), ...name(field), ...desc];
}

/**
 * The common shape: one function of the given type with the given locals and code.
 * Returns the module plus the byte offset at which the code (after the locals) starts,
 * so tests can compute the offset an error must point at.
 */
export function singleFunc(opts: {
  params?: number[];
  results?: number[];
  locals?: Array<[number, number]>;
  code: Bytes;
  before?: Bytes[];
  after?: Bytes[];
}): { bytes: Uint8Array; codeStart: number } {
  const head = concat([HEADER, typeSection(functype(opts.params ?? [], opts.results ?? [])), functionSection(0), ...(opts.before ?? [])]);
  const localsVec = vec((opts.locals ?? []).map(([n, t]) => [...u32(n), t]));
  const content = cat(localsVec, opts.code);
  const b = cat(u32(content.length), content);
  const sectionContent = vec([b]);
  const code = section(SEC.code, sectionContent);
  // code section: id, size, count, body size, locals, code
  const codeStart =
    head.length + 1 + u32(sectionContent.length).length + 1 + u32(content.length).length + localsVec.length;
  const all = concat([head, code, ...(opts.after ?? [])]);
  return { bytes: Uint8Array.from(all), codeStart };
}

/** Hex dump for failure messages. */
export function hex(bytes: Uint8Array | Bytes): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Find the first index of a byte pattern, or throw. */
export function indexOf(haystack: Uint8Array | Bytes, needle: Bytes, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error(`pattern ${hex(needle)} not found`);
}
