import { ah, al, bh, bl } from './regs.js';
import { mem, r10, r11, r12, r13, r15, r8, r9, rax, rbp, rbx, rcx, rdi, rdx, rsi, rsp, sym, rip } from '../src/index.js';
import { checkRows, type Row } from './table.js';

const alu: Row[] = [
  ['add rax, rbx', '48 01 d8', (a) => a.alu('add', 64, rax, rbx)],
  ['add eax, ebx', '01 d8', (a) => a.alu('add', 32, rax, rbx)],
  ['add ax, bx', '66 01 d8', (a) => a.alu('add', 16, rax, rbx)],
  ['add al, bl', '00 d8', (a) => a.alu('add', 8, al, bl)],
  ['add r8, r15', '4d 01 f8', (a) => a.alu('add', 64, r8, r15)],
  ['add r12d, eax', '41 01 c4', (a) => a.alu('add', 32, r12, rax)],
  ['sub rsp, 8', '48 83 ec 08', (a) => a.alu('sub', 64, rsp, 8)],
  ['sub rsp, 0x1000', '48 81 ec 00 10 00 00', (a) => a.alu('sub', 64, rsp, 0x1000)],
  ['add rax, 0x1000', '48 05 00 10 00 00', (a) => a.alu('add', 64, rax, 0x1000)],
  ['add eax, -1', '83 c0 ff', (a) => a.alu('add', 32, rax, -1)],
  ['add eax, -1', '83 c0 ff', (a) => a.alu('add', 32, rax, 0xffffffff)],
  ['add rax, -0x80', '48 83 c0 80', (a) => a.alu('add', 64, rax, -128)],
  ['add rax, 0x80', '48 05 80 00 00 00', (a) => a.alu('add', 64, rax, 128)],
  ['and ecx, 0xffff', '81 e1 ff ff 00 00', (a) => a.alu('and', 32, rcx, 0xffff)],
  ['cmp al, 5', '3c 05', (a) => a.alu('cmp', 8, al, 5)],
  ['cmp bl, 0x80', '80 fb 80', (a) => a.alu('cmp', 8, bl, 0x80)],
  ['xor sil, sil', '40 30 f6', (a) => a.alu('xor', 8, rsi, rsi)],
  ['or ah, bh', '08 fc', (a) => a.alu('or', 8, ah, bh)],
  ['adc rdx, r9', '4c 11 ca', (a) => a.alu('adc', 64, rdx, r9)],
  ['sbb ecx, 0', '83 d9 00', (a) => a.alu('sbb', 32, rcx, 0)],
  ['cmp qword ptr [rax], 0', '48 83 38 00', (a) => a.alu('cmp', 64, { base: rax }, 0)],
  ['add rax, qword ptr [rbx]', '48 03 03', (a) => a.alu('add', 64, rax, { base: rbx })],
  ['add qword ptr [rbx + 8], rax', '48 01 43 08', (a) => a.alu('add', 64, mem(rbx, 8), rax)],
  ['sub word ptr [rdi], 0x1234', '66 81 2f 34 12', (a) => a.alu('sub', 16, { base: rdi }, 0x1234)],
  ['add byte ptr [r13], 1', '41 80 45 00 01', (a) => a.alu('add', 8, { base: r13 }, 1)],
  ['xor edx, edx', '31 d2', (a) => a.alu('xor', 32, rdx, rdx)],
  ['cmp rax, -0x80000000', '48 3d 00 00 00 80', (a) => a.alu('cmp', 64, rax, -0x80000000)],
  ['and r11d, dword ptr [rsp + rcx*4 - 4]', '44 23 5c 8c fc', (a) => a.alu('and', 32, r11, mem(rsp, -4, rcx, 4))],
  ['or dword ptr [rip], 0x10', '83 0d 00 00 00 00 10', (a) => a.alu('or', 32, rip(sym('flags')), 0x10)],
  ['sub r10w, 0x7f', '66 41 83 ea 7f', (a) => a.alu('sub', 16, r10, 0x7f)],
  ['cmp dil, bpl', '40 38 ef', (a) => a.alu('cmp', 8, rdi, rbp)],
  ['add spl, 0x10', '40 80 c4 10', (a) => a.alu('add', 8, rsp, 0x10)],
  ['add r8b, 1', '41 80 c0 01', (a) => a.alu('add', 8, r8, 1)],
  ['add r8, 0x1000', '49 81 c0 00 10 00 00', (a) => a.alu('add', 64, r8, 0x1000)],
  ['add ax, 0x1234', '66 05 34 12', (a) => a.alu('add', 16, rax, 0x1234)],
  ['and ax, 0xffff', '66 83 e0 ff', (a) => a.alu('and', 16, rax, 0xffff)],
  ['xor eax, 0x80000000', '35 00 00 00 80', (a) => a.alu('xor', 32, rax, 0x80000000)],
  ['sub byte ptr [rip], 3', '80 2d 00 00 00 00 03', (a) => a.alu('sub', 8, rip(sym('b')), 3)],
  ['cmp r9b, byte ptr [r10 + r11]', '47 3a 0c 1a', (a) => a.alu('cmp', 8, r9, mem(r10, 0, r11))],
];

const test: Row[] = [
  ['test rax, rax', '48 85 c0', (a) => a.test(64, rax, rax)],
  ['test al, 1', 'a8 01', (a) => a.test(8, al, 1)],
  ['test ecx, 0x100', 'f7 c1 00 01 00 00', (a) => a.test(32, rcx, 0x100)],
  ['test byte ptr [rdi + 3], 0x80', 'f6 47 03 80', (a) => a.test(8, mem(rdi, 3), 0x80)],
  ['test r11b, r11b', '45 84 db', (a) => a.test(8, r11, r11)],
  ['test dil, 1', '40 f6 c7 01', (a) => a.test(8, rdi, 1)],
  ['test rax, 0x7fffffff', '48 a9 ff ff ff 7f', (a) => a.test(64, rax, 0x7fffffff)],
  ['test qword ptr [r12], rbx', '49 85 1c 24', (a) => a.test(64, { base: r12 }, rbx)],
  ['test ax, 0x8000', '66 a9 00 80', (a) => a.test(16, rax, 0x8000)],
];

const unary: Row[] = [
  ['neg rax', '48 f7 d8', (a) => a.unary('neg', 64, rax)],
  ['not ecx', 'f7 d1', (a) => a.unary('not', 32, rcx)],
  ['neg byte ptr [rsp]', 'f6 1c 24', (a) => a.unary('neg', 8, { base: rsp })],
  ['inc r10', '49 ff c2', (a) => a.unary('inc', 64, r10)],
  ['dec word ptr [rax]', '66 ff 08', (a) => a.unary('dec', 16, { base: rax })],
  ['not sil', '40 f6 d6', (a) => a.unary('not', 8, rsi)],
  ['mul rcx', '48 f7 e1', (a) => a.mulDiv('mul', 64, rcx)],
  ['imul r8d', '41 f7 e8', (a) => a.mulDiv('imul', 32, r8)],
  ['div qword ptr [rbp - 8]', '48 f7 75 f8', (a) => a.mulDiv('div', 64, mem(rbp, -8))],
  ['idiv r15', '49 f7 ff', (a) => a.mulDiv('idiv', 64, r15)],
  ['div cl', 'f6 f1', (a) => a.mulDiv('div', 8, rcx)],
  ['idiv word ptr [rsi]', '66 f7 3e', (a) => a.mulDiv('idiv', 16, { base: rsi })],
  ['cdq', '99', (a) => a.cdq()],
  ['cqo', '48 99', (a) => a.cqo()],
  ['cwd', '66 99', (a) => a.cwd()],
  ['cdqe', '48 98', (a) => a.cdqe()],
];

const imul: Row[] = [
  ['imul rax, rbx', '48 0f af c3', (a) => a.imul(64, rax, rbx)],
  ['imul r9d, dword ptr [r10 + 4]', '45 0f af 4a 04', (a) => a.imul(32, r9, mem(r10, 4))],
  ['imul rax, rcx, 0xa', '48 6b c1 0a', (a) => a.imul(64, rax, rcx, 10)],
  ['imul eax, ecx, 0x3e8', '69 c1 e8 03 00 00', (a) => a.imul(32, rax, rcx, 1000)],
  ['imul ax, bx, 0x12c', '66 69 c3 2c 01', (a) => a.imul(16, rax, rbx, 300)],
  ['imul r12, qword ptr [rsp], -1', '4c 6b 24 24 ff', (a) => a.imul(64, r12, { base: rsp }, -1)],
];

const shifts: Row[] = [
  ['shl rax, cl', '48 d3 e0', (a) => a.shift('shl', 64, rax, 'cl')],
  ['shr edx, 1', 'd1 ea', (a) => a.shift('shr', 32, rdx, 1)],
  ['sar r9, 0x3f', '49 c1 f9 3f', (a) => a.shift('sar', 64, r9, 63)],
  ['rol ecx, 8', 'c1 c1 08', (a) => a.shift('rol', 32, rcx, 8)],
  ['ror r12, cl', '49 d3 cc', (a) => a.shift('ror', 64, r12, rcx)],
  ['shl byte ptr [rax], 2', 'c0 20 02', (a) => a.shift('shl', 8, { base: rax }, 2)],
  ['sar ax, cl', '66 d3 f8', (a) => a.shift('sar', 16, rax, 'cl')],
  ['shr sil, 4', '40 c0 ee 04', (a) => a.shift('shr', 8, rsi, 4)],
  ['shr dword ptr [rbp - 4], cl', 'd3 6d fc', (a) => a.shift('shr', 32, mem(rbp, -4), 'cl')],
  ['rcl rbx, 1', '48 d1 d3', (a) => a.shift('rcl', 64, rbx, 1)],
  ['rcr r8b, 3', '41 c0 d8 03', (a) => a.shift('rcr', 8, r8, 3)],
];

const bits: Row[] = [
  ['bsf rax, rcx', '48 0f bc c1', (a) => a.bitScan('bsf', 64, rax, rcx)],
  ['bsr eax, dword ptr [rdi]', '0f bd 07', (a) => a.bitScan('bsr', 32, rax, { base: rdi })],
  ['tzcnt rax, rbx', 'f3 48 0f bc c3', (a) => a.bitScan('tzcnt', 64, rax, rbx)],
  ['lzcnt r8d, r9d', 'f3 45 0f bd c1', (a) => a.bitScan('lzcnt', 32, r8, r9)],
  ['popcnt rcx, qword ptr [rsp + 8]', 'f3 48 0f b8 4c 24 08', (a) => a.bitScan('popcnt', 64, rcx, mem(rsp, 8))],
  ['popcnt ax, bx', '66 f3 0f b8 c3', (a) => a.bitScan('popcnt', 16, rax, rbx)],
  ['lzcnt r15, qword ptr [r13 + 8]', 'f3 4d 0f bd 7d 08', (a) => a.bitScan('lzcnt', 64, r15, mem(r13, 8))],
  ['bswap eax', '0f c8', (a) => a.bswap(32, rax)],
  ['bswap r13', '49 0f cd', (a) => a.bswap(64, r13)],
  ['bswap rdi', '48 0f cf', (a) => a.bswap(64, rdi)],
  ['bswap r9d', '41 0f c9', (a) => a.bswap(32, r9)],
];

const conditions: Row[] = [
  ['sete al', '0f 94 c0', (a) => a.setcc('e', al)],
  ['setne r8b', '41 0f 95 c0', (a) => a.setcc('ne', r8)],
  ['setb sil', '40 0f 92 c6', (a) => a.setcc('b', rsi)],
  ['setg byte ptr [rdi]', '0f 9f 07', (a) => a.setcc('g', { base: rdi })],
  ['setp ah', '0f 9a c4', (a) => a.setcc('p', ah)],
  ['setae bl', '0f 93 c3', (a) => a.setcc('ae', rbx)],
  ['seta cl', '0f 97 c1', (a) => a.setcc('a', rcx)],
  ['setbe dl', '0f 96 c2', (a) => a.setcc('be', rdx)],
  ['setl r15b', '41 0f 9c c7', (a) => a.setcc('l', r15)],
  ['setge al', '0f 9d c0', (a) => a.setcc('ge', rax)],
  ['setle al', '0f 9e c0', (a) => a.setcc('le', rax)],
  ['setnp al', '0f 9b c0', (a) => a.setcc('np', rax)],
  ['seto al', '0f 90 c0', (a) => a.setcc('o', rax)],
  ['setno al', '0f 91 c0', (a) => a.setcc('no', rax)],
  ['sets al', '0f 98 c0', (a) => a.setcc('s', rax)],
  ['setns al', '0f 99 c0', (a) => a.setcc('ns', rax)],
  ['cmove rax, rcx', '48 0f 44 c1', (a) => a.cmovcc('e', 64, rax, rcx)],
  ['cmovl r11d, dword ptr [rbx]', '44 0f 4c 1b', (a) => a.cmovcc('l', 32, r11, { base: rbx })],
  ['cmovne ax, dx', '66 0f 45 c2', (a) => a.cmovcc('ne', 16, rax, rdx)],
  ['cmovbe r8, r9', '4d 0f 46 c1', (a) => a.cmovcc('be', 64, r8, r9)],
  ['cmovp eax, ecx', '0f 4a c1', (a) => a.cmovcc('p', 32, rax, rcx)],
  ['cmovg rax, qword ptr [rip]', '48 0f 4f 05 00 00 00 00', (a) => a.cmovcc('g', 64, rax, rip(sym('x')))],
];

describe('ALU operations', () => checkRows(alu));
describe('test', () => checkRows(test));
describe('unary, multiply and divide', () => checkRows(unary));
describe('imul', () => checkRows(imul));
describe('shifts and rotates', () => checkRows(shifts));
describe('bit scans, counts and byte swap', () => checkRows(bits));
describe('setcc and cmovcc', () => checkRows(conditions));
