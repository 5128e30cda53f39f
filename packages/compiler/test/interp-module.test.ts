import {
  hostFunction,
  hostGlobal,
  hostMemory,
  hostTable,
  Instance,
  InterpError,
  type LoweredModule,
  lowerModule,
  Machine,
  readMemory,
  readTable,
  type Slot,
  Trap,
  TrapCode,
} from '@mewz/compiler';
import { loadModule } from '@mewz/wasm';
import wabtFactory from 'wabt';

async function lowerWat(prefix: string, text: string): Promise<LoweredModule> {
  const wabt = await wabtFactory();
  const parsed = wabt.parseWat(`${prefix}.wat`, text, { reference_types: true, bulk_memory: true, multi_value: true, sat_float_to_int: true, sign_extension: true });
  return lowerModule(loadModule(parsed.toBinary({}).buffer), { prefix });
}

/** Assembles WAT, lowers it with `prefix` and instantiates it in `machine`. */
async function instantiate(machine: Machine, prefix: string, text: string, imports: bigint[] = []): Promise<Instance> {
  return Instance.instantiate(machine, await lowerWat(prefix, text), imports);
}

function trapOf(f: () => unknown): Trap {
  try {
    f();
  } catch (e) {
    if (e instanceof Trap) return e;
    throw e;
  }
  throw new Error('did not trap');
}

describe('interpreter: lowered modules', () => {
  it('runs arithmetic, loops, recursion and multiple results', async () => {
    const m = new Machine();
    const inst = await instantiate(
      m,
      'a',
      `(module
        (func $fac (export "fac") (param i64) (result i64)
          (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
            (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
        (func (export "sum") (param i32) (result i32) (local i32)
          (block (loop
            (br_if 1 (i32.eqz (local.get 0)))
            (local.set 1 (i32.add (local.get 1) (local.get 0)))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br 0)))
          (local.get 1))
        (func (export "divmod") (param i32 i32) (result i32 i32)
          (i32.div_s (local.get 0) (local.get 1)) (i32.rem_s (local.get 0) (local.get 1)))
        (func (export "f") (param f32 f64) (result f64)
          (f64.add (f64.promote_f32 (local.get 0)) (local.get 1))))`,
    );
    expect(inst.invoke('fac', [20n])).toEqual([2432902008176640000n]);
    expect(inst.invoke('sum', [100])).toEqual([5050]);
    expect(inst.invoke('divmod', [-7, 2])).toEqual([-3, -1]);
    expect(trapOf(() => inst.invoke('divmod', [1, 0])).code).toBe(TrapCode.IntegerDivideByZero);
    expect(trapOf(() => inst.invoke('divmod', [-0x80000000, -1])).code).toBe(TrapCode.IntegerOverflow);
    const f32Half = new Uint32Array(new Float32Array([0.5]).buffer)[0];
    const f64Quarter = new BigUint64Array(new Float64Array([0.25]).buffer)[0];
    const f64ThreeQuarters = new BigUint64Array(new Float64Array([0.75]).buffer)[0];
    expect(inst.invoke('f', [f32Half, f64Quarter])).toEqual([f64ThreeQuarters]);
  });

  it('bounds-checks memory, grows it, and names the trapping function', async () => {
    const m = new Machine();
    const inst = await instantiate(
      m,
      'mem',
      `(module
        (memory (export "memory") 1 3)
        (data (i32.const 8) "\\2a\\00\\00\\00")
        (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
        (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`,
    );
    expect(inst.invoke('load', [8])).toEqual([42]);
    inst.invoke('store8', [65535, 0x1ff]);
    expect(inst.invoke('load', [65532])).toEqual([-0x1000000]);
    const trap = trapOf(() => inst.invoke('load', [65533]));
    expect(trap.code).toBe(TrapCode.OutOfBoundsMemory);
    expect(trap.func).toBe('mem.f0');
    expect(inst.invoke('grow', [2])).toEqual([1]);
    expect(inst.invoke('load', [3 * 65536 - 4])).toEqual([0]);
    expect(inst.invoke('grow', [1])).toEqual([-1]);
    expect(readMemory(m, Number(inst.export('memory')!.address)).pages).toBe(3);
  });

  it('checks indirect calls and calls host functions through FuncRefs', async () => {
    const m = new Machine();
    const seen: Slot[][] = [];
    const log = hostFunction(m, 'host.log', { params: ['i32'], results: [] }, (args) => {
      seen.push(args);
      return [];
    });
    const inst = await instantiate(
      m,
      'tbl',
      `(module
        (import "host" "log" (func $log (param i32)))
        (type $v_i (func (param i32)))
        (type $i_v (func (result i32)))
        (table 4 funcref)
        (elem (i32.const 0) $log $seven)
        (func $seven (result i32) (i32.const 7))
        (func (export "log") (param i32 i32) (call_indirect (type $v_i) (local.get 0) (local.get 1)))
        (func (export "get") (param i32) (result i32) (call_indirect (type $i_v) (local.get 0))))`,
      [log],
    );
    inst.invoke('log', [5, 0]);
    expect(seen).toEqual([[5]]);
    expect(inst.invoke('get', [1])).toEqual([7]);
    expect(trapOf(() => inst.invoke('get', [0])).code).toBe(TrapCode.IndirectCallTypeMismatch);
    expect(trapOf(() => inst.invoke('get', [2])).code).toBe(TrapCode.UninitializedElement);
    expect(trapOf(() => inst.invoke('get', [4])).code).toBe(TrapCode.UndefinedElement);
  });

  it('shares memories, tables and globals between instances, with signature identity across modules', async () => {
    const m = new Machine();
    const a = await instantiate(
      m,
      'A',
      `(module
        (memory (export "mem") 1)
        (table (export "tab") 2 funcref)
        (global (export "g") (mut i32) (i32.const 10))
        (elem (i32.const 0) $answer)
        (func $answer (export "answer") (result i32) (i32.const 42)))`,
    );
    const exp = (name: string): bigint => a.export(name)!.address;
    const b = await instantiate(
      m,
      'B',
      `(module
        (import "A" "mem" (memory 1))
        (import "A" "tab" (table 2 funcref))
        (import "A" "g" (global $g (mut i32)))
        (import "A" "answer" (func $answer (result i32)))
        (func (export "call0") (result i32) (call_indirect (result i32) (i32.const 0)))
        (func (export "bump") (result i32) (global.set $g (i32.add (global.get $g) (call $answer))) (global.get $g))
        (func (export "poke") (i32.store (i32.const 16) (i32.const 99)))
        (export "answer2" (func $answer)))`,
      [exp('mem'), exp('tab'), exp('g'), exp('answer')],
    );
    expect(b.invoke('call0', [])).toEqual([42]);
    expect(b.invoke('bump', [])).toEqual([52]);
    expect(a.global('g')).toBe(52);
    b.invoke('poke', []);
    expect(m.memory.load(readMemory(m, Number(exp('mem'))).base + 16, 4, true)).toBe(99);
    expect(b.export('answer2')!.address).toBe(exp('answer'));
    expect(b.invoke('answer2', [])).toEqual([42]);
  });

  it('round-trips externref values through tables and keeps segment writes of a failed instantiation', async () => {
    const m = new Machine();
    const memory = hostMemory(m, 1, 2);
    const table = hostTable(m, 2);
    const g = hostGlobal(m, 'i32', 3);
    const inst = await instantiate(
      m,
      'ext',
      `(module
        (table $t 0 externref)
        (func (export "grow") (param externref i32) (result i32) (table.grow $t (local.get 0) (local.get 1)))
        (func (export "get") (param i32) (result externref) (table.get $t (local.get 0))))`,
    );
    const ref = 0x6578_0000_0000_0007n;
    expect(inst.invoke('grow', [ref, 3])).toEqual([0]);
    expect(inst.invoke('get', [2])).toEqual([ref]);
    expect(trapOf(() => inst.invoke('get', [3])).code).toBe(TrapCode.OutOfBoundsTable);

    const failing = instantiate(
      m,
      'bad',
      `(module
        (import "env" "mem" (memory 1))
        (import "env" "tab" (table 2 funcref))
        (import "env" "g" (global i32))
        (data (global.get 0) "hi")
        (data (i32.const 65535) "xy"))`,
      [memory, table, g],
    );
    await expect(failing).rejects.toThrow(expect.objectContaining({ code: TrapCode.OutOfBoundsMemory }));
    const base = readMemory(m, Number(memory)).base;
    expect([...m.memory.bytes(base + 3, 2)]).toEqual([0x68, 0x69]);
    expect(readTable(m, Number(table)).length).toBe(2);
  });

  it('exhausts the stack on runaway recursion, and traps in start functions', async () => {
    const m = new Machine({ stackFrames: 2000 });
    const inst = await instantiate(m, 'rec', `(module (func $f (export "f") (call $f)))`);
    expect(trapOf(() => inst.invoke('f', [])).code).toBe(TrapCode.CallStackExhausted);
    await expect(instantiate(m, 'st', `(module (func $s unreachable) (start $s))`)).rejects.toThrow(expect.objectContaining({ code: TrapCode.Unreachable, func: 'st.f0' }));
  });

  it('reports what a broken lowering does as internal errors, not as Wasm behaviour', async () => {
    const lowered = await lowerWat(
      'bug',
      `(module (memory 1)
        (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
        (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`,
    );
    // Sabotage: drop the divide-by-zero check, and make the bounds check ignore the access width.
    for (const f of lowered.functions) {
      for (const block of f.blocks) {
        block.insts = block.insts.filter((i) => !((i.op === 'trapz' || i.op === 'trapnz') && i.imm === TrapCode.IntegerDivideByZero));
        for (const i of block.insts) if (i.op === 'heap_addr') i.imm = 0;
      }
    }
    const inst = Instance.instantiate(new Machine(), lowered, []);
    expect(() => inst.invoke('div', [1, 0])).toThrow(InterpError);
    expect(() => inst.invoke('div', [1, 0])).toThrow(/division by zero reached a pure division[\s\S]*at bug\.f0/);
    expect(() => inst.invoke('load', [65534])).toThrow(/runs past the 65536 committed bytes of "linear memory"[\s\S]*at bug\.f1 block\d+: v\d+ = load\.i32/);
  });
});
