import { RelocationRangeError, type Relocation, type RelocationType } from '@mewz/object';
import { Assembler, rax, rip, sym, relocationTypes } from '../src/index.js';
import { disassemble, hex } from './table.js';

/** The linker's side of the contract, for code loaded at address 0: compute the kind's value and patch. */
function link(code: Uint8Array, relocations: readonly Relocation[], symbols: Record<string, bigint>): Uint8Array {
  const out = code.slice();
  for (const r of relocations) {
    const type = relocationTypes[r.type as keyof typeof relocationTypes];
    const s = symbols[r.symbol];
    if (type === undefined || s === undefined) throw new Error(`cannot link ${r.type} ${r.symbol}`);
    const value = type.kind === 'pcrel' ? s + r.addend - BigInt(r.offset) : s + r.addend;
    type.patch(out, r.offset, value);
  }
  return out;
}

describe('relocation table', () => {
  test('names, kinds and sizes', () => {
    const table: Readonly<Record<string, RelocationType>> = relocationTypes;
    expect(Object.values(table).map((t) => [t.name, t.kind, t.size])).toEqual([
      ['abs64', 'abs', 8],
      ['abs32', 'abs', 4],
      ['abs32s', 'abs', 4],
      ['pc32', 'pcrel', 4],
    ]);
    for (const [key, type] of Object.entries(table)) expect(type.name).toBe(key);
  });

  test('patch writes little-endian and leaves the rest alone', () => {
    const code = new Uint8Array(12).fill(0xaa);
    relocationTypes.abs64.patch(code, 2, 0x0102030405060708n);
    expect(hex(code)).toBe('aa aa 08 07 06 05 04 03 02 01 aa aa');
    relocationTypes.pc32.patch(code, 0, -2n);
    expect(hex(code.subarray(0, 4))).toBe('fe ff ff ff');
    relocationTypes.abs32.patch(code, 4, 0xffffffffn);
    expect(hex(code.subarray(4, 8))).toBe('ff ff ff ff');
    relocationTypes.abs32s.patch(code, 8, -0x80000000n);
    expect(hex(code.subarray(8, 12))).toBe('00 00 00 80');
    relocationTypes.abs64.patch(code, 4, -1n);
    expect(hex(code.subarray(4, 12))).toBe('ff ff ff ff ff ff ff ff');
  });

  test.each([
    ['pc32', 0x80000000n, /pc32.*0x80000000.*\[-0x80000000 .*, 0x7fffffff/],
    ['pc32', -0x80000001n, /pc32.*-0x80000001/],
    ['abs32s', 0x80000000n, /abs32s.*0x80000000/],
    ['abs32', -1n, /abs32: value -0x1 .*\[0x0 .*, 0xffffffff/],
    ['abs32', 0x100000000n, /abs32.*0x100000000/],
    ['abs64', 1n << 64n, /abs64.*0x10000000000000000/],
    ['abs64', -(1n << 63n) - 1n, /abs64/],
  ] as const)('%s rejects %s', (name, value, message) => {
    const code = new Uint8Array(8).fill(0x11);
    const patch = () => relocationTypes[name].patch(code, 0, value);
    expect(patch).toThrow(RelocationRangeError);
    expect(patch).toThrow(message);
    expect(hex(code)).toBe('11 11 11 11 11 11 11 11'); // nothing half-written
  });

  test('patching outside the code is refused', () => {
    expect(() => relocationTypes.pc32.patch(new Uint8Array(6), 3, 0n)).toThrow(/outside/);
  });
});

describe('assembled relocations, linked', () => {
  test('call, jmp, jcc and RIP-relative operands reach their symbols', () => {
    const a = new Assembler();
    a.call(sym('f'))
      .jmp(sym('g', 0x10))
      .jcc('ne', sym('f'))
      .alu('cmp', 32, rip(sym('data')), 5)
      .mov(32, rip(sym('data'), 8), 0x12345678)
      .lea(64, rax, rip(sym('data'), -4))
      .address(8, sym('data', 1));
    const { code, relocations } = a.finish();
    const linked = link(code, relocations, { f: 0x1000n, g: 0x2000n, data: 0x3000n });
    // Instruction ends: 5, 10, 16, 23, 33, 40; a RIP-relative target is end + disp.
    expect(disassemble(linked.subarray(0, 40)).text.split('; ')).toEqual([
      'call 0x1000',
      'jmp 0x2010',
      'jne 0x1000',
      `cmp dword ptr [rip + 0x${(0x3000 - 23).toString(16)}], 5`,
      `mov dword ptr [rip + 0x${(0x3008 - 33).toString(16)}], 0x12345678`,
      `lea rax, [rip + 0x${(0x2ffc - 40).toString(16)}]`,
    ]);
    expect(new DataView(linked.buffer).getBigUint64(40, true)).toBe(0x3001n);
  });

  test('a call out of rel32 range is a range error naming pc32', () => {
    const { code, relocations } = new Assembler().call(sym('far')).finish();
    expect(() => link(code, relocations, { far: 0x1_0000_0000n })).toThrow(/pc32: value 0xfffffffb/);
  });
});
