import { boot, compileMm, IMAGE_BASE, KernelPanic, PAGE } from './support/fake-machine';

let compiled: WebAssembly.Module;
beforeAll(async () => {
  compiled = await compileMm();
}, 120_000);

const MiB = 0x10_0000n;
const WASM_PAGE = 0x1_0000n;
const OBJ = IMAGE_BASE + 0x100n;
const OBJ2 = IMAGE_BASE + 0x200n;

const object = (m: ReturnType<typeof boot>, at: bigint) => ({ base: m.u64(at), byteLength: m.u64(at + 8n), maxPages: m.u64(at + 16n) });
/** Whether every 4 KiB page of [from, to) is mapped. */
const allMapped = (m: ReturnType<typeof boot>, from: bigint, to: bigint) => {
  for (let p = from; p < to; p += 4096n) if (!m.mapped.has(p)) return false;
  return true;
};

describe('memory_new and memory_grow', () => {
  it('reserves the maximum in the app region and maps exactly the minimum, zeroed', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * MiB }] });
    m.exports.memory_new(OBJ, 2, 10);
    const o = object(m, OBJ);
    expect(o).toEqual({ base: m.region.base, byteLength: 2n * WASM_PAGE, maxPages: 10n });
    expect(allMapped(m, o.base, o.base + 2n * WASM_PAGE)).toBe(true);
    expect(m.mapped.has(o.base + 2n * WASM_PAGE)).toBe(false);
    expect(m.mapped.size).toBe(32);
    expect(m.read(o.base, Number(2n * WASM_PAGE)).every((b) => b === 0)).toBe(true);
    // No physical page is behind two virtual pages, nor used for a page table as well.
    const phys = [...m.mapped.values(), ...m.tablePages];
    expect(new Set(phys).size).toBe(phys.length);
    // Contiguous pages are mapped in runs, not one call per page.
    expect(m.mapCalls).toBeLessThan(32);
  });

  it('places memories apart: the whole maximum plus a 64 KiB guard each', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * MiB }] });
    m.exports.memory_new(OBJ, 1, 3);
    m.exports.memory_new(OBJ2, 1, 1);
    const a = object(m, OBJ);
    const b = object(m, OBJ2);
    expect(b.base - a.base).toBeGreaterThanOrEqual(3n * WASM_PAGE + WASM_PAGE);
    expect(m.mapped.has(a.base + 3n * WASM_PAGE)).toBe(false);
  });

  it('grows page by page up to the maximum, then answers -1 and changes nothing', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * MiB }] });
    m.exports.memory_new(OBJ, 1, 4);
    const base = object(m, OBJ).base;
    m.write(base + 100n, new Uint8Array([1, 2, 3]));
    expect(m.exports.memory_grow(OBJ, 0)).toBe(1);
    expect(m.exports.memory_grow(OBJ, 2)).toBe(1);
    expect(object(m, OBJ)).toEqual({ base, byteLength: 3n * WASM_PAGE, maxPages: 4n });
    expect(allMapped(m, base, base + 3n * WASM_PAGE)).toBe(true);
    expect(m.read(base + WASM_PAGE, Number(2n * WASM_PAGE)).every((b) => b === 0)).toBe(true);
    expect([...m.read(base + 100n, 3)]).toEqual([1, 2, 3]);
    expect(m.exports.memory_grow(OBJ, 2)).toBe(-1);
    expect(m.exports.memory_grow(OBJ, 0xffff_ffff)).toBe(-1);
    expect(object(m, OBJ).byteLength).toBe(3n * WASM_PAGE);
    expect(m.exports.memory_grow(OBJ, 1)).toBe(3);
    expect(m.exports.memory_grow(OBJ, 1)).toBe(-1);
    expect(object(m, OBJ).base).toBe(base);
  });

  it('answers -1 when RAM runs out, and grows again once pages come back', () => {
    // 48 pages: the first Wasm page and its page table take 17, 31 are left.
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 48n * 4096n }] });
    m.exports.memory_new(OBJ, 1, 100);
    const spare: bigint[] = [];
    for (let i = 0; i < 15; i++) spare.push(m.exports.mm_alloc_page());
    expect(spare).not.toContain(0n);
    expect(m.exports.memory_grow(OBJ, 1)).toBe(-1);
    expect(object(m, OBJ).byteLength).toBe(WASM_PAGE);
    expect(m.exports.memory_grow(OBJ, 0)).toBe(1);
    for (const p of spare) m.exports.mm_free_page(p);
    expect(m.exports.memory_grow(OBJ, 1)).toBe(1);
    expect(object(m, OBJ).byteLength).toBe(2n * WASM_PAGE);
    expect(m.read(object(m, OBJ).base + WASM_PAGE, Number(WASM_PAGE)).every((b) => b === 0)).toBe(true);
  });

  it('answers -1 when the machine cannot map', () => {
    let refuse = false;
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * MiB }], mapFilter: () => !refuse });
    m.exports.memory_new(OBJ, 1, 10);
    refuse = true;
    expect(m.exports.memory_grow(OBJ, 1)).toBe(-1);
    expect(object(m, OBJ).byteLength).toBe(WASM_PAGE);
    refuse = false;
    expect(m.exports.memory_grow(OBJ, 1)).toBe(1);
    expect(object(m, OBJ).byteLength).toBe(2n * WASM_PAGE);
  });

  it('caps the maximum at 65536 pages (4 GiB)', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * MiB }] });
    m.exports.memory_new(OBJ, 0, 0xffff_ffff);
    expect(object(m, OBJ)).toEqual({ base: m.region.base, byteLength: 0n, maxPages: 65536n });
    expect(m.mapped.size).toBe(0);
  });

  it('panics with a clear message when the minimum does not fit in RAM', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * 4096n }] });
    expect(() => m.exports.memory_new(OBJ, 2, 10)).toThrow(new KernelPanic("out of memory: the app's linear memory needs 128 KiB at start, 32 KiB are free"));
  });

  it('panics when the app region cannot hold the reservation', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * MiB }], region: { base: 0x80_0000_0000n, size: 4n * WASM_PAGE } });
    m.exports.memory_new(OBJ, 1, 2);
    expect(() => m.exports.memory_new(OBJ2, 1, 2)).toThrow(new KernelPanic("out of address space for the app's linear memory (128 KiB reserved)"));
  });
});

describe('table_new and table_grow', () => {
  const table = (m: ReturnType<typeof boot>, at: bigint) => ({ length: m.u32(at), max: m.u32(at + 4n), elements: m.u64(at + 8n) });
  const element = (m: ReturnType<typeof boot>, t: bigint, i: number) => m.u64(table(m, t).elements + BigInt(8 * i));

  it('creates null elements and grows with the init value up to the maximum', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * MiB }] });
    m.exports.table_new(OBJ, 3, 1000);
    expect(table(m, OBJ)).toEqual({ length: 3, max: 1000, elements: m.region.base });
    for (let i = 0; i < 3; i++) expect(element(m, OBJ, i)).toBe(0n);
    expect(m.exports.table_grow(OBJ, 0x1234n, 600)).toBe(3);
    expect(table(m, OBJ).length).toBe(603);
    expect(element(m, OBJ, 2)).toBe(0n);
    for (const i of [3, 300, 511, 512, 602]) expect(element(m, OBJ, i)).toBe(0x1234n);
    expect(m.exports.table_grow(OBJ, 0n, 10)).toBe(603);
    expect(element(m, OBJ, 605)).toBe(0n);
    expect(m.exports.table_grow(OBJ, 0n, 388)).toBe(-1);
    expect(m.exports.table_grow(OBJ, 0n, 0)).toBe(613);
    expect(m.exports.table_grow(OBJ, 7n, 387)).toBe(613);
    expect(element(m, OBJ, 999)).toBe(7n);
    expect(m.exports.table_grow(OBJ, 0n, 1)).toBe(-1);
  });

  it('treats an unbounded table as capped at 2^24 elements and keeps its element array in place', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * MiB }] });
    m.exports.table_new(OBJ, 0, 0xffff_ffff);
    const elements = table(m, OBJ).elements;
    expect(m.exports.table_grow(OBJ, 0n, 1 << 24)).toBe(-1);
    expect(m.exports.table_grow(OBJ, 5n, 1)).toBe(0);
    expect(m.exports.table_grow(OBJ, 5n, 1)).toBe(1);
    expect(table(m, OBJ)).toEqual({ length: 2, max: 0xffff_ffff, elements });
    expect(element(m, OBJ, 1)).toBe(5n);
  });

  it('answers -1 from table_grow when RAM runs out', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 4n * 4096n }] });
    m.exports.table_new(OBJ, 1, 100_000);
    expect(m.exports.table_grow(OBJ, 1n, 10_000)).toBe(-1);
    expect(table(m, OBJ).length).toBe(1);
  });

  it('panics when a table starts larger than allowed', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 8n * MiB }] });
    expect(() => m.exports.table_new(OBJ, 20_000_000, 0xffff_ffff)).toThrow(KernelPanic);
    expect(() => m.exports.table_new(OBJ, 10, 5)).toThrow(/table_new: a table of 10 elements/);
  });
});

it('uses 4 KiB pages (the harness agrees)', () => {
  expect(PAGE).toBe(4096);
});
