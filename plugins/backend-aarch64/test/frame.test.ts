/**
 * Frames beyond the reach of load/store immediates: spill slots and stack slots at offsets
 * above 32 KiB go through x16, and the prologue and epilogue adjust sp in two steps.
 * (Run as a whole program: thousands of values live across a call.)
 */
import { canRunAarch64, cannotRunReason, runWat } from './native.js';
import { lowerWat } from './wat.js';
import { compileFunction } from '../src/index.js';
import { disassemble } from './table.js';

const N = 4500;
/** main keeps N computed i64 values live across a call, so each needs a spill slot. */
const WAT = `(module
  (func $id (param i64) (result i64) (local.get 0))
  (func (export "main") (result i32) (local $seed i64) ${Array.from({ length: N }, (_, i) => `(local $l${i} i64)`).join(' ')}
    (local.set $seed (call $id (i64.const 3)))
    ${Array.from({ length: N }, (_, i) => `(local.set $l${i} (i64.mul (local.get $seed) (i64.const ${i + 1})))`).join('\n')}
    (drop (call $id (i64.const 0)))
    ${Array.from({ length: N }, (_, i) => `(if (i64.ne (local.get $l${i}) (i64.const ${3 * (i + 1)})) (then (return (i32.const ${1 + (i % 200)}))))`).join('\n')}
    (i32.const 0)))`;

describe('large frames', () => {
  it('reach spill slots beyond 32 KiB through x16', async () => {
    const funcs = await lowerWat(WAT);
    const out = compileFunction(funcs[1]!, 1);
    // The code is too big for one capstone run: pick the words of interest by their
    // encodings (sub sp, sp, #imm, lsl #12; str/ldr xt, [sp, x16]), then disassemble those.
    const view = new DataView(out.code.buffer, out.code.byteOffset, out.codeSize);
    const words = Array.from({ length: out.codeSize / 4 }, (_, i) => view.getUint32(i * 4, true));
    const pick = (mask: number, value: number): Uint8Array => {
      const w = words.find((x) => (x & mask) >>> 0 === value);
      expect(w).toBeDefined();
      return new Uint8Array(new Uint32Array([w!]).buffer);
    };
    expect(disassemble(pick(0xffc003ff, 0xd14003ff)).text).toMatch(/^sub sp, sp, #(0x)?[0-9a-f]+, lsl #12$/);
    expect(disassemble(pick(0xffffffe0, 0xf8306be0)).text).toMatch(/^str x\d+, \[sp, x16\]$/);
    expect(disassemble(pick(0xffffffe0, 0xf8706be0)).text).toMatch(/^ldr x\d+, \[sp, x16\]$/);
  }, 120_000);

  (canRunAarch64 ? it : it.skip)(`keep every value (runs under qemu-aarch64; skipped without: ${cannotRunReason})`, async () => {
    expect(await runWat(WAT)).toEqual({ status: 0, signal: null });
  }, 120_000);
});
