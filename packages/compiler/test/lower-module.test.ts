import { FuncRef, lowerModule, MemoryObject } from '@mewz/compiler';
import { lowerWat, text, watModule } from './lower-helpers';

describe('lowerModule', () => {
  const source = `(module
    (import "env" "f" (func $f (param i32)))
    (import "env" "mem" (memory 1))
    (import "env" "g" (global $g i32))
    (table $t 3 funcref)
    (global $h (mut i32) (global.get $g))
    (global $r funcref (ref.func $a))
    (func $a (export "a") (param i32) (result i32) (local.get 0))
    (func $b (export "b") (param i32) (result i32) (i32.const 1))
    (func $c (export "c") (param f32 i64) (result f64 i32) (f64.const 0) (i32.const 0))
    (func $s (call $f (i32.const 1)))
    (elem (table $t) (global.get $g) func $a $b)
    (elem declare func $c)
    (data (i32.const 16) "hello")
    (data "passive")
    (start $s))`;

  it('returns every function, the context, segments and signature symbols', async () => {
    const out = await lowerWat(source);
    expect(out.functions.map((f) => f.name)).toEqual(['t.f1', 't.f2', 't.f3', 't.f4', 't.instantiate', 't.invoke.i32.i32', 't.invoke.f32_i64.f64_i32']);
    expect([...out.invokers]).toEqual([
      ['i32.i32', 't.invoke.i32.i32'],
      ['f32_i64.f64_i32', 't.invoke.f32_i64.f64_i32'],
    ]);
    const data = new Map(out.data.map((d) => [d.symbol, d]));
    expect(new TextDecoder().decode(data.get('t.data0')!.bytes)).toBe('hello');
    expect(new TextDecoder().decode(data.get('t.data1')!.bytes)).toBe('passive');
    expect(data.get('t.vmctx')).toMatchObject({ align: 16, bytes: new Uint8Array(out.layout.size) });
    expect(data.get('__mewz_sig.i32.i32')).toMatchObject({ weak: true });
    expect(data.get('__mewz_sig.f32_i64.f64_i32')).toMatchObject({ weak: true });
  });

  it('instantiates in the spec order', async () => {
    const out = await lowerWat(source);
    const t = text(out, 't.instantiate');
    const { layout } = out;
    const steps = [
      `store v0, v${'\\d+'}, +${layout.importedFuncs[0]}, 64`,
      `+${MemoryObject.base}, 64`, // memory base of the imported memory
      `store v0, v\\d+, +${layout.globals[1].offset}, 32`, // $h from the imported $g
      'call __mewz_table_new',
      `symbol_addr.i64 t.f1\\n.*store v\\d+, v\\d+, +${FuncRef.code}, 64`,
      'out of bounds table access',
      'call __mewz_memmove',
      'out of bounds memory access',
      'call __mewz_memmove',
      'call t.f4, v0', // the start function
      'return',
    ];
    let at = 0;
    for (const s of steps) {
      const m = new RegExp(s.replace(/\+(\d)/g, '\\+$1')).exec(t.slice(at));
      expect({ step: s, found: m !== null }).toEqual({ step: s, found: true });
      at += m!.index + m![0].length;
    }
    expect(t).toContain('call __mewz_table_new');
    expect(t).not.toContain('__mewz_memory_new'); // imported memory
  });

  it('creates its own memory with the declared or the implicit maximum', async () => {
    const out = await lowerWat('(module (memory 2) (func (export "f") (result i32) (memory.size)))');
    expect(text(out, 't.instantiate')).toMatch(/v(\d+) = const\.i32 2\n {2}v\d+ = const\.i32 65536\n {2}call __mewz_memory_new, v\d+, v\d+, v\d+/);
    expect(text(out, 't.f0')).toMatch(/shr_u\.i64 v\d+, v\d+\n {2}v\d+ = wrap\.i32/);
  });

  it('builds invoke trampolines that read args and write results in 8-byte slots', async () => {
    const out = await lowerWat(source);
    const t = text(out, 't.invoke.f32_i64.f64_i32');
    expect(t).toMatch(/v3 = load\.f32 v1, \+0, 32\n {2}v4 = load\.i64 v1, \+8, 64/);
    expect(t).toMatch(/v5 = load\.i64 v0, \+0, 64\n {2}v6 = load\.i64 v0, \+8, 64\n {2}v7, v8 = call_indirect\.f64 v5, v6, v3, v4/);
    expect(t).toMatch(/store v2, v7, \+0, 64\n {2}store v2, v8, \+8, 32/);
  });

  it('lowers bulk memory and table instructions with their bounds checks', async () => {
    const out = await lowerWat(`(module (memory 1) (table 4 funcref) (table $u 4 funcref)
      (data $d "abc") (elem $e func 0)
      (func (export "f") (param i32 i32 i32)
        (memory.init $d (local.get 0) (local.get 1) (local.get 2))
        (data.drop $d)
        (memory.copy (local.get 0) (local.get 1) (local.get 2))
        (memory.fill (local.get 0) (local.get 1) (local.get 2))
        (table.init $u $e (local.get 0) (local.get 1) (local.get 2))
        (elem.drop $e)
        (table.copy 0 $u (local.get 0) (local.get 1) (local.get 2))))`);
    const t = text(out, 't.f0');
    expect(t.match(/"out of bounds memory access"/g)).toHaveLength(5);
    expect(t.match(/"out of bounds table access"/g)).toHaveLength(4);
    expect(t).toContain('symbol_addr.i64 t.data0');
    expect(t).toContain('call __mewz_memset');
    expect(t.match(/call __mewz_memmove/g)).toHaveLength(4);
  });

  it('refuses a trusted window that is not whole pages', async () => {
    const module = await watModule('(module (memory 1))');
    expect(() => lowerModule(module, { prefix: 'k', trusted: true, windowBytes: 1000 })).toThrow('multiple of 64 KiB');
  });
});
