/**
 * Encoding of every machine instruction kind after allocation, checked with capstone.
 * `END` in an expectation is the address right after the code, where the tests bind every
 * block and trap label.
 */
import { RAX, RBX, RCX, RDI, RDX, RSI, R8, R9, R10, R11, R12, R13, R15, xmmReg, type X64Inst } from '../src/index.js';
import { type Condition, imm } from '../src/inst.js';
import { emitPhysical } from './emit-harness.js';
import { disassembleAll } from './table.js';

const X0 = xmmReg(0);
const X1 = xmmReg(1);
const X2 = xmmReg(2);
const X9 = xmmReg(9);
const X15 = xmmReg(15);

const cmp = (a: number, b: number | { imm: number }, cc: Condition['ccs'][number], size: 32 | 64 = 64): Condition => ({
  flags: { kind: 'cmp', size, a, b },
  ccs: [cc],
  all: false,
});

type Row = [expected: string, insts: X64Inst[]];

const rows: Row[] = [
  ['mov rbx, r12', [{ op: 'move', cls: 'int', dst: RBX, src: R12 }]],
  ['', [{ op: 'move', cls: 'int', dst: RBX, src: RBX }]],
  ['movaps xmm9, xmm0', [{ op: 'move', cls: 'float', dst: X9, src: X0 }]],
  ['mov eax, eax', [{ op: 'zext32', dst: RAX, src: RAX }]],
  ['xor r8d, r8d', [{ op: 'iconst', dst: R8, value: 0n }]],
  ['mov eax, 0xffffffff', [{ op: 'iconst', dst: RAX, value: 0xffffffffn }]],
  ['mov rax, 0xffffffffffffffff', [{ op: 'iconst', dst: RAX, value: 0xffffffffffffffffn }]],
  ['movabs rcx, 0x123456789', [{ op: 'iconst', dst: RCX, value: 0x123456789n }]],
  ['xorps xmm1, xmm1', [{ op: 'fconst', type: 'f64', dst: X1, bits: 0n }]],
  ['movsd xmm1, qword ptr [rip + 8]', [{ op: 'fconst', type: 'f64', dst: X1, bits: 0x3ff0000000000000n }]],
  ['add r9d, r10d', [{ op: 'alu', alu: 'add', size: 32, dst: R9, src: R10 }]],
  ['and rax, 0x7f', [{ op: 'alu', alu: 'and', size: 64, dst: RAX, src: imm(0x7f) }]],
  ['lea eax, [rbx + r13]', [{ op: 'lea', size: 32, dst: RAX, amode: { kind: 'reg', base: RBX, index: R13, scale: 1, disp: 0 } }]],
  ['lea rax, [rbx - 8]', [{ op: 'lea', size: 64, dst: RAX, amode: { kind: 'reg', base: RBX, scale: 1, disp: -8 } }]],
  ['imul r15, rcx', [{ op: 'imul', size: 64, dst: R15, src: RCX }]],
  ['sub rax, qword ptr [rdi + rsi*8]', [{ op: 'alu_mem', alu: 'sub', size: 64, dst: RAX, amode: { kind: 'reg', base: RDI, index: RSI, scale: 8, disp: 0 } }]],
  ['mulsd xmm9, qword ptr [r13 + 0x10]', [{ op: 'fbin_mem', fop: 'mul', type: 'f64', dst: X9, amode: { kind: 'reg', base: R13, scale: 1, disp: 16 } }]],
  ['imul eax, ecx, 0x64', [{ op: 'imul_imm', size: 32, dst: RAX, src: RCX, imm: 100 }]],
  ['neg rdx', [{ op: 'neg', size: 64, dst: RDX }]],
  ['not r11d', [{ op: 'not', size: 32, dst: R11 }]],
  ['shl rax, cl', [{ op: 'shift', shift: 'shl', size: 64, dst: RAX, count: RCX }]],
  ['sar r8d, 3', [{ op: 'shift', shift: 'sar', size: 32, dst: R8, count: imm(3) }]],
  ['rol rbx, cl', [{ op: 'shift', shift: 'rol', size: 64, dst: RBX, count: RCX }]],
  ['lzcnt eax, ebx', [{ op: 'bitscan', scan: 'lzcnt', size: 32, dst: RAX, src: RBX }]],
  ['tzcnt r9, r10', [{ op: 'bitscan', scan: 'tzcnt', size: 64, dst: R9, src: R10 }]],
  ['popcnt eax, edi', [{ op: 'bitscan', scan: 'popcnt', size: 32, dst: RAX, src: RDI }]],
  ['cqo; idiv rcx', [{ op: 'div', signed: true, size: 64, dividend: RAX, divisor: RCX, quot: RAX, rem: RDX }]],
  ['cdq; idiv ebx', [{ op: 'div', signed: true, size: 32, dividend: RAX, divisor: RBX, quot: RAX, rem: RDX }]],
  ['xor edx, edx; div r8d', [{ op: 'div', signed: false, size: 32, dividend: RAX, divisor: R8, quot: RAX, rem: RDX }]],
  ['movsxd rax, ecx', [{ op: 'extend', signed: true, from: 32, size: 64, dst: RAX, src: RCX }]],
  ['movsx eax, sil', [{ op: 'extend', signed: true, from: 8, size: 32, dst: RAX, src: RSI }]],
  ['movsx rax, cx', [{ op: 'extend', signed: true, from: 16, size: 64, dst: RAX, src: RCX }]],
  ['movzx eax, dil', [{ op: 'extend', signed: false, from: 8, size: 32, dst: RAX, src: RDI }]],
  ['mov eax, ecx', [{ op: 'extend', signed: false, from: 32, size: 64, dst: RAX, src: RCX }]],
  ['mov rax, qword ptr [rdi + rsi + 0x10]', [{ op: 'load', size: 64, width: 8, signed: false, dst: RAX, amode: { kind: 'reg', base: RDI, index: RSI, scale: 1, disp: 16 } }]],
  ['mov eax, dword ptr [rdi]', [{ op: 'load', size: 64, width: 4, signed: false, dst: RAX, amode: { kind: 'reg', base: RDI, scale: 1, disp: 0 } }]],
  ['movsxd rax, dword ptr [rdi]', [{ op: 'load', size: 64, width: 4, signed: true, dst: RAX, amode: { kind: 'reg', base: RDI, scale: 1, disp: 0 } }]],
  ['movsx eax, word ptr [r13]', [{ op: 'load', size: 32, width: 2, signed: true, dst: RAX, amode: { kind: 'reg', base: R13, scale: 1, disp: 0 } }]],
  ['movzx eax, byte ptr [rdi + rcx*8 - 4]', [{ op: 'load', size: 64, width: 1, signed: false, dst: RAX, amode: { kind: 'reg', base: RDI, index: RCX, scale: 8, disp: -4 } }]],
  ['movss xmm2, dword ptr [rsp + 0x14]', [{ op: 'fload', type: 'f32', dst: X2, amode: { kind: 'slot', slot: 0, disp: 4 } }]],
  ['mov byte ptr [rdi], sil', [{ op: 'store', width: 1, src: RSI, amode: { kind: 'reg', base: RDI, scale: 1, disp: 0 } }]],
  ['mov word ptr [rdi], 0xffff', [{ op: 'store', width: 2, src: imm(-1), amode: { kind: 'reg', base: RDI, scale: 1, disp: 0 } }]],
  ['mov qword ptr [rsp + 8], rax', [{ op: 'store', width: 8, src: RAX, amode: { kind: 'outgoing', disp: 8 } }]],
  ['movsd qword ptr [rax + 8], xmm15', [{ op: 'fstore', type: 'f64', src: X15, amode: { kind: 'reg', base: RAX, scale: 1, disp: 8 } }]],
  ['cmp rax, rbx; setb al; movzx eax, al', [{ op: 'setcc', cond: cmp(RAX, RBX, 'b'), dst: RAX }]],
  [
    'ucomisd xmm0, xmm1; sete sil; setnp cl; and sil, cl; movzx esi, sil',
    [{ op: 'setcc', cond: { flags: { kind: 'ucomis', type: 'f64', a: X0, b: X1 }, ccs: ['e', 'np'], all: true }, dst: RSI, tmp: RCX }],
  ],
  ['test edi, edi; cmovne eax, ecx', [{ op: 'cmov', size: 32, cond: { flags: { kind: 'test', size: 32, a: RDI, b: RDI }, ccs: ['ne'], all: false }, dst: RAX, src: RCX }]],
  [
    'ucomiss xmm0, xmm1; cmovne rax, rcx; cmovp rax, rcx',
    [{ op: 'cmov', size: 64, cond: { flags: { kind: 'ucomis', type: 'f32', a: X0, b: X1 }, ccs: ['ne', 'p'], all: false }, dst: RAX, src: RCX }],
  ],
  ['cmp eax, 5; jle 8; movaps xmm0, xmm1', [{ op: 'fsel', cond: cmp(RAX, imm(5), 'g', 32), dst: X0, src: X1 }]],
  ['addss xmm0, xmm9', [{ op: 'fbin', fop: 'add', type: 'f32', dst: X0, src: X9 }]],
  ['divsd xmm15, xmm0', [{ op: 'fbin', fop: 'div', type: 'f64', dst: X15, src: X0 }]],
  [
    'ucomiss xmm0, xmm1; jp 0x12; jne 0xc; orps xmm0, xmm1; jmp 0x16; minss xmm0, xmm1; jmp 0x16; addss xmm0, xmm1',
    [{ op: 'fminmax', max: false, type: 'f32', dst: X0, src: X1 }],
  ],
  [
    'ucomisd xmm2, xmm9; jp 0x17; jne 0x10; andpd xmm2, xmm9; jmp 0x1c; maxsd xmm2, xmm9; jmp 0x1c; addsd xmm2, xmm9',
    [{ op: 'fminmax', max: true, type: 'f64', dst: X2, src: X9 }],
  ],
  ['sqrtsd xmm0, xmm1', [{ op: 'funary', fop: 'sqrt', type: 'f64', dst: X0, src: X1 }]],
  ['roundss xmm0, xmm1, 1', [{ op: 'funary', fop: 'floor', type: 'f32', dst: X0, src: X1 }]],
  ['roundsd xmm0, xmm1, 2', [{ op: 'funary', fop: 'ceil', type: 'f64', dst: X0, src: X1 }]],
  ['roundsd xmm0, xmm0, 3', [{ op: 'funary', fop: 'trunc', type: 'f64', dst: X0, src: X0 }]],
  ['roundss xmm0, xmm1, 0', [{ op: 'funary', fop: 'nearest', type: 'f32', dst: X0, src: X1 }]],
  ['andps xmm0, xmmword ptr [rip + 9]', [{ op: 'fabs', type: 'f32', dst: X0 }]],
  ['xorpd xmm1, xmmword ptr [rip + 8]', [{ op: 'fneg', type: 'f64', dst: X1 }]],
  [
    'movaps xmm2, xmm1; andps xmm2, xmmword ptr [rip + 0x16]; andps xmm0, xmmword ptr [rip + 0x1f]; orps xmm0, xmm2',
    [{ op: 'fcopysign', type: 'f32', dst: X0, src: X1, tmp: X2 }],
  ],
  ['cvtss2sd xmm0, xmm1', [{ op: 'fpromote', dst: X0, src: X1 }]],
  ['cvtsd2ss xmm0, xmm1', [{ op: 'fdemote', dst: X0, src: X1 }]],
  ['xorps xmm0, xmm0; cvtsi2ss xmm0, eax', [{ op: 'int_to_float', signed: true, from: 32, type: 'f32', dst: X0, src: RAX }]],
  ['xorps xmm0, xmm0; cvtsi2sd xmm0, rax', [{ op: 'int_to_float', signed: true, from: 64, type: 'f64', dst: X0, src: RAX }]],
  [
    'xorps xmm0, xmm0; test rax, rax; js 0xf; cvtsi2sd xmm0, rax; jmp 0x26; mov rcx, rax; shr rcx, 1; mov edx, eax; and edx, 1; or rcx, rdx; cvtsi2sd xmm0, rcx; addsd xmm0, xmm0',
    [{ op: 'int_to_float', signed: false, from: 64, type: 'f64', dst: X0, src: RAX, tmps: [RCX, RDX] }],
  ],
  ['cvttss2si eax, xmm1', [{ op: 'float_to_int', kind: 'trap_s', type: 'f32', size: 32, dst: RAX, src: X1 }]],
  ['cvttsd2si rax, xmm1', [{ op: 'float_to_int', kind: 'trap_u', type: 'f64', size: 32, dst: RAX, src: X1 }]],
  [
    'ucomisd xmm1, qword ptr [rip + 0x28]; jae 0x11; cvttsd2si rax, xmm1; jmp 0x21; movaps xmm2, xmm1; subsd xmm2, qword ptr [rip + 0x1c]; cvttsd2si rax, xmm2',
    [{ op: 'float_to_int', kind: 'trap_u', type: 'f64', size: 64, dst: RAX, src: X1, tmp: X2 }],
  ],
  [
    'cvttss2si eax, xmm1; cmp eax, 1; jno 0x20; ucomiss xmm1, xmm1; jp 0x1e; ucomiss xmm1, dword ptr [rip + 0xb]; jb 0x20; mov eax, 0x7fffffff; jmp 0x20; xor eax, eax',
    [{ op: 'float_to_int', kind: 'sat_s', type: 'f32', size: 32, dst: RAX, src: X1 }],
  ],
  [
    'xor eax, eax; ucomisd xmm1, qword ptr [rip + 0x36]; jbe 0x40; ucomisd xmm1, qword ptr [rip + 0x34]; jae 0x39; ucomisd xmm1, qword ptr [rip + 0x32]; jae 0x27; cvttsd2si rax, xmm1; jmp 0x40; movaps xmm2, xmm1; subsd xmm2, qword ptr [rip + 0x16]; cvttsd2si rax, xmm2; jmp 0x40; mov rax, 0xffffffffffffffff',
    [{ op: 'float_to_int', kind: 'sat_u', type: 'f64', size: 64, dst: RAX, src: X1, tmp: X2 }],
  ],
  ['movd xmm0, eax', [{ op: 'bitcast', size: 32, dst: X0, src: RAX }]],
  ['movq rax, xmm9', [{ op: 'bitcast', size: 64, dst: RAX, src: X9 }]],
  ['mov r12, rsp', [{ op: 'stack_pointer', dst: R12 }]],
  ['lea rax, [rip]', [{ op: 'symbol_addr', dst: RAX, sym: 'x' }]],
  ['lea rdx, [rsp + 0x18]', [{ op: 'slot_addr', dst: RDX, slot: 0, disp: 8 }]],
  ['lea rcx, [rax + 8]; cmp rcx, rbx; ja 9', [{ op: 'heap_check', index: RAX, size: RBX, end: RCX, imm: 8 }]],
  ['mov ecx, 0x80000003; add rcx, rax; cmp rcx, rbx; ja 0xd', [{ op: 'heap_check', index: RAX, size: RBX, end: RCX, imm: 0x80000003 }]],
  ['call 5', [{ op: 'call', callee: { sym: 'f' }, args: [{ reg: RDI, fixed: RDI }], results: [], clobbers: [] }]],
  ['call r11', [{ op: 'call', callee: { reg: R11 }, args: [], results: [{ reg: RAX, fixed: RAX }], clobbers: [] }]],
  [
    'mov dword ptr [rbx], ecx; movss dword ptr [rbx + 8], xmm2; add rsp, 0x30; pop rbp; ret',
    [
      {
        op: 'ret',
        results: [{ reg: RAX, fixed: RAX }],
        area: {
          ptr: RBX,
          values: [
            { reg: RCX, type: 'i32', offset: 0 },
            { reg: X2, type: 'f32', offset: 8 },
          ],
        },
      },
    ],
  ],
  ['jmp 2', [{ op: 'jmp', target: 1 }]],
  ['cmp r9, 0x10; jl 6', [{ op: 'jcc', cond: cmp(R9, imm(16), 'l'), taken: 1, notTaken: 101 }]],
  ['cmp r9, 0x10; jge 6', [{ op: 'jcc', cond: cmp(R9, imm(16), 'l'), taken: 101, notTaken: 1 }]],
  ['cmp r9, 0x10; jl 8; jmp 8', [{ op: 'jcc', cond: cmp(R9, imm(16), 'l'), taken: 1, notTaken: 2 }]],
  ['ucomisd xmm0, xmm1; jne 8; jnp 0xa; jmp 0xa', [{ op: 'jcc', cond: { flags: { kind: 'ucomis', type: 'f64', a: X0, b: X1 }, ccs: ['e', 'np'], all: true }, taken: 1, notTaken: 1 }]],
  [
    'cmp edi, 3; jae 0x17; mov eax, edi; lea rcx, [rip + 0x12]; movsxd rax, dword ptr [rcx + rax*4]; add rcx, rax; jmp rcx',
    [{ op: 'jump_table', index: RDI, tmp1: RCX, tmp2: RAX, targets: [1, 2, 3], default: 4 }],
  ],
  ['test rax, rax; je 5', [{ op: 'trap_if', cond: { flags: { kind: 'test', size: 64, a: RAX, b: RAX }, ccs: ['e'], all: false }, code: 7 }]],
  ['jmp 2', [{ op: 'trap', code: 0 }]],
  ['cmp rsp, qword ptr [rdi]; jb 5', [{ op: 'trap_if', cond: { flags: { kind: 'cmp_mem', size: 64, a: 'rsp', b: { kind: 'reg', base: RDI, scale: 1, disp: 0 } }, ccs: ['b'], all: false }, code: 9 }]],
  ['cmp ecx, dword ptr [rax + 0x10]; setne cl; movzx ecx, cl', [{ op: 'setcc', cond: { flags: { kind: 'cmp_mem', size: 32, a: RCX, b: { kind: 'reg', base: RAX, scale: 1, disp: 16 } }, ccs: ['ne'], all: false }, dst: RCX }]],
  ['in al, dx; movzx eax, al', [{ op: 'sys', name: 'in8', args: [{ reg: RDX, fixed: RDX }], results: [{ reg: RAX, fixed: RAX }], clobbers: [] }]],
  ['in ax, dx; movzx eax, ax', [{ op: 'sys', name: 'in16', args: [{ reg: RDX, fixed: RDX }], results: [{ reg: RAX, fixed: RAX }], clobbers: [] }]],
  ['out dx, eax', [{ op: 'sys', name: 'out32', args: [{ reg: RDX, fixed: RDX }, { reg: RAX, fixed: RAX }], results: [], clobbers: [] }]],
  ['rdmsr', [{ op: 'sys', name: 'rdmsr', args: [{ reg: RCX, fixed: RCX }], results: [{ reg: RAX, fixed: RAX }, { reg: RDX, fixed: RDX }], clobbers: [] }]],
  ['wrmsr', [{ op: 'sys', name: 'wrmsr', args: [{ reg: RCX, fixed: RCX }, { reg: RAX, fixed: RAX }, { reg: RDX, fixed: RDX }], results: [], clobbers: [] }]],
  ['hlt', [{ op: 'sys', name: 'hlt', args: [], results: [], clobbers: [] }]],
  ['sti', [{ op: 'sys', name: 'sti', args: [], results: [], clobbers: [] }]],
  ['cli', [{ op: 'sys', name: 'cli', args: [], results: [], clobbers: [] }]],
  ['syscall', [{ op: 'sys', name: 'syscall', args: [{ reg: RAX, fixed: RAX }], results: [{ reg: RAX, fixed: RAX }], clobbers: [RCX, R11] }]],
  ['cpuid', [{ op: 'sys', name: 'cpuid', args: [{ reg: RAX, fixed: RAX }, { reg: RCX, fixed: RCX }], results: [{ reg: RAX, fixed: RAX }, { reg: RBX, fixed: RBX }, { reg: RCX, fixed: RCX }, { reg: RDX, fixed: RDX }], clobbers: [] }]],
  ['mov ecx, 0xa; rdrand rax; jb 0x11; dec ecx; jne 5; xor eax, eax', [{ op: 'sys', name: 'rdrand', args: [], results: [{ reg: RAX, fixed: RAX }], clobbers: [RCX] }]],
  ['mov r9, cr3', [{ op: 'cr_read', cr: 3, dst: R9 }]],
  ['mov cr0, rax', [{ op: 'cr_write', cr: 0, src: RAX }]],
  ['invlpg byte ptr [rdi]', [{ op: 'invlpg', addr: RDI }]],
  ['', [{ op: 'args', params: [{ reg: RDI, fixed: RDI }] }]],
  ['mov rax, qword ptr [rbp + 0x18]', [{ op: 'load', size: 64, width: 8, signed: false, dst: RAX, amode: { kind: 'incoming', disp: 8 } }]],
  ['movss xmm0, dword ptr [rbp + 0x10]', [{ op: 'fload', type: 'f32', dst: X0, amode: { kind: 'incoming', disp: 0 } }]],
];

describe('emission of machine instructions', () => {
  const emitted = rows.map(([, insts]) => emitPhysical(insts));
  const texts = disassembleAll(emitted.map((e) => e.code));
  test.each(rows.map((row, i) => [row[0], i] as const))('%s', (expected, i) => {
    expect(texts[i]!.text).toBe(expected);
    expect(texts[i]!.consumed).toBe(emitted[i]!.code.length);
  });
});
