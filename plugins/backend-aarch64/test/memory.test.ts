/**
 * Encoder table for loads and stores: every addressing mode (scaled and unscaled offsets, writeback, register index with extends), FP registers, pairs. Bytes were checked against llvm-mc when the rows were written;
 * each row checks them and capstone's reading of them.
 */
import { mem, memIndex, sp, v0, v1, v2, v3, v8, v9, v31, x0, x1, x2, x19, x20, x29, x30, xzr } from '../src/index.js';
import { checkRows, type Row } from './table.js';

const rows: Row[] = [
  ['ldr x0, [x1]', '20 00 40 f9', (a) => a.ldr(64, x0, mem(x1))],
  ['ldr w0, [x1, #4]', '20 04 40 b9', (a) => a.ldr(32, x0, mem(x1, 4))],
  ['ldr x0, [x1, #0x7ff8]', '20 fc 7f f9', (a) => a.ldr(64, x0, mem(x1, 32760))],
  ['ldur x0, [x1, #-8]', '20 80 5f f8', (a) => a.ldr(64, x0, mem(x1, -8))],
  ['ldur x0, [x1, #3]', '20 30 40 f8', (a) => a.ldr(64, x0, mem(x1, 3))],
  ['ldrb w0, [x1, #0xfff]', '20 fc 7f 39', (a) => a.load(32, 1, false, x0, mem(x1, 4095))],
  ['ldrh w0, [x1, #2]', '20 04 40 79', (a) => a.load(32, 2, false, x0, mem(x1, 2))],
  ['ldrsb w0, [x1]', '20 00 c0 39', (a) => a.load(32, 1, true, x0, mem(x1))],
  ['ldrsb x0, [x1]', '20 00 80 39', (a) => a.load(64, 1, true, x0, mem(x1))],
  ['ldrsh x0, [x1, #6]', '20 0c 80 79', (a) => a.load(64, 2, true, x0, mem(x1, 6))],
  ['ldrsh w0, [x1]', '20 00 c0 79', (a) => a.load(32, 2, true, x0, mem(x1))],
  ['ldrsw x0, [x1, #8]', '20 08 80 b9', (a) => a.load(64, 4, true, x0, mem(x1, 8))],
  ['ldr x0, [sp, #0x10]', 'e0 0b 40 f9', (a) => a.ldr(64, x0, mem(sp, 16))],
  ['ldr x0, [x1, x2]', '20 68 62 f8', (a) => a.ldr(64, x0, memIndex(x1, x2))],
  ['ldr x0, [x1, x2, lsl #3]', '20 78 62 f8', (a) => a.ldr(64, x0, memIndex(x1, x2, 'lsl', true))],
  ['ldr w0, [x1, w2, uxtw]', '20 48 62 b8', (a) => a.ldr(32, x0, memIndex(x1, x2, 'uxtw'))],
  ['ldr w0, [x1, w2, uxtw #2]', '20 58 62 b8', (a) => a.ldr(32, x0, memIndex(x1, x2, 'uxtw', true))],
  ['ldrb w0, [x1, w2, uxtw]', '20 48 62 38', (a) => a.load(32, 1, false, x0, memIndex(x1, x2, 'uxtw'))],
  ['ldrsw x0, [x1, w2, sxtw #2]', '20 d8 a2 b8', (a) => a.load(64, 4, true, x0, memIndex(x1, x2, 'sxtw', true))],
  ['ldr x0, [x1, #8]!', '20 8c 40 f8', (a) => a.ldr(64, x0, mem(x1, 8, 'pre'))],
  ['ldr x0, [x1], #8', '20 84 40 f8', (a) => a.ldr(64, x0, mem(x1, 8, 'post'))],
  ['str x0, [x1]', '20 00 00 f9', (a) => a.str(64, x0, mem(x1))],
  ['str w0, [x1, #0xc]', '20 0c 00 b9', (a) => a.str(32, x0, mem(x1, 12))],
  ['strb w0, [x1, #1]', '20 04 00 39', (a) => a.store(1, x0, mem(x1, 1))],
  ['strh w0, [x1, #2]', '20 04 00 79', (a) => a.store(2, x0, mem(x1, 2))],
  ['stur w0, [x1, #-4]', '20 c0 1f b8', (a) => a.store(4, x0, mem(x1, -4))],
  ['str xzr, [x1]', '3f 00 00 f9', (a) => a.str(64, xzr, mem(x1))],
  ['str x0, [sp, #-0x10]!', 'e0 0f 1f f8', (a) => a.str(64, x0, mem(sp, -16, 'pre'))],
  ['str x0, [x1, x2, lsl #3]', '20 78 22 f8', (a) => a.str(64, x0, memIndex(x1, x2, 'lsl', true))],
  ['strb w0, [x1, x2]', '20 68 22 38', (a) => a.store(1, x0, memIndex(x1, x2))],
  ['ldr s0, [x1, #4]', '20 04 40 bd', (a) => a.fldr(32, v0, mem(x1, 4))],
  ['ldr d0, [x1, #8]', '20 04 40 fd', (a) => a.fldr(64, v0, mem(x1, 8))],
  ['ldr q0, [x1, #0x10]', '20 04 c0 3d', (a) => a.fldr(128, v0, mem(x1, 16))],
  ['ldur d1, [x29, #-8]', 'a1 83 5f fc', (a) => a.fldr(64, v1, mem(x29, -8))],
  ['str s0, [x1]', '20 00 00 bd', (a) => a.fstr(32, v0, mem(x1))],
  ['str d31, [sp, #0x18]', 'ff 0f 00 fd', (a) => a.fstr(64, v31, mem(sp, 24))],
  ['str q2, [sp, #0x20]', 'e2 0b 80 3d', (a) => a.fstr(128, v2, mem(sp, 32))],
  ['ldr d0, [x1, x2]', '20 68 62 fc', (a) => a.fldr(64, v0, memIndex(x1, x2))],
  ['str s3, [x1, w2, uxtw]', '23 48 22 bc', (a) => a.fstr(32, v3, memIndex(x1, x2, 'uxtw'))],
  ['stp x29, x30, [sp, #-0x10]!', 'fd 7b bf a9', (a) => a.stp(64, x29, x30, mem(sp, -16, 'pre'))],
  ['ldp x29, x30, [sp], #0x10', 'fd 7b c1 a8', (a) => a.ldp(64, x29, x30, mem(sp, 16, 'post'))],
  ['stp x19, x20, [sp, #0x10]', 'f3 53 01 a9', (a) => a.stp(64, x19, x20, mem(sp, 16))],
  ['ldp w0, w1, [x2, #-8]', '40 04 7f 29', (a) => a.ldp(32, x0, x1, mem(x2, -8))],
  ['stp d8, d9, [sp, #-0x10]!', 'e8 27 bf 6d', (a) => a.fstp(64, v8, v9, mem(sp, -16, 'pre'))],
  ['ldp d8, d9, [sp], #0x10', 'e8 27 c1 6c', (a) => a.fldp(64, v8, v9, mem(sp, 16, 'post'))],
  ['ldp q0, q1, [x0, #0x20]', '00 04 41 ad', (a) => a.fldp(128, v0, v1, mem(x0, 32))],
];

describe('memory encodings', () => checkRows(rows));
