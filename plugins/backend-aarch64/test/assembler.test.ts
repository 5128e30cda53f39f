/**
 * The assembler beyond single encodings: relocations for symbol references, label
 * resolution, relaxation of conditional branches that do not reach, data directives,
 * alignment and the errors for what cannot be resolved.
 */
import { Assembler, EncodingError, relocationTypes, sym, v0, x0, x1, x2, x16 } from '../src/index.js';
import { disassemble, hex } from './table.js';

const word = (code: Uint8Array, offset: number): number => new DataView(code.buffer, code.byteOffset).getUint32(offset, true);

describe('symbol references become relocations', () => {
  it('records calls, jumps, conditional branches, pages, low 12 bits and absolute words', () => {
    const a = new Assembler();
    a.bl(sym('callee')).b(sym('tail', 8)).bcond('ne', sym('far')).cbz(64, x0, sym('far')).tbnz(x1, 3, sym('near'));
    a.adrp(x16, sym('data')).addLo12(x16, x16, sym('data')).loadLo12(64, 8, x2, x16, sym('data', 16)).storeLo12(4, x2, x16, sym('data'));
    a.adr(x0, sym('here')).ldrLiteral(v0, 64, sym('pool'));
    a.movAddress(x0, sym('abs'));
    a.address(8, sym('table', 4)).address(4, sym('small'));
    const { relocations, code } = a.finish();
    expect(relocations.map((r) => [r.offset, r.type, r.symbol, r.addend])).toEqual([
      [0, 'call26', 'callee', 0n],
      [4, 'jump26', 'tail', 8n],
      [8, 'condbr19', 'far', 0n],
      [12, 'condbr19', 'far', 0n],
      [16, 'tstbr14', 'near', 0n],
      [20, 'adr_prel_pg_hi21', 'data', 0n],
      [24, 'add_abs_lo12_nc', 'data', 0n],
      [28, 'ldst64_abs_lo12_nc', 'data', 16n],
      [32, 'ldst32_abs_lo12_nc', 'data', 0n],
      [36, 'adr_prel_lo21', 'here', 0n],
      [40, 'ld_prel_lo19', 'pool', 0n],
      [44, 'movw_uabs_g0_nc', 'abs', 0n],
      [48, 'movw_uabs_g1_nc', 'abs', 0n],
      [52, 'movw_uabs_g2_nc', 'abs', 0n],
      [56, 'movw_uabs_g3', 'abs', 0n],
      [60, 'abs64', 'table', 4n],
      [68, 'abs32', 'small', 0n],
    ]);
    expect(code.length).toBe(72);
    // Fields that relocations fill are zero until the linker patches them.
    expect(disassemble(code.subarray(0, 60)).text).toBe(
      'bl #0; b #4; b.ne #8; cbz x0, #0xc; tbnz w1, #3, #0x10; adrp x16, #0; add x16, x16, #0; ldr x2, [x16]; str w2, [x16]; adr x0, #0x24; ldr d0, #0x28; ' +
        'mov x0, #0; movk x0, #0, lsl #16; movk x0, #0, lsl #32; movk x0, #0, lsl #48',
    );
  });

  it('references named labels by name for absolute addresses and pages', () => {
    const a = new Assembler();
    const here = a.newLabel('here');
    a.bind(here).adrp(x0, here).address(8, here);
    const out = a.finish();
    expect(out.labels.get('here')).toBe(0);
    expect(out.relocations.map((r) => [r.type, r.symbol])).toEqual([
      ['adr_prel_pg_hi21', 'here'],
      ['abs64', 'here'],
    ]);
    expect(() => new Assembler().adrp(x0, new Assembler().newLabel())).toThrow(/not created by this assembler/);
    const b = new Assembler();
    expect(() => b.address(8, b.newLabel())).toThrow(/has no name/);
  });
});

describe('conditional branches to labels', () => {
  it('stay one instruction when the label is in reach', () => {
    const a = new Assembler();
    const l = a.newLabel();
    a.bcond('eq', l).bytes(new Uint8Array((1 << 20) - 8)).bind(l);
    const code = a.finish().code;
    expect(code.length).toBe((1 << 20) - 4);
    expect(disassemble(code.subarray(0, 4)).text).toBe('b.eq #0xffffc');
  });

  it('become the inverted branch over a b when the label is beyond ±1 MiB', () => {
    const a = new Assembler();
    const l = a.newLabel();
    a.bcond('eq', l).bytes(new Uint8Array(1 << 20)).bind(l).nop();
    const code = a.finish().code;
    expect(code.length).toBe((1 << 20) + 12);
    expect(disassemble(code.subarray(0, 8)).text).toBe('b.ne #8; b #0x100008');
  });

  it('relax backwards cbz and tbz (±32 KiB) the same way, and keep later labels right', () => {
    const a = new Assembler();
    const back = a.newLabel();
    const after = a.newLabel();
    a.bind(back).bytes(new Uint8Array((1 << 15) + 4)).tbz(x2, 5, back).cbnz(32, x1, after).bind(after).nop();
    const code = a.finish().code;
    const at = (1 << 15) + 4;
    // Disassembled from `at`: the b back to offset 0 shows as 4 - (at + 4).
    expect(disassemble(code.subarray(at, at + 12)).text).toBe('tbnz w2, #5, #8; b #0xffffffffffff7ffc; cbnz w1, #0xc');
    expect(word(code, at + 12)).toBe(0xd503201f);
  });

  it('pads alignment with nops and keeps fixups after it right', () => {
    const a = new Assembler();
    const l = a.newLabel();
    a.nop().align(16).bcond('lo', l).bind(l);
    expect(hex(a.finish().code)).toBe('1f 20 03 d5 1f 20 03 d5 1f 20 03 d5 1f 20 03 d5 23 00 00 54');
  });
});

describe('labels', () => {
  it('resolve b, bl, adr and literal loads at finish, and jump-table differences', () => {
    const a = new Assembler();
    const table = a.newLabel();
    const target = a.newLabel();
    a.adr(x0, table).b(target).bind(target).bl(target).bind(table).labelDiff32(target, table);
    const code = a.finish().code;
    expect(disassemble(code.subarray(0, 12)).text).toBe('adr x0, #0xc; b #8; bl #8');
    expect(word(code, 12)).toBe(0xfffffffc);
  });

  it('reports unbound labels and labels bound twice', () => {
    const a = new Assembler();
    a.b(a.newLabel('lost'));
    expect(() => a.finish()).toThrow('unbound label referenced: lost');
    const b = new Assembler();
    const l = b.newLabel();
    b.bind(l);
    expect(() => b.bind(l)).toThrow(/bound twice/);
  });

  it('reports an adr or literal load whose label is out of reach as an encoding error', () => {
    const a = new Assembler();
    const l = a.newLabel();
    a.adr(x0, l).bytes(new Uint8Array(1 << 20)).bind(l);
    expect(() => a.finish()).toThrow(EncodingError);
    const b = new Assembler();
    const m = b.newLabel();
    b.ldrLiteral(x0, 64, m).bytes(new Uint8Array(2)).bind(m);
    expect(() => b.finish()).toThrow(/not a multiple of 4/);
  });
});

describe('operands the hardware cannot encode', () => {
  const a = (): Assembler => new Assembler();
  it.each([
    ['add x0, x1, #0x1001', () => a().add(64, x0, x1, 0x1001), /not a 12-bit value/],
    ['and x0, x1, #0', () => a().logic('and', 64, x0, x1, 0), /not a bitmask immediate/],
    ['and w0, w1, #0x12345678', () => a().logic('and', 32, x0, x1, 0x12345678), /not a bitmask immediate/],
    ['ldr x0, [x1, #4097]', () => a().ldr(64, x0, { base: x1, offset: 4097 }), /fits neither/],
    ['ldp x0, x1, [x2, #4]', () => a().ldp(64, x0, x1, { base: x2, offset: 4 }), /not a multiple of 8/],
    ['lsl x0, x1, #64', () => a().shift('lsl', 64, x0, x1, 64), /out of range/],
    ['movz x0, #1, lsl #8', () => a().movz(64, x0, 1, 8), /shift 8/],
    ['fmov d0, #0.1', () => a().fmovImm('f64', v0, 0.1), /not an 8-bit float immediate/],
    ['add with a float register', () => a().add(64, x0, v0 as never, x1), /general-purpose register/],
    ['orr into sp from a register', () => a().logic('orr', 64, { kind: 'gpr', enc: 31, role: 'sp' }, x0, x1), /cannot be sp/],
    ['size 16', () => a().add(16 as never, x0, x1, x2), /32 or 64/],
  ])('%s', (_name, f, message) => {
    expect(f).toThrow(message);
  });

  it('throws before writing anything', () => {
    const asm = new Assembler();
    asm.nop();
    expect(() => asm.add(64, x0, x1, 0x1001)).toThrow(EncodingError);
    expect(asm.finish().code.length).toBe(4);
  });
});

describe('relocation types', () => {
  const patch = (name: keyof typeof relocationTypes, w: number, value: bigint): number => {
    const code = new Uint8Array(4);
    new DataView(code.buffer).setUint32(0, w, true);
    relocationTypes[name].patch(code, 0, value);
    return word(code, 0);
  };
  it('insert the fields of each instruction', () => {
    expect(patch('call26', 0x94000000, -4n)).toBe(0x97ffffff);
    expect(patch('jump26', 0x14000000, 0x7fffffcn)).toBe(0x15ffffff);
    expect(patch('condbr19', 0x54000001, 8n)).toBe(0x54000041);
    expect(patch('tstbr14', 0x36180001, -8n)).toBe(0x361fffc1);
    expect(patch('adr_prel_lo21', 0x10000000, 5n)).toBe(0x30000020);
    expect(patch('adr_prel_pg_hi21', 0x90000010, 0x3000n)).toBe(0xf0000010);
    expect(patch('add_abs_lo12_nc', 0x91000210, 0xabcn)).toBe(0x912af210);
    expect(patch('ldst64_abs_lo12_nc', 0xf9400202, 0x18n)).toBe(0xf9400e02);
    expect(patch('movw_uabs_g2_nc', 0xf2c00000, 0x1234_5678_9abc_def0n)).toBe(0xf2cacf00);
    expect(relocationTypes.abs64.kind).toBe('abs');
    expect(relocationTypes.adr_prel_pg_hi21.kind).toBe('page-pcrel');
    expect(relocationTypes.ldst32_abs_lo12_nc.kind).toBe('page-offset');
  });
  it('range- and alignment-check', () => {
    expect(() => patch('call26', 0x94000000, 1n << 27n)).toThrow(/call26: value 0x8000000 \(134217728\) is out of range/);
    expect(() => patch('call26', 0x94000000, 2n)).toThrow(/not a multiple of 4/);
    expect(() => patch('condbr19', 0x54000000, 1n << 20n)).toThrow(/out of range/);
    expect(() => patch('tstbr14', 0x36000000, -(1n << 15n) - 4n)).toThrow(/out of range/);
    expect(() => patch('adr_prel_pg_hi21', 0x90000000, 1n << 32n)).toThrow(/out of range/);
    expect(() => patch('adr_prel_pg_hi21', 0x90000000, 0x800n)).toThrow(/multiple of 4096/);
    expect(() => patch('ldst64_abs_lo12_nc', 0xf9400000, 0x14n)).toThrow(/multiple of 8/);
    expect(() => patch('adr_prel_lo21', 0x10000000, 1n << 20n)).toThrow(/out of range/);
  });
});
