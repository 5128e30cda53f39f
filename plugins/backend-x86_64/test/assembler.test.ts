import { Assembler, mem, rax, rcx, rip, sym } from '../src/index.js';
import { assemble, checkRows, disassemble, hex, type Row } from './table.js';

/** Hex of `n` bytes of the assembler's own NOP padding. */
function nopHex(n: number): string {
  return hex(assemble((a) => a.nop(n)));
}

/** Capstone's reading of `code` without the padding NOPs, one string per instruction. */
function instructions(code: Uint8Array): string[] {
  const { text, consumed } = disassemble(code);
  expect(consumed).toBe(code.length);
  return text.split('; ').filter((t) => !t.startsWith('nop'));
}

// Branches to labels start as rel8 and grow to rel32 only when the target is out of reach.
const relaxation: Row[] = [
  [
    'jmp 3; nop',
    'eb 01 90',
    (a) => {
      const l = a.newLabel();
      a.jmp(l).nop().bind(l);
    },
  ],
  [
    'nop; jmp 0',
    '90 eb fd',
    (a) => {
      const l = a.newLabel();
      a.bind(l).nop().jmp(l);
    },
  ],
  [
    'jmp 0',
    'eb fe',
    (a) => {
      const l = a.newLabel();
      a.bind(l).jmp(l);
    },
  ],
  [
    'jne 8; ret; ret; ret; ret; ret; ret',
    '75 06 c3 c3 c3 c3 c3 c3',
    (a) => {
      const l = a.newLabel();
      a.jcc('ne', l);
      for (let i = 0; i < 6; i++) a.ret();
      a.bind(l);
    },
  ],
  [
    'call 6; ret; ret',
    'e8 01 00 00 00 c3 c3',
    (a) => {
      const f = a.newLabel();
      a.call(f).ret().bind(f).ret();
    },
  ],
  [
    'lea rax, [rip + 1]; ret; add byte ptr [rax], al',
    '48 8d 05 01 00 00 00 c3 00 00',
    (a) => {
      const data = a.newLabel();
      a.lea(64, rax, rip(data)).ret().bind(data).u16(0);
    },
  ],
  [
    // The field is followed by an imm8, so the displacement is counted from after it.
    'cmp dword ptr [rip + 1], 5; ret; add byte ptr [rax], al; add byte ptr [rax], al',
    '83 3d 01 00 00 00 05 c3 00 00 00 00',
    (a) => {
      const data = a.newLabel();
      a.alu('cmp', 32, rip(data), 5).ret().bind(data).u32(0);
    },
  ],
  [
    'mov qword ptr [rip - 0xb], 0x2a',
    '48 c7 05 f5 ff ff ff 2a 00 00 00',
    (a) => {
      const self = a.newLabel();
      a.bind(self).mov(64, rip(self), 42);
    },
  ],
  [
    'mov eax, dword ptr [rip + 8]; ret',
    '8b 05 08 00 00 00 c3',
    (a) => {
      const l = a.newLabel();
      a.mov(32, rax, rip(l, 7)).ret().bind(l);
    },
  ],
];

describe('labels', () => checkRows(relaxation));

describe('branch relaxation at the rel8 boundaries', () => {
  test('forward +127 stays short, +128 goes near', () => {
    const at = (n: number) =>
      assemble((a) => {
        const l = a.newLabel();
        a.jmp(l).nop(n).bind(l);
      });
    expect(hex(at(127))).toBe(`eb 7f ${nopHex(127)}`);
    expect(hex(at(128))).toBe(`e9 80 00 00 00 ${nopHex(128)}`);
    expect(instructions(at(128))).toEqual(['jmp 0x85']);
  });

  test('backward −128 stays short, −129 goes near', () => {
    const at = (n: number) =>
      assemble((a) => {
        const l = a.newLabel();
        a.bind(l).nop(n).jmp(l);
      });
    expect(hex(at(126))).toBe(`${nopHex(126)} eb 80`);
    expect(hex(at(127))).toBe(`${nopHex(127)} e9 7c ff ff ff`);
    expect(instructions(at(127))).toEqual(['jmp 0']);
  });

  test('jcc relaxes to the 0f 8x form', () => {
    const code = assemble((a) => {
      const l = a.newLabel();
      a.jcc('le', l).nop(200).bind(l);
    });
    expect(hex(code.subarray(0, 6))).toBe('0f 8e c8 00 00 00');
    expect(instructions(code)).toEqual(['jle 0xce']);
  });

  test('a jump growing pushes an earlier jump out of rel8 range', () => {
    // With both short, the first jump spans 123 + 2 bytes and fits; the second cannot
    // reach M, becomes 5 bytes, and that makes the first span 128.
    const a = new Assembler();
    const l = a.newLabel('L');
    const m = a.newLabel('M');
    a.jmp(l).nop(123).jmp(m).bind(l).nop(200).bind(m).ret();
    const { code, labels } = a.finish();
    expect(labels).toEqual(
      new Map([
        ['L', 133],
        ['M', 333],
      ]),
    );
    expect(instructions(code)).toEqual(['jmp 0x85', 'jmp 0x14d', 'ret']);
    expect(code.length).toBe(334);
  });

  test('offsetOf gives the final offset of anonymous labels too', () => {
    const a = new Assembler();
    const far = a.newLabel();
    const site = a.newLabel();
    const unbound = a.newLabel('unbound');
    a.jcc('e', far).bind(site).ud2().nop(200).bind(far).ret();
    const out = a.finish();
    expect([out.offsetOf(site), out.offsetOf(far)]).toEqual([6, 208]);
    expect(() => out.offsetOf(unbound)).toThrow('label unbound is not bound');
    expect(out.labels.has('unbound')).toBe(false);
  });

  test('many interleaved forward and backward branches all land on their labels', () => {
    const a = new Assembler();
    const labels = Array.from({ length: 40 }, (_, i) => a.newLabel(`b${i}`));
    // Label i is bound after i*13 bytes of padding; each step jumps to a label far ahead and one behind.
    for (let i = 0; i < labels.length; i++) {
      a.bind(labels[i]!);
      a.jcc('ne', labels[Math.min(i + 9, labels.length - 1)]!);
      a.jmp(labels[Math.max(i - 7, 0)]!);
      a.nop(13);
    }
    const { code, labels: offsets } = a.finish();
    const insns = instructions(code);
    for (let i = 0; i < labels.length; i++) {
      const fwd = offsets.get(`b${Math.min(i + 9, labels.length - 1)}`)!;
      const back = offsets.get(`b${Math.max(i - 7, 0)}`)!;
      expect(insns[2 * i]).toBe(`jne ${fwd === 0 ? '0' : `0x${fwd.toString(16)}`}`);
      expect(insns[2 * i + 1]).toBe(`jmp ${back === 0 ? '0' : `0x${back.toString(16)}`}`);
    }
  });
});

describe('alignment and data', () => {
  test('align pads with NOPs in code and zeros on request', () => {
    const a = new Assembler();
    const l = a.newLabel('entry');
    a.nop().align(16).bind(l).ret().align(8, 'zero').u64(0x1122334455667788n).u32(-1).u16(0xbeef).u8(7).bytes([1, 2, 3]).align(4, 'zero');
    const { code, labels } = a.finish();
    expect(labels.get('entry')).toBe(16);
    expect(hex(code)).toBe(`90 ${nopHex(15)} c3 00 00 00 00 00 00 00 88 77 66 55 44 33 22 11 ff ff ff ff ef be 07 01 02 03 00 00`);
  });

  test('padding shrinks when a jump before it grows', () => {
    const a = new Assembler();
    const target = a.newLabel();
    const aligned = a.newLabel('aligned');
    a.jmp(target).align(8).bind(aligned).nop(200).bind(target).ret();
    const { code, labels } = a.finish();
    expect(labels.get('aligned')).toBe(8);
    expect(hex(code.subarray(0, 8))).toBe(`e9 cb 00 00 00 ${nopHex(3)}`);
  });

  test('a position-independent jump table', () => {
    const a = new Assembler();
    const table = a.newLabel('table');
    const cases = [a.newLabel('case0'), a.newLabel('case1'), a.newLabel('case2')];
    a.lea(64, rcx, rip(table))
      .movsx(64, rax, 32, mem(rcx, 0, rax, 4))
      .alu('add', 64, rax, rcx)
      .jmp(rax)
      .align(4, 'zero')
      .bind(table);
    for (const c of cases) a.labelDiff32(c, table);
    a.bind(cases[0]!).ret().bind(cases[1]!).ud2().bind(cases[2]!).hlt();
    const { code, labels } = a.finish();
    const tableAt = labels.get('table')!;
    const view = new DataView(code.buffer, code.byteOffset);
    cases.forEach((c, i) => expect(view.getInt32(tableAt + 4 * i, true)).toBe(labels.get(c.name!)! - tableAt));
    expect(instructions(code.subarray(0, 16))).toEqual([
      `lea rcx, [rip + ${tableAt - 7}]`,
      'movsxd rax, dword ptr [rcx + rax*4]',
      'add rax, rcx',
      'jmp rax',
    ]);
  });
});

describe('symbols and relocations', () => {
  test('each symbol reference becomes a relocation at its final offset', () => {
    const a = new Assembler();
    const skip = a.newLabel();
    const here = a.newLabel('here');
    a.jmp(skip) // relaxes to 5 bytes, shifting everything after it
      .nop(131)
      .bind(skip) // 136
      .call(sym('memcpy')) // 5 bytes
      .jmp(sym('exit', 16)) // 5 bytes
      .jcc('b', sym('trap')) // 6 bytes
      .alu('cmp', 32, rip(sym('flag')), 5) // 7 bytes, field then imm8
      .mov(64, rip(sym('slot'), 8), 0x1234) // 11 bytes, field then imm32
      .lea(64, rax, rip(sym('table', 4))) // 7 bytes, ends at 177
      .align(8, 'zero') // 7 bytes of padding
      .bind(here) // 184
      .address(8, sym('handler', 2))
      .address(4, here, 1)
      .address(8, here);
    const { code, relocations, labels } = a.finish();
    expect(labels.get('here')).toBe(184);
    expect(relocations).toEqual([
      { offset: 137, type: 'pc32', symbol: 'memcpy', addend: -4n },
      { offset: 142, type: 'pc32', symbol: 'exit', addend: 12n },
      { offset: 148, type: 'pc32', symbol: 'trap', addend: -4n },
      { offset: 154, type: 'pc32', symbol: 'flag', addend: -5n },
      { offset: 162, type: 'pc32', symbol: 'slot', addend: 0n },
      { offset: 173, type: 'pc32', symbol: 'table', addend: 0n },
      { offset: 184, type: 'abs64', symbol: 'handler', addend: 2n },
      { offset: 192, type: 'abs32', symbol: 'here', addend: 1n },
      { offset: 196, type: 'abs64', symbol: 'here', addend: 0n },
    ]);
    expect(code.length).toBe(204);
  });
});
