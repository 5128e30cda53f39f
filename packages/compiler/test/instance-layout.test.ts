import { FuncRef, layoutInstance, MemoryObject } from '@mewz/compiler';
import { loadModule } from '@mewz/wasm';
import wabtFactory from 'wabt';

async function wat(text: string): Promise<Uint8Array> {
  const wabt = await wabtFactory();
  const m = wabt.parseWat('t.wat', text, { reference_types: true, bulk_memory: true, simd: true });
  return m.toBinary({}).buffer;
}

describe('layoutInstance', () => {
  it('places every entity at a distinct, aligned offset inside the context', async () => {
    const module = loadModule(
      await wat(`(module
        (import "env" "f" (func $f (param i32)))
        (import "env" "g" (global $g i32))
        (import "env" "t" (table 1 funcref))
        (memory 1 2)
        (table 2 funcref)
        (global $h (mut i64) (i64.const 1))
        (global $v v128 (v128.const i64x2 0 0))
        (func $a (export "a"))
        (func $b)
        (elem (i32.const 0) func $a $b)
        (data (i32.const 0) "hi")
        (data "passive"))`),
    );
    const l = layoutInstance(module);
    expect(l.tables).toHaveLength(2);
    expect(l.importedFuncs).toHaveLength(1);
    expect(l.globals.map((g) => g.indirect)).toEqual([true, false, false]);
    expect(l.globals[2].offset % 16).toBe(0);
    expect(l.dataLengths).toHaveLength(2);
    expect(l.ownMemory).toBeGreaterThan(0);
    expect([...l.funcRefs.keys()]).toEqual([1, 2]);
    expect(l.elemItems).toHaveLength(1);

    const spans: [number, number][] = [
      [0, 24],
      ...l.tables.map((o): [number, number] => [o, 8]),
      ...l.importedFuncs.map((o): [number, number] => [o, 8]),
      ...l.globals.map((g, i): [number, number] => [g.offset, i === 2 ? 16 : 8]),
      ...l.dataLengths.map((o): [number, number] => [o, 4]),
      [l.ownMemory, MemoryObject.size],
      ...[...l.funcRefs.values()].map((o): [number, number] => [o, FuncRef.size]),
      [l.elemItems[0], 16],
    ];
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][0] + spans[i - 1][1]);
    const last = spans[spans.length - 1];
    expect(l.size).toBeGreaterThanOrEqual(last[0] + last[1]);
    expect(l.size % 16).toBe(0);
  });

  it('has no memory object of its own when there is no memory', async () => {
    const l = layoutInstance(loadModule(await wat('(module (func))')));
    expect(l.ownMemory).toBe(-1);
    expect(l.funcRefs.size).toBe(0);
  });
});
