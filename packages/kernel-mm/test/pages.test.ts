import { boot, compileMm, KernelPanic, PAGE } from './support/fake-machine';

let compiled: WebAssembly.Module;
beforeAll(async () => {
  compiled = await compileMm();
}, 120_000);

const MiB = 0x10_0000n;

describe('the page allocator', () => {
  it('hands out every page of every range once, aligned and zeroed, then 0', () => {
    // Unaligned ends are trimmed to whole pages; a range smaller than a page gives none.
    const m = boot(compiled, { ram: [{ base: 16n * MiB + 100n, size: 3n * 4096n }, { base: 32n * MiB, size: 2n * 4096n }, { base: 48n * MiB, size: 100n }] });
    const pages: bigint[] = [];
    for (;;) {
      const p = m.exports.mm_alloc_page();
      if (p === 0n) break;
      pages.push(p);
      expect(p % 4096n).toBe(0n);
      expect(m.read(p, PAGE).every((b) => b === 0)).toBe(true);
    }
    // [16 MiB + 100, 16 MiB + 12388) holds two whole pages; the second range two.
    expect(pages).toEqual([16n * MiB + 4096n, 16n * MiB + 8192n, 32n * MiB, 32n * MiB + 4096n]);
    expect(m.exports.mm_alloc_page()).toBe(0n);
    expect(m.logs.some((l) => l.startsWith('2 mm: 16 KiB of RAM in 2 ranges'))).toBe(true);
  });

  it('never hands out page 0, even when RAM starts there', () => {
    const m = boot(compiled, { ram: [{ base: 0n, size: 2n * 4096n }] });
    expect(m.exports.mm_alloc_page()).toBe(4096n);
    expect(m.exports.mm_alloc_page()).toBe(0n);
  });

  it('reuses freed pages and zeroes them again', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 2n * 4096n }] });
    const a = m.exports.mm_alloc_page();
    const b = m.exports.mm_alloc_page();
    expect(m.exports.mm_alloc_page()).toBe(0n);
    m.write(a, new Uint8Array(PAGE).fill(0x77));
    m.write(b, new Uint8Array(PAGE).fill(0x66));
    m.exports.mm_free_page(a);
    m.exports.mm_free_page(b);
    const again = [m.exports.mm_alloc_page(), m.exports.mm_alloc_page()];
    expect(new Set(again)).toEqual(new Set([a, b]));
    for (const p of again) expect(m.read(p, PAGE).every((x) => x === 0)).toBe(true);
    expect(m.exports.mm_alloc_page()).toBe(0n);
  });

  it('never hands out a page twice while it is in use', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 64n * 4096n }] });
    const live = new Set<bigint>();
    // A fixed pattern of allocations and frees.
    for (let round = 0; round < 200; round++) {
      if (round % 3 === 2 && live.size > 0) {
        const victim = [...live][(round * 7) % live.size];
        live.delete(victim);
        m.exports.mm_free_page(victim);
      } else {
        const p = m.exports.mm_alloc_page();
        if (p === 0n) continue;
        expect(live.has(p)).toBe(false);
        live.add(p);
      }
    }
    expect(live.size).toBeGreaterThan(0);
  });

  it('panics when given back a page it never handed out', () => {
    const m = boot(compiled, { ram: [{ base: 16n * MiB, size: 4n * 4096n }] });
    m.exports.mm_alloc_page();
    expect(() => m.exports.mm_free_page(16n * MiB + 8192n)).toThrow(new KernelPanic('mm_free_page: 0x1002000 is not a page the allocator handed out'));
    expect(() => m.exports.mm_free_page(16n * MiB + 12n)).toThrow(KernelPanic);
    expect(() => m.exports.mm_free_page(0n)).toThrow(KernelPanic);
  });
});
