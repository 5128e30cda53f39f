import {
  Assembler,
  EncodingError,
  ah,
  bh,
  cs,
  mem,
  r12,
  r8,
  r9,
  rax,
  rbx,
  rdx,
  rsi,
  rsp,
  sym,
  xmm0,
  xmm1,
  type AluOp,
  type Cond,
  type Mem,
  type Scale,
  type Xmm,
} from '../src/index.js';

type Emit = (a: Assembler) => unknown;

// Operand combinations the hardware cannot encode are refused with a message that says why.
const encodingErrors: [string, Emit, RegExp][] = [
  ['rsp as an index', (a) => a.mov(64, rax, mem(rax, 0, rsp)), /mov: rsp cannot be used as an index register/],
  ['ah next to a register that needs REX', (a) => a.mov(8, ah, rsi), /mov: ah cannot be encoded in an instruction that needs a REX prefix/],
  ['ah with an r8-r15 base', (a) => a.mov(8, { base: r9 }, ah), /ah cannot be encoded .* REX/],
  ['bh with REX.W', (a) => a.test(8, bh, r8), /bh cannot be encoded/],
  ['ah into movzx r8d', (a) => a.movzx(32, r8, 8, ah), /movzx: ah cannot be encoded/],
  ['ah as a wide operand', (a) => a.mov(64, ah, rax), /ah can only be used as an 8-bit operand/],
  ['ah as a base', (a) => a.mov(64, rax, { base: ah }), /ah cannot address memory/],
  ['memory to memory ALU', (a) => a.alu('add', 64, { base: rax }, { base: rbx }), /add: memory-to-memory/],
  ['memory to memory mov', (a) => a.mov(32, { base: rax }, { base: rbx }), /mov: memory-to-memory/],
  ['memory to memory xchg', (a) => a.xchg(32, { base: rax }, { base: rbx }), /xchg: memory-to-memory/],
  ['a 64-bit ALU immediate beyond imm32', (a) => a.alu('add', 64, rax, 0x80000000), /sign-extended imm32 of a 64-bit operation/],
  ['an 8-bit immediate beyond 8 bits', (a) => a.alu('add', 8, rax, 256), /add: immediate 256 does not fit 8 bits/],
  ['a 16-bit immediate beyond 16 bits', (a) => a.mov(16, rax, -32769), /does not fit 16 bits/],
  ['a movabs beyond 64 bits', (a) => a.mov(64, rax, 1n << 64n), /does not fit 64 bits/],
  ['a fractional immediate', (a) => a.mov(32, rax, 1.5), /not an integer/],
  ['scale 3', (a) => a.mov(64, rax, { base: rax, index: rbx, scale: 3 as Scale }), /scale 3 is not 1, 2, 4 or 8/],
  ['a scale without index', (a) => a.mov(64, rax, { base: rax, scale: 4 }), /scale 4 given without an index/],
  ['a displacement beyond 32 bits', (a) => a.mov(64, rax, mem(r12, 2 ** 31)), /displacement 2147483648 does not fit 32 signed bits/],
  ['a shift count in rbx', (a) => a.shift('shl', 64, rax, rbx), /shl: a variable count must be in cl, not bl/],
  ['a shift count of 256', (a) => a.shift('shl', 64, rax, 256), /count 256/],
  ['port 256', (a) => a.in(8, 256), /in: port 256 does not fit 8 unsigned bits/],
  ['a port in rax', (a) => a.out(8, rax), /out: port ax must be an imm8 or dx/],
  ['a 16-bit bswap', (a) => a.bswap(16 as 32, rax), /bswap: operand size 16 is not one of 32\/64/],
  ['an 8-bit imul', (a) => a.imul(8 as 16, rax, rbx), /imul: operand size 8/],
  ['lea of a register', (a) => a.lea(64, rax, rbx as unknown as Mem), /lea: source rbx must be a memory operand/],
  ['SSE with a GPR destination', (a) => a.sse('addsd', rax as unknown as Xmm, xmm0), /addsd: destination rax must be an xmm register/],
  ['movd between two xmm registers', (a) => a.movd(xmm0, xmm1), /movd: source xmm1 must be a general-purpose register or memory/],
  ['a store from a GPR with movss', (a) => a.sseMove('movss', { base: rax }, rax as unknown as Xmm), /movss: source of a store rax must be an xmm register/],
  ['rounding mode 16', (a) => a.round('roundsd', xmm0, xmm1, 16), /rounding mode 16/],
  ['an unknown condition', (a) => a.jcc('zz' as Cond, sym('x')), /unknown condition 'zz'/],
  ['an unknown ALU operation', (a) => a.alu('mul' as AluOp, 64, rax, rbx), /mul: not a ALU operation/],
  ['mov to cs', (a) => a.movSegment(cs, rax), /cs cannot be loaded with mov/],
  ['a control register move without one', (a) => a.movControl(rax, rdx), /one operand must be a control register/],
  ['setcc of an immediate', (a) => a.setcc('e', 1 as unknown as Mem), /sete: operand 1 must be a general-purpose register or memory/],
  ['ret popping 65536 bytes', (a) => a.ret(65536), /ret: byte count 65536/],
];

describe('encoding errors', () => {
  test.each(encodingErrors)('%s', (_, emit, message) => {
    const a = new Assembler();
    expect(() => emit(a)).toThrow(message);
  });

  test('are EncodingErrors', () => {
    expect(() => new Assembler().mov(64, rax, mem(rax, 0, rsp))).toThrow(EncodingError);
  });

  test('leave nothing half-emitted in the code', () => {
    const a = new Assembler().ret();
    expect(() => a.movzx(16, r8, 8, ah)).toThrow(/REX/); // the 66 prefix comes before the REX check
    expect(() => a.mov(8, ah, rsi)).toThrow();
    expect(a.finish().code).toEqual(new Uint8Array([0xc3]));
  });
});

describe('label errors', () => {
  test('unbound labels are listed by finish()', () => {
    const a = new Assembler();
    a.jmp(a.newLabel('exit')).call(a.newLabel()).lea(64, rax, { rip: a.newLabel('table') });
    expect(() => a.finish()).toThrow('unbound labels referenced: exit, L1, table');
  });

  test('an unreferenced unbound label is fine', () => {
    const a = new Assembler();
    a.newLabel('unused');
    const out = a.ret().finish();
    expect(out.code).toEqual(new Uint8Array([0xc3]));
    expect(out.labels.size).toBe(0);
  });

  test('binding twice', () => {
    const a = new Assembler();
    const l = a.newLabel('loop');
    a.bind(l);
    expect(() => a.bind(l)).toThrow('label loop is bound twice');
  });

  test('a label of another assembler', () => {
    const other = new Assembler().newLabel('elsewhere');
    expect(() => new Assembler().jmp(other)).toThrow('label elsewhere was not created by this assembler');
    expect(() => new Assembler().lea(64, rax, { rip: other })).toThrow('not created by this assembler');
  });

  test('duplicate names', () => {
    const a = new Assembler();
    a.newLabel('entry');
    expect(() => a.newLabel('entry')).toThrow("label 'entry' is already defined");
  });

  test('the absolute address of an anonymous label', () => {
    const a = new Assembler();
    expect(() => a.address(8, a.newLabel())).toThrow(/label L0 has no name/);
  });
});

describe('data errors', () => {
  test.each([
    ['align 3', (a: Assembler) => a.align(3), /align: 3 is not a power of two/],
    ['u8 of 256', (a: Assembler) => a.u8(256), /u8: 256 does not fit 8 bits/],
    ['u32 of 2^32', (a: Assembler) => a.u32(2 ** 32), /u32: 4294967296 does not fit 32 bits/],
    ['u64 of 2^64', (a: Assembler) => a.u64(1n << 64n), /u64/],
  ] as const)('%s', (_, emit, message) => {
    expect(() => emit(new Assembler())).toThrow(message);
  });
});
