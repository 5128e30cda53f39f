import { ArgumentSlots, ENTRY, encodeCommandTable, ref } from '../src/native/command-table.js';

describe('the command table', () => {
  it('lays out each entry in 64 bytes: addresses as relocations, index, line and result count as data', () => {
    const data = encodeCommandTable('T', [
      { fn: ref('m0.instantiate'), a0: ref('m0.vmctx'), a1: ref('imports.m0'), line: 3, results: 0 },
      { fn: ref('m0.invoke.i32.i32'), a0: ref('m0.vmctx', 72), a1: ref('args', 16), a2: ref('results'), dep: 0, line: 7, results: 1 },
    ]);
    expect(data).toMatchObject({ symbol: 'T', align: 8, writable: true });
    expect(data.bytes.length).toBe(2 * ENTRY.size);
    const view = new DataView(data.bytes.buffer);
    expect([view.getUint32(ENTRY.index, true), view.getUint32(ENTRY.line, true), view.getUint32(ENTRY.results, true)]).toEqual([0, 3, 0]);
    expect([view.getUint32(64 + ENTRY.index, true), view.getUint32(64 + ENTRY.line, true), view.getUint32(64 + ENTRY.results, true)]).toEqual([1, 7, 1]);
    // Status words start at 0 (the driver writes them); only addresses are relocated.
    expect(view.getBigUint64(ENTRY.status, true)).toBe(0n);
    expect(data.refs).toEqual([
      { offset: 0, symbol: 'm0.instantiate', addend: 0 },
      { offset: 8, symbol: 'm0.vmctx', addend: 0 },
      { offset: 16, symbol: 'imports.m0', addend: 0 },
      { offset: 64, symbol: 'm0.invoke.i32.i32', addend: 0 },
      { offset: 72, symbol: 'm0.vmctx', addend: 72 },
      { offset: 80, symbol: 'args', addend: 16 },
      { offset: 88, symbol: 'results', addend: 0 },
      // The dependency is the address of entry 0's status.
      { offset: 96, symbol: 'T', addend: ENTRY.status },
    ]);
  });

  it('refuses a dependency on an entry that does not run first', () => {
    expect(() => encodeCommandTable('T', [{ fn: ref('f'), dep: 0, line: 1, results: 0 }])).toThrow('depends on entry 0');
  });

  it('has room for one entry even when empty (a data object is never empty)', () => {
    expect(encodeCommandTable('T', []).bytes.length).toBe(ENTRY.size);
  });
});

describe('argument slots', () => {
  it('packs every invocation into one blob, 8 little-endian bytes per argument', () => {
    const slots = new ArgumentSlots();
    expect(slots.add([1n, 0xffff_ffffn])).toBe(0);
    expect(slots.add([])).toBe(16);
    expect(slots.add([-1n])).toBe(16);
    const data = slots.data('args');
    expect(data).toMatchObject({ symbol: 'args', align: 8 });
    const view = new DataView(data.bytes.buffer);
    expect([0, 8, 16].map((o) => view.getBigUint64(o, true))).toEqual([1n, 0xffff_ffffn, 0xffff_ffff_ffff_ffffn]);
  });
});
