/**
 * Register data, the calling convention as data (checked by core's plugin shape check),
 * and the immediate encoders against reference decoders written from the architecture's
 * definitions (DecodeBitMasks, VFPExpandImm).
 */
import { checkPlugin } from '@mewz/core';
import {
  aarch64Backend,
  CALLEE_SAVED,
  CALLER_SAVED,
  callLayout,
  fpImm8,
  fpRegs,
  gprName,
  gprs,
  logicalImm,
  lookupRegister,
  registerInfo,
  sp,
  v31,
  x0,
  x29,
  xzr,
} from '../src/index.js';

/** DecodeBitMasks: the value of a logical immediate, or undefined for a reserved encoding. */
function decodeBitMasks(n: number, immr: number, imms: number, size: 32 | 64): bigint | undefined {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return undefined;
  const len = 31 - Math.clz32(combined);
  if (len < 1 || (size === 32 && n === 1)) return undefined;
  const e = 1 << len;
  const levels = e - 1;
  const s = imms & levels;
  const r = immr & levels;
  if (s === levels) return undefined;
  const eb = BigInt(e);
  const mask = (1n << eb) - 1n;
  const run = (1n << BigInt(s + 1)) - 1n;
  const elem = ((run >> BigInt(r)) | (run << (eb - BigInt(r)))) & mask;
  let v = 0n;
  for (let i = 0; i < size; i += e) v |= elem << BigInt(i);
  return v;
}

describe('register data', () => {
  test('31 GPRs, sp and zr share number 31', () => {
    expect(gprs.map((r) => r.enc)).toEqual([...Array(31).keys()]);
    expect([gprName(x0, 64), gprName(x0, 32), gprName(sp, 64), gprName(sp, 32), gprName(xzr, 32), gprName(x29, 64)]).toEqual(['x0', 'w0', 'sp', 'wsp', 'wzr', 'x29']);
    expect([sp.enc, xzr.enc, sp.role, xzr.role]).toEqual([31, 31, 'sp', 'zr']);
    expect(fpRegs.length).toBe(32);
    expect(Object.isFrozen(x0) && Object.isFrozen(v31)).toBe(true);
  });

  test('lookup by name', () => {
    expect(lookupRegister('w5')).toEqual({ reg: gprs[5], size: 32 });
    expect(lookupRegister('lr')).toEqual({ reg: gprs[30], size: 64 });
    expect(lookupRegister('d31')).toEqual({ reg: v31 });
    expect(lookupRegister('x31')).toBeUndefined();
    expect(lookupRegister('v32')).toBeUndefined();
  });
});

describe('calling convention', () => {
  test('the plugin value has the shape core checks', () => {
    expect(checkPlugin(aarch64Backend, 'backend')).toEqual([]);
    expect(aarch64Backend.callingConvention.arguments.int).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7']);
    expect(aarch64Backend.callingConvention.calleeSaved).toContain('v8');
  });

  test('reserved registers are never allocated, callee-saved ones never clobbered', () => {
    const allocatable = [...registerInfo.allocatable.int, ...registerInfo.allocatable.float];
    for (const reserved of [16, 17, 18, 29, 30, 31, 32 + 31]) expect(allocatable).not.toContain(reserved);
    for (const r of CALLEE_SAVED) expect(CALLER_SAVED).not.toContain(r);
    for (const r of allocatable) expect(CALLEE_SAVED.includes(r) || CALLER_SAVED.includes(r)).toBe(true);
  });

  test('arguments beyond eight per class and results beyond two go to the stack and the return area', () => {
    const layout = callLayout(['i64', ...Array<'f64'>(9).fill('f64'), ...Array<'i32'>(8).fill('i32')], ['i32', 'i64', 'i64', 'f32', 'f32', 'f64']);
    expect(layout.args.filter((a) => a.kind === 'stack').map((a) => (a as { offset: number }).offset)).toEqual([0, 8]);
    expect(layout.results.map((r) => r.kind)).toEqual(['reg', 'reg', 'area', 'reg', 'reg', 'area']);
    expect(layout.returnAreaArg).toEqual({ kind: 'stack', offset: 16 });
    expect(layout.stackArgBytes).toBe(24);
  });
});

describe('logical immediates', () => {
  for (const size of [32, 64] as const) {
    test(`every ${size}-bit bitmask immediate encodes to an encoding that decodes back to it`, () => {
      const values = new Set<bigint>();
      for (let n = 0; n < 2; n++) {
        for (let immr = 0; immr < 64; immr++) {
          for (let imms = 0; imms < 64; imms++) {
            const v = decodeBitMasks(n, immr, imms, size);
            if (v !== undefined) values.add(v);
          }
        }
      }
      // The architecture has 5334 distinct 64-bit and 1302 distinct 32-bit bitmask immediates.
      expect(values.size).toBe(size === 64 ? 5334 : 1302);
      for (const v of values) {
        const enc = logicalImm(v, size);
        expect(enc && decodeBitMasks(enc.n, enc.immr, enc.imms, size)).toBe(v);
      }
    });
  }

  test('values that are no bitmask immediate have no encoding', () => {
    for (const v of [0n, (1n << 64n) - 1n, 0x12345678n, 0x5n, 0x8000_0000_0000_0005n]) expect(logicalImm(v, 64)).toBeUndefined();
    expect(logicalImm(0xffff_ffffn, 32)).toBeUndefined();
    expect(logicalImm(0xffff_ffffn, 64)).toEqual({ n: 1, immr: 0, imms: 31 });
  });
});

describe('FP immediates', () => {
  /** VFPExpandImm for f64. */
  const expand64 = (imm8: number): bigint => {
    const sign = BigInt(imm8 >> 7);
    const b = (imm8 >> 6) & 1;
    const exp = (BigInt(b ^ 1) << 10n) | (b ? 0xffn << 2n : 0n) | BigInt((imm8 >> 4) & 3);
    return (sign << 63n) | (exp << 52n) | (BigInt(imm8 & 15) << 48n);
  };
  const bits64 = (x: number): bigint => new BigUint64Array(new Float64Array([x]).buffer)[0]!;
  const bits32 = (x: number): bigint => BigInt(new Uint32Array(new Float32Array([x]).buffer)[0]!);

  test('all 256 f64 immediates round-trip, and their f32 equals', () => {
    for (let imm8 = 0; imm8 < 256; imm8++) {
      const bits = expand64(imm8);
      expect(fpImm8(bits, 'f64')).toBe(imm8);
      const value = new Float64Array(new BigUint64Array([bits]).buffer)[0]!;
      expect(fpImm8(bits32(value), 'f32')).toBe(imm8);
    }
  });

  test('other values have none', () => {
    for (const x of [0, -0, 0.1, 33, 1 / 256, Infinity, NaN, 1e10]) {
      expect(fpImm8(bits64(x), 'f64')).toBeUndefined();
      expect(fpImm8(bits32(x), 'f32')).toBeUndefined();
    }
  });
});
