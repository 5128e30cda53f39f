import { mem, r11, r9, rax, rcx, rdx, rip, sym } from '../src/index.js';
import { checkRows, type Row } from './table.js';

// Symbol targets leave a zero rel32 (the linker fills it), so capstone shows the
// address right after the instruction.
const branches: Row[] = [
  ['call 5', 'e8 00 00 00 00', (a) => a.call(sym('memcpy'))],
  ['call rax', 'ff d0', (a) => a.call(rax)],
  ['call r11', '41 ff d3', (a) => a.call(r11)],
  ['call qword ptr [rax + 8]', 'ff 50 08', (a) => a.call(mem(rax, 8))],
  ['call qword ptr [rip]', 'ff 15 00 00 00 00', (a) => a.call(rip(sym('import_table')))],
  ['call qword ptr [rcx + rdx*8 + 0x10]', 'ff 54 d1 10', (a) => a.call(mem(rcx, 0x10, rdx, 8))],
  ['jmp 5', 'e9 00 00 00 00', (a) => a.jmp(sym('trap'))],
  ['je 6', '0f 84 00 00 00 00', (a) => a.jcc('e', sym('trap'))],
  ['jae 6', '0f 83 00 00 00 00', (a) => a.jcc('ae', sym('trap'))],
  ['jmp rax', 'ff e0', (a) => a.jmp(rax)],
  ['jmp r9', '41 ff e1', (a) => a.jmp(r9)],
  ['jmp qword ptr [rax*8 + 0x100]', 'ff 24 c5 00 01 00 00', (a) => a.jmp({ index: rax, scale: 8, disp: 0x100 })],
  ['jmp qword ptr [rcx + rdx*8]', 'ff 24 d1', (a) => a.jmp(mem(rcx, 0, rdx, 8))],
  ['ret', 'c3', (a) => a.ret()],
  ['ret 8', 'c2 08 00', (a) => a.ret(8)],
  ['ud2', '0f 0b', (a) => a.ud2()],
  ['int3', 'cc', (a) => a.int3()],
  ['int 0x80', 'cd 80', (a) => a.int(0x80)],
];

// Every condition, short form: a jump to the label right after it has displacement 0.
const conditions = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'] as const;
const shortJumps: Row[] = conditions.map((cc, i) => [
  `j${cc} 2`,
  `${(0x70 + i).toString(16)} 00`,
  (a) => {
    const next = a.newLabel();
    a.jcc(cc, next).bind(next);
  },
]);
const nearJumps: Row[] = conditions.map((cc, i) => [
  `j${cc} 6`,
  `0f ${(0x80 + i).toString(16)} 00 00 00 00`,
  (a) => a.jcc(cc, sym('far_away')),
]);

const nops: Row[] = [
  ['nop', '90', (a) => a.nop()],
  ['nop', '66 90', (a) => a.nop(2)],
  ['nop dword ptr [rax]', '0f 1f 00', (a) => a.nop(3)],
  ['nop dword ptr [rax]', '0f 1f 40 00', (a) => a.nop(4)],
  ['nop dword ptr [rax + rax]', '0f 1f 44 00 00', (a) => a.nop(5)],
  ['nop word ptr [rax + rax]', '66 0f 1f 44 00 00', (a) => a.nop(6)],
  ['nop dword ptr [rax]', '0f 1f 80 00 00 00 00', (a) => a.nop(7)],
  ['nop dword ptr [rax + rax]', '0f 1f 84 00 00 00 00 00', (a) => a.nop(8)],
  ['nop word ptr [rax + rax]', '66 0f 1f 84 00 00 00 00 00', (a) => a.nop(9)],
  ['nop word ptr [rax + rax]; nop dword ptr [rax]', '66 0f 1f 84 00 00 00 00 00 0f 1f 00', (a) => a.nop(12)],
  ['', '', (a) => a.nop(0)],
];

describe('calls, jumps and returns', () => checkRows(branches));
describe('jcc rel8', () => checkRows(shortJumps));
describe('jcc rel32', () => checkRows(nearJumps));
describe('nops', () => checkRows(nops));
