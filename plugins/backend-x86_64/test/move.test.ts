import {
  ah,
  ch,
  dh,
  cr0,
  cr3,
  cr4,
  cr8,
  ds,
  mem,
  r10,
  r11,
  r12,
  r13,
  r15,
  r8,
  r9,
  rax,
  rbp,
  rbx,
  rcx,
  rdi,
  rdx,
  rip,
  rsi,
  rsp,
  ss,
  sym,
} from '../src/index.js';
import { checkRows, type Row } from './table.js';

const registerMoves: Row[] = [
  ['mov rax, rbx', '48 89 d8', (a) => a.mov(64, rax, rbx)],
  ['mov r8d, esp', '41 89 e0', (a) => a.mov(32, r8, rsp)],
  ['mov ax, r9w', '66 44 89 c8', (a) => a.mov(16, rax, r9)],
  ['mov al, bpl', '40 88 e8', (a) => a.mov(8, rax, rbp)],
  ['mov ah, bl', '88 dc', (a) => a.mov(8, ah, rbx)],
  ['mov r15, r13', '4d 89 ef', (a) => a.mov(64, r15, r13)],
  ['mov spl, al', '40 88 c4', (a) => a.mov(8, rsp, rax)],
  ['mov dh, ch', '88 ee', (a) => a.mov(8, dh, ch)],
];

// Addressing modes: every special case of ModRM/SIB (rsp/r12 need a SIB, rbp/r13 need a
// displacement, no base means disp32, rsp can never be an index but r12 can).
const addressing: Row[] = [
  ['mov rax, qword ptr [rsp]', '48 8b 04 24', (a) => a.mov(64, rax, { base: rsp })],
  ['mov rax, qword ptr [rsp + 0x10]', '48 8b 44 24 10', (a) => a.mov(64, rax, mem(rsp, 16))],
  ['mov rax, qword ptr [r12]', '49 8b 04 24', (a) => a.mov(64, rax, { base: r12 })],
  ['mov rax, qword ptr [rbp]', '48 8b 45 00', (a) => a.mov(64, rax, { base: rbp })],
  ['mov rax, qword ptr [r13]', '49 8b 45 00', (a) => a.mov(64, rax, { base: r13 })],
  ['mov rax, qword ptr [r13 + 0x100]', '49 8b 85 00 01 00 00', (a) => a.mov(64, rax, mem(r13, 0x100))],
  ['mov ecx, dword ptr [rbp - 0x80]', '8b 4d 80', (a) => a.mov(32, rcx, mem(rbp, -128))],
  ['mov ecx, dword ptr [rbp - 0x81]', '8b 8d 7f ff ff ff', (a) => a.mov(32, rcx, mem(rbp, -129))],
  ['mov ecx, dword ptr [rbp + 0x7f]', '8b 4d 7f', (a) => a.mov(32, rcx, mem(rbp, 127))],
  ['mov ecx, dword ptr [rbp + 0x80]', '8b 8d 80 00 00 00', (a) => a.mov(32, rcx, mem(rbp, 128))],
  ['mov rax, qword ptr [rbx + rcx*8]', '48 8b 04 cb', (a) => a.mov(64, rax, mem(rbx, 0, rcx, 8))],
  ['mov rax, qword ptr [rbx + r12*2 + 8]', '4a 8b 44 63 08', (a) => a.mov(64, rax, mem(rbx, 8, r12, 2))],
  ['mov rax, qword ptr [r13 + rax*4]', '49 8b 44 85 00', (a) => a.mov(64, rax, mem(r13, 0, rax, 4))],
  ['mov rax, qword ptr [rbp + r13]', '4a 8b 44 2d 00', (a) => a.mov(64, rax, mem(rbp, 0, r13))],
  ['mov rax, qword ptr [rsp + rbp]', '48 8b 04 2c', (a) => a.mov(64, rax, mem(rsp, 0, rbp))],
  ['mov rdx, qword ptr [rax*8 + 0x1000]', '48 8b 14 c5 00 10 00 00', (a) => a.mov(64, rdx, { index: rax, scale: 8, disp: 0x1000 })],
  ['mov rdx, qword ptr [r12*4 - 8]', '4a 8b 14 a5 f8 ff ff ff', (a) => a.mov(64, rdx, { index: r12, scale: 4, disp: -8 })],
  ['mov eax, dword ptr [0x1234]', '8b 04 25 34 12 00 00', (a) => a.mov(32, rax, { disp: 0x1234 })],
  ['mov r15, qword ptr [r8 + r15*8 - 8]', '4f 8b 7c f8 f8', (a) => a.mov(64, r15, mem(r8, -8, r15, 8))],
  ['mov rax, qword ptr [rbx - 0x80000000]', '48 8b 83 00 00 00 80', (a) => a.mov(64, rax, mem(rbx, -0x80000000))],
  ['mov rax, qword ptr [rip]', '48 8b 05 00 00 00 00', (a) => a.mov(64, rax, rip(sym('table')))],
  ['mov r9d, dword ptr [rip]', '44 8b 0d 00 00 00 00', (a) => a.mov(32, r9, rip(sym('x'), 8))],
];

const stores: Row[] = [
  ['mov qword ptr [rsp + 8], rdi', '48 89 7c 24 08', (a) => a.mov(64, mem(rsp, 8), rdi)],
  ['mov byte ptr [rax], sil', '40 88 30', (a) => a.mov(8, { base: rax }, rsi)],
  ['mov byte ptr [r9], al', '41 88 01', (a) => a.mov(8, { base: r9 }, rax)],
  ['mov word ptr [rcx + 2], r8w', '66 44 89 41 02', (a) => a.mov(16, mem(rcx, 2), r8)],
  ['mov dword ptr [rip], eax', '89 05 00 00 00 00', (a) => a.mov(32, rip(sym('counter')), rax)],
  ['mov byte ptr [r12 + 1], 0xff', '41 c6 44 24 01 ff', (a) => a.mov(8, mem(r12, 1), 0xff)],
  ['mov dword ptr [rax], 0x12345678', 'c7 00 78 56 34 12', (a) => a.mov(32, { base: rax }, 0x12345678)],
  // capstone shows the sign-extended imm32 as the 64-bit value.
  ['mov qword ptr [rax], 0xffffffffffffffff', '48 c7 00 ff ff ff ff', (a) => a.mov(64, { base: rax }, -1)],
  ['mov word ptr [rax], 0x1234', '66 c7 00 34 12', (a) => a.mov(16, { base: rax }, 0x1234)],
  ['mov qword ptr [rip], 0', '48 c7 05 00 00 00 00 00 00 00 00', (a) => a.mov(64, rip(sym('v')), 0)],
];

const immediates: Row[] = [
  ['mov eax, 0x12345678', 'b8 78 56 34 12', (a) => a.mov(32, rax, 0x12345678)],
  ['mov r9d, 1', '41 b9 01 00 00 00', (a) => a.mov(32, r9, 1)],
  ['mov rax, 0xffffffffffffffff', '48 c7 c0 ff ff ff ff', (a) => a.mov(64, rax, -1)],
  ['mov rax, 0x7fffffff', '48 c7 c0 ff ff ff 7f', (a) => a.mov(64, rax, 0x7fffffff)],
  ['movabs rax, 0x80000000', '48 b8 00 00 00 80 00 00 00 00', (a) => a.mov(64, rax, 0x80000000)],
  ['movabs r11, 0x123456789abcdef0', '49 bb f0 de bc 9a 78 56 34 12', (a) => a.mov(64, r11, 0x123456789abcdef0n)],
  ['movabs rcx, 0xffffffff80000000', '48 b9 00 00 00 80 ff ff ff ff', (a) => a.mov(64, rcx, 0xffffffff80000000n)],
  ['mov cl, 0x80', 'b1 80', (a) => a.mov(8, rcx, 0x80)],
  ['mov dil, 7', '40 b7 07', (a) => a.mov(8, rdi, 7)],
  ['mov r8b, 1', '41 b0 01', (a) => a.mov(8, r8, 1)],
  ['mov ah, 1', 'b4 01', (a) => a.mov(8, ah, 1)],
  ['mov ax, 0xffff', '66 b8 ff ff', (a) => a.mov(16, rax, 0xffff)],
  ['mov eax, 0xffffffff', 'b8 ff ff ff ff', (a) => a.loadConst(rax, 0xffffffff)],
  ['mov rax, 0xfffffffffffffffe', '48 c7 c0 fe ff ff ff', (a) => a.loadConst(rax, -2)],
  ['movabs r10, 0x100000000', '49 ba 00 00 00 00 01 00 00 00', (a) => a.loadConst(r10, 0x100000000)],
];

const extensions: Row[] = [
  ['movzx eax, al', '0f b6 c0', (a) => a.movzx(32, rax, 8, rax)],
  ['movzx eax, sil', '40 0f b6 c6', (a) => a.movzx(32, rax, 8, rsi)],
  ['movzx r10d, byte ptr [rdi + 1]', '44 0f b6 57 01', (a) => a.movzx(32, r10, 8, mem(rdi, 1))],
  ['movzx rax, bl', '48 0f b6 c3', (a) => a.movzx(64, rax, 8, rbx)],
  ['movzx ecx, word ptr [rax]', '0f b7 08', (a) => a.movzx(32, rcx, 16, { base: rax })],
  ['movzx eax, ah', '0f b6 c4', (a) => a.movzx(32, rax, 8, ah)],
  ['movzx ax, byte ptr [rax]', '66 0f b6 00', (a) => a.movzx(16, rax, 8, { base: rax })],
  ['movzx r8, r9w', '4d 0f b7 c1', (a) => a.movzx(64, r8, 16, r9)],
  ['mov eax, ecx', '89 c8', (a) => a.movzx(64, rax, 32, rcx)],
  ['mov eax, dword ptr [rdx]', '8b 02', (a) => a.movzx(64, rax, 32, { base: rdx })],
  ['movsx rax, byte ptr [rsi]', '48 0f be 06', (a) => a.movsx(64, rax, 8, { base: rsi })],
  ['movsx ecx, dx', '0f bf ca', (a) => a.movsx(32, rcx, 16, rdx)],
  ['movsx r8, word ptr [r9 + 2]', '4d 0f bf 41 02', (a) => a.movsx(64, r8, 16, mem(r9, 2))],
  ['movsx edi, bpl', '40 0f be fd', (a) => a.movsx(32, rdi, 8, rbp)],
  ['movsxd rax, ecx', '48 63 c1', (a) => a.movsx(64, rax, 32, rcx)],
  ['movsxd r12, dword ptr [rsp + 4]', '4c 63 64 24 04', (a) => a.movsx(64, r12, 32, mem(rsp, 4))],
];

const misc: Row[] = [
  ['lea rax, [rbx + rcx*2 + 4]', '48 8d 44 4b 04', (a) => a.lea(64, rax, mem(rbx, 4, rcx, 2))],
  ['lea eax, [rdi + rsi]', '8d 04 37', (a) => a.lea(32, rax, mem(rdi, 0, rsi))],
  ['lea rsp, [rsp - 0x100]', '48 8d a4 24 00 ff ff ff', (a) => a.lea(64, rsp, mem(rsp, -0x100))],
  ['lea r8, [rax*4]', '4c 8d 04 85 00 00 00 00', (a) => a.lea(64, r8, { index: rax, scale: 4 })],
  ['lea rcx, [rip]', '48 8d 0d 00 00 00 00', (a) => a.lea(64, rcx, rip(sym('data')))],
  ['lea ax, [rbp + 2]', '66 8d 45 02', (a) => a.lea(16, rax, mem(rbp, 2))],
  ['xchg rax, rbx', '48 87 d8', (a) => a.xchg(64, rax, rbx)],
  ['xchg eax, eax', '87 c0', (a) => a.xchg(32, rax, rax)],
  ['xchg qword ptr [rdi], rax', '48 87 07', (a) => a.xchg(64, { base: rdi }, rax)],
  ['xchg qword ptr [rdi], rax', '48 87 07', (a) => a.xchg(64, rax, { base: rdi })],
  ['xchg al, r9b', '44 86 c8', (a) => a.xchg(8, rax, r9)],
  ['xchg r10w, r11w', '66 45 87 da', (a) => a.xchg(16, r10, r11)],
  ['push rbp', '55', (a) => a.push(rbp)],
  ['push r12', '41 54', (a) => a.push(r12)],
  ['push 1', '6a 01', (a) => a.push(1)],
  ['push -1', '6a ff', (a) => a.push(-1)],
  ['push 0x1000', '68 00 10 00 00', (a) => a.push(0x1000)],
  ['push qword ptr [rax + 8]', 'ff 70 08', (a) => a.push(mem(rax, 8))],
  ['push qword ptr [r13]', '41 ff 75 00', (a) => a.push({ base: r13 })],
  ['pop rbp', '5d', (a) => a.pop(rbp)],
  ['pop r15', '41 5f', (a) => a.pop(r15)],
  ['pop qword ptr [rsp]', '8f 04 24', (a) => a.pop({ base: rsp })],
  ['mov ds, eax', '8e d8', (a) => a.movSegment(ds, rax)],
  ['mov ss, word ptr [rax]', '8e 10', (a) => a.movSegment(ss, { base: rax })],
  ['mov eax, ss', '8c d0', (a) => a.movSegment(rax, ss)],
  ['mov cr3, rax', '0f 22 d8', (a) => a.movControl(cr3, rax)],
  ['mov rax, cr0', '0f 20 c0', (a) => a.movControl(rax, cr0)],
  ['mov cr4, r8', '41 0f 22 e0', (a) => a.movControl(cr4, r8)],
  ['mov cr8, rax', '44 0f 22 c0', (a) => a.movControl(cr8, rax)],
  ['mov r12, cr3', '41 0f 20 dc', (a) => a.movControl(r12, cr3)],
];

describe('mov between registers', () => checkRows(registerMoves));
describe('addressing modes', () => checkRows(addressing));
describe('stores', () => checkRows(stores));
describe('immediates', () => checkRows(immediates));
describe('zero and sign extension', () => checkRows(extensions));
describe('lea, xchg, push/pop, segment and control registers', () => checkRows(misc));
