import { INTRINSICS, inlineIntrinsicsFor, type LoweredModule, lowerModule, printFunction, verifyFunction } from '@mewz/compiler';
import { fn, ops, text, watModule } from './lower-helpers';

/** Lowers WAT in trusted (kernel) mode and checks every function verifies. */
async function lowerTrusted(source: string, options: { windowBytes?: number; directImports?: Map<number, number> } = {}): Promise<LoweredModule> {
  const out = lowerModule(await watModule(source), { prefix: 'k', trusted: true, ...options });
  for (const f of out.functions) expect({ name: f.name, problems: verifyFunction(f) }).toEqual({ name: f.name, problems: [] });
  return out;
}

describe('trusted lowering', () => {
  it('addresses memory at base 0 without bounds checks', async () => {
    const out = await lowerTrusted(`(module (memory 2)
      (func (export "f") (param i32) (result i32)
        (i32.store offset=8 (local.get 0) (i32.const 7))
        (i32.load offset=4 (local.get 0))))`);
    const f = fn(out, 'k.f0');
    expect(ops(f)).not.toContain('heap_addr');
    expect(text(out, 'k.f0')).not.toContain('out of bounds');
    expect(text(out, 'k.f0')).toMatch(/extend_u\.i64/);
    expect(text(out, 'k.f0')).toMatch(/store v\d+, v\d+, \+8/);
  });

  it('has a fixed memory the size of the window', async () => {
    const out = await lowerTrusted(
      `(module (memory 1)
        (func (export "size") (result i32) (memory.size))
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`,
      { windowBytes: 0x40_0000 },
    );
    expect(text(out, 'k.f0')).toContain('const.i64 4194304');
    const grow = text(out, 'k.f1');
    expect(grow).not.toMatch(/^  (v\d+ = )?call/m);
    expect(grow).toContain('select.i32');
    const inst = text(out, 'k.instantiate');
    expect(inst).not.toContain('__mewz_memory_new');
    expect(inst).toContain('const.i64 4194304');
  });

  it('copies and fills without checks, through the builtins', async () => {
    const out = await lowerTrusted(`(module (memory 1)
      (func (export "f") (param i32 i32 i32)
        (memory.copy (local.get 0) (local.get 1) (local.get 2))
        (memory.fill (local.get 0) (local.get 1) (local.get 2))))`);
    const t = text(out, 'k.f0');
    expect(t).not.toContain('out of bounds');
    expect(t).toContain('call __mewz_memmove');
    expect(t).toContain('call __mewz_memset');
  });

  it('makes tables static', async () => {
    const out = await lowerTrusted(`(module (table 3 funcref) (func $a) (elem (i32.const 0) func $a)
      (func (export "g") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))`);
    const inst = text(out, 'k.instantiate');
    expect(inst).not.toContain('__mewz_table_new');
    expect(inst).toContain('symbol_addr.i64 k.table0');
    expect(out.data.find((d) => d.symbol === 'k.table0')).toMatchObject({ writable: true, bytes: new Uint8Array(24) });
    expect(text(out, 'k.f1')).not.toContain('__mewz_table_grow');
  });

  it('turns intrinsic imports into intrinsic instructions or builtin calls', async () => {
    const out = await lowerTrusted(`(module
      (import "mewz:intrinsics" "syscall3" (func $sys (param i64 i64 i64 i64) (result i64)))
      (import "mewz:intrinsics" "memmove" (func $move (param i64 i64 i64)))
      (import "mewz:intrinsics" "halt" (func $halt))
      (func (export "f") (result i64)
        (call $move (i64.const 1) (i64.const 2) (i64.const 3))
        (call $halt)
        (call $sys (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4))))`);
    const t = text(out, 'k.f3');
    expect(t).toMatch(/v\d+ = intrinsic\.i64 syscall3, v\d+, v\d+, v\d+, v\d+/);
    expect(t).toContain('intrinsic halt');
    expect(t).toContain('call __mewz_memmove');
    expect(t).not.toContain('call_indirect');
    // Nothing is read from the imports array.
    expect(printFunction(fn(out, 'k.instantiate'))).not.toMatch(/load\.i64 v1\b/);
  });

  it('rejects unknown intrinsics and wrong signatures', async () => {
    const unknown = await watModule('(module (import "mewz:intrinsics" "teleport" (func)))');
    expect(() => lowerModule(unknown, { prefix: 'k', trusted: true })).toThrow('unknown intrinsic mewz:intrinsics.teleport');
    const wrong = await watModule('(module (import "mewz:intrinsics" "syscall1" (func (param i32) (result i64))))');
    expect(() => lowerModule(wrong, { prefix: 'k', trusted: true })).toThrow('imported as (i32) -> (i64), but its type is (i64, i64) -> (i64)');
  });

  it('leaves intrinsic imports alone in untrusted code', async () => {
    const module = await watModule(`(module (import "mewz:intrinsics" "halt" (func $h)) (func (export "f") (call $h)))`);
    const out = lowerModule(module, { prefix: 'a' });
    expect(text(out, 'a.f1')).toContain('call_indirect');
  });

  it('calls imports bound to its own exports directly', async () => {
    const out = await lowerTrusted(
      `(module
        (import "mewz:kernel" "log" (func $log (param i32)))
        (func $impl (export "log") (param i32))
        (func (export "f") (call $log (i32.const 5)) (drop (ref.func $log))) (elem declare func $log))`,
      { directImports: new Map([[0, 1]]) },
    );
    expect(text(out, 'k.f2')).toContain('call k.f1');
    expect(text(out, 'k.f2')).not.toContain('call_indirect');
  });

  it('lists the intrinsics a backend lowers inline per ISA', () => {
    const x86 = inlineIntrinsicsFor('x86_64');
    expect(x86).toEqual(expect.arrayContaining(['stack_pointer', 'syscall0', 'syscall6', 'port_in8', 'mmio_load64', 'halt']));
    expect(x86).not.toContain('memmove');
    expect(x86).not.toContain('sysreg_read_cntvct_el0');
    expect(inlineIntrinsicsFor('aarch64')).not.toContain('port_out8');
    expect(INTRINSICS.syscall6.params).toHaveLength(7);
  });
});

describe('memory maximum cap', () => {
  it('reserves at most maxMemoryPages, never less than the minimum', async () => {
    const module = await watModule('(module (memory 2))');
    const capped = lowerModule(module, { prefix: 'a', maxMemoryPages: 16 });
    expect(text(capped, 'a.instantiate')).toMatch(/const\.i32 16\n[\s\S]*call __mewz_memory_new/);
    const small = lowerModule(await watModule('(module (memory 4 8))'), { prefix: 'a', maxMemoryPages: 2 });
    expect(text(small, 'a.instantiate')).toMatch(/const\.i32 4\n[\s\S]*const\.i32 4\n[\s\S]*call __mewz_memory_new/);
  });
});
