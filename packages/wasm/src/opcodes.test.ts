import wabtInit from 'wabt';
import { InstructionReader } from './code-reader.js';
import { decodeModule } from './decode-module.js';
import { OPCODE_TABLE } from './opcode-table.js';
import { Imm, isOpcode, Op, OPCODES, opName } from './opcodes.js';

const entries = OPCODE_TABLE.trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/))
  .map(([code, name, imm]) => ({ code: parseInt(code, 16), name, imm }));

function pascal(name: string, imm: string): string {
  if (name === 'select' && imm === 'valtypes') return 'SelectT';
  return name
    .split(/[._]/)
    .map((s) => s[0].toUpperCase() + s.slice(1))
    .join('');
}

describe('opcode table', () => {
  it('has one Op member per table line, with the same number', () => {
    const ops = Op as unknown as Record<string, number>;
    for (const e of entries) expect([e.name, ops[pascal(e.name, e.imm)]]).toEqual([e.name, e.code]);
    const members = Object.keys(Op).filter((k) => Number.isNaN(Number(k)));
    expect(members).toHaveLength(entries.length);
  });

  it('names every opcode and nothing else', () => {
    for (const e of entries) {
      expect(opName(e.code)).toBe(e.name);
      expect(isOpcode(e.code)).toBe(true);
    }
    expect(isOpcode(0x06)).toBe(false);
    expect(isOpcode(0xfc12)).toBe(false);
    expect(isOpcode(0xfd9a)).toBe(false);
    expect(opName(0xfd9a)).toMatch(/unknown/);
  });

  it('types fixed-signature instructions', () => {
    const sig = OPCODES.sig[Op.I32Store];
    expect(Array.from(OPCODES.sigParams[sig])).toEqual([0x7f, 0x7f]);
    expect(Array.from(OPCODES.sigResults[sig])).toEqual([]);
    expect(OPCODES.sig[Op.Block]).toBe(0);
    expect(OPCODES.naturalAlign[Op.V128Load64Lane]).toBe(3);
    expect(OPCODES.lanes[Op.V128Load64Lane]).toBe(2);
    expect(OPCODES.imm[Op.MemoryInit]).toBe(Imm.DataMemZero);
  });
});

describe('InstructionReader', () => {
  // Every instruction with immediates, assembled by wabt, read back field by field.
  const text = `(module
    (type $t (func (param i32) (result i32)))
    (memory 1) (table $a 1 funcref) (table $b 1 funcref)
    (global $g (mut i64) (i64.const 0))
    (elem $e func $f) (data $d "x")
    (func $f (param i32) (result i32) (local f64)
      (block $l (result i32) (local.get 0) (br_table 0 0 $l (i32.const 1)))
      (drop)
      (i64.const -9223372036854775808) (global.set $g)
      (f64.const -0x1p-1074) (local.set 1)
      (call_indirect $b (type $t) (i32.const 7) (i32.const 0))
      (drop)
      (i32.load16_u offset=4294967295 align=1 (i32.const 0))
      (drop)
      (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
      (i8x16.shuffle 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 (v128.const i64x2 0 0))
      (i16x8.extract_lane_u 7)
      (drop)
      (v128.store32_lane offset=8 3 (i32.const 0) (v128.const i64x2 0 0))
      (table.init $b $e (i32.const 0) (i32.const 0) (i32.const 0))
      (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0))
      (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)))
  )`;

  it('decodes immediates into its fields', async () => {
    const wabt = await wabtInit();
    const features = { simd: true, bulk_memory: true, reference_types: true, multi_value: true };
    const bytes = wabt.parseWat('t.wat', text, features).toBinary({}).buffer;
    const m = decodeModule(bytes);
    const r = new InstructionReader(m.bytes);
    r.reset(m.codes[0].bodyStart, m.codes[0].bodyEnd);
    const seen: string[] = [];
    const fields: Record<string, unknown> = {};
    while (!r.atEnd()) {
      r.next();
      const name = opName(r.op);
      seen.push(name);
      if (r.op === Op.Block) fields.block = r.blockType;
      if (r.op === Op.BrTable) fields.brTable = [Array.from(r.brTargets.subarray(0, r.brCount)), r.index];
      if (r.op === Op.I64Const) fields.i64 = r.i64;
      if (r.op === Op.F64Const) fields.f64 = r.f64bits;
      if (r.op === Op.CallIndirect) fields.callIndirect = [r.index, r.index2];
      if (r.op === Op.I32Load16U) fields.load = [r.memAlign, r.memOffset];
      if (r.op === Op.V128Const && fields.v128 === undefined) fields.v128 = Array.from(r.v128);
      if (r.op === Op.I8x16Shuffle) fields.shuffle = r.v128[0];
      if (r.op === Op.I16x8ExtractLaneU) fields.lane = r.lane;
      if (r.op === Op.V128Store32Lane) fields.storeLane = [r.memAlign, r.memOffset, r.lane];
      if (r.op === Op.TableInit) fields.tableInit = [r.index, r.index2];
      if (r.op === Op.MemoryInit) fields.memoryInit = r.index;
      if (r.op === Op.SelectT) fields.select = [r.typeCount, r.valType];
    }
    expect(seen[0]).toBe('block');
    expect(seen[seen.length - 1]).toBe('end');
    expect(fields).toEqual({
      block: -1, // one i32 result: 0x7f - 0x80
      brTable: [[0, 0], 0],
      i64: -9223372036854775808n,
      f64: 0x8000000000000001n,
      callIndirect: [0, 1],
      load: [0, 4294967295],
      v128: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      shuffle: 31,
      lane: 7,
      storeLane: [2, 8, 3],
      tableInit: [0, 1],
      memoryInit: 0,
      select: [1, 0x7f],
    });
  });
});
