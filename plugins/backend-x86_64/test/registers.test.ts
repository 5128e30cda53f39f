import { ah, bh, cr3, ds, gprName, gprs, lookupRegister, r12, r9, rax, registerClasses, rsp, xmm15, xmms } from '../src/index.js';

describe('register data', () => {
  test('16 GPRs in encoding order with a name per width', () => {
    expect(gprs.map((r) => r.enc)).toEqual([...Array(16).keys()]);
    expect(gprs.map((r) => gprName(r, 64))).toEqual(['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15']);
    expect(gprs.map((r) => gprName(r, 8))).toEqual(['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b']);
    expect([gprName(rsp, 32), gprName(rsp, 16), gprName(r9, 32), gprName(r12, 16)]).toEqual(['esp', 'sp', 'r9d', 'r12w']);
  });

  test('high-byte registers share encodings 4-7 and only have 8-bit names', () => {
    expect([ah.enc, bh.enc, ah.high8, rax.high8]).toEqual([4, 7, true, false]);
    expect(() => gprName(ah, 32)).toThrow('ah has no 32-bit form');
  });

  test('16 XMM registers and the register classes', () => {
    expect(xmms.map((x) => x.name)).toEqual([...Array(16).keys()].map((i) => `xmm${i}`));
    expect(xmm15.enc).toBe(15);
    expect(registerClasses.gpr.regs).toBe(gprs);
    expect(registerClasses.xmm.regs).toBe(xmms);
    expect([registerClasses.gpr.bits, registerClasses.xmm.bits]).toEqual([64, 128]);
  });

  test('values are frozen: no global mutable state', () => {
    expect(Object.isFrozen(rax)).toBe(true);
    expect(Object.isFrozen(rax.names)).toBe(true);
    expect(Object.isFrozen(registerClasses)).toBe(true);
  });

  test('lookup by name', () => {
    expect(lookupRegister('r9d')).toEqual({ reg: r9, size: 32 });
    expect(lookupRegister('spl')).toEqual({ reg: rsp, size: 8 });
    expect(lookupRegister('ah')).toEqual({ reg: ah, size: 8 });
    expect(lookupRegister('xmm15')).toEqual({ reg: xmm15 });
    expect(lookupRegister('cr3')).toEqual({ reg: cr3 });
    expect(lookupRegister('ds')).toEqual({ reg: ds });
    expect(lookupRegister('r16')).toBeUndefined();
  });
});
