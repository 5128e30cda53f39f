/**
 * Encoder table for system instructions: exceptions, hints, barriers, msr daifset/daifclr, mrs/msr of the registers the kernel intrinsics use. Bytes were checked against llvm-mc when the rows were written;
 * each row checks them and capstone's reading of them.
 */
import { Assembler, EncodingError, x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14 } from '../src/index.js';
import { assemble, checkRows, hex, type Row } from './table.js';

const rows: Row[] = [
  ['svc #0', '01 00 00 d4', (a) => a.svc()],
  ['svc #0x80', '01 10 00 d4', (a) => a.svc(0x80)],
  ['hvc #0', '02 00 00 d4', (a) => a.hvc()],
  ['brk #1', '20 00 20 d4', (a) => a.brk(1)],
  ['nop', '1f 20 03 d5', (a) => a.nop()],
  ['yield', '3f 20 03 d5', (a) => a.yield()],
  ['wfi', '7f 20 03 d5', (a) => a.wfi()],
  ['wfe', '5f 20 03 d5', (a) => a.wfe()],
  ['sev', '9f 20 03 d5', (a) => a.sev()],
  ['eret', 'e0 03 9f d6', (a) => a.eret()],
  ['isb', 'df 3f 03 d5', (a) => a.isb()],
  ['dmb sy', 'bf 3f 03 d5', (a) => a.dmb()],
  ['dmb ish', 'bf 3b 03 d5', (a) => a.dmb('ish')],
  ['dmb ishld', 'bf 39 03 d5', (a) => a.dmb('ishld')],
  ['dmb ishst', 'bf 3a 03 d5', (a) => a.dmb('ishst')],
  ['dsb sy', '9f 3f 03 d5', (a) => a.dsb('sy')],
  ['dsb ish', '9f 3b 03 d5', (a) => a.dsb('ish')],
  ['msr daifset, #2', 'df 42 03 d5', (a) => a.msrDaif(true, 2)],
  ['msr daifclr, #2', 'ff 42 03 d5', (a) => a.msrDaif(false, 2)],
  ['msr daifset, #0xf', 'df 4f 03 d5', (a) => a.msrDaif(true, 15)],
  ['mrs x0, cntfrq_el0', '00 e0 3b d5', (a) => a.mrs(x0, 'cntfrq_el0')],
  ['mrs x0, cntvct_el0', '40 e0 3b d5', (a) => a.mrs(x0, 'cntvct_el0')],
  ['mrs x1, cntpct_el0', '21 e0 3b d5', (a) => a.mrs(x1, 'cntpct_el0')],
  ['msr cntv_cval_el0, x2', '42 e3 1b d5', (a) => a.msr('cntv_cval_el0', x2)],
  ['msr cntv_ctl_el0, x3', '23 e3 1b d5', (a) => a.msr('cntv_ctl_el0', x3)],
  ['mrs x4, esr_el1', '04 52 38 d5', (a) => a.mrs(x4, 'esr_el1')],
  ['mrs x5, far_el1', '05 60 38 d5', (a) => a.mrs(x5, 'far_el1')],
  ['mrs x6, elr_el1', '26 40 38 d5', (a) => a.mrs(x6, 'elr_el1')],
  ['mrs x7, currentel', '47 42 38 d5', (a) => a.mrs(x7, 'currentel')],
  ['mrs x8, mpidr_el1', 'a8 00 38 d5', (a) => a.mrs(x8, 'mpidr_el1')],
  ['msr vbar_el1, x9', '09 c0 18 d5', (a) => a.msr('vbar_el1', x9)],
  ['mrs x10, sctlr_el1', '0a 10 38 d5', (a) => a.mrs(x10, 'sctlr_el1')],
  ['msr sctlr_el1, x11', '0b 10 18 d5', (a) => a.msr('sctlr_el1', x11)],
  ['msr ttbr0_el1, x12', '0c 20 18 d5', (a) => a.msr('ttbr0_el1', x12)],
  ['msr tcr_el1, x13', '4d 20 18 d5', (a) => a.msr('tcr_el1', x13)],
  ['msr mair_el1, x14', '0e a2 18 d5', (a) => a.msr('mair_el1', x14)],
  ['mrs x0, spsr_el1', '00 40 38 d5', (a) => a.mrs(x0, 'spsr_el1')],
  ['msr sp_el0, x0', '00 41 18 d5', (a) => a.msr('sp_el0', x0)],
  ['mrs x0, daif', '20 42 3b d5', (a) => a.mrs(x0, 'daif')],
  ['msr cpacr_el1, x0', '40 10 18 d5', (a) => a.msr('cpacr_el1', x0)],
  ['msr ttbr1_el1, x0', '20 20 18 d5', (a) => a.msr('ttbr1_el1', x0)],
  ['mrs x0, tpidr_el1', '80 d0 38 d5', (a) => a.mrs(x0, 'tpidr_el1')],
  ['mrs x0, id_aa64isar0_el1', '00 06 38 d5', (a) => a.mrs(x0, 'id_aa64isar0_el1')],
  // capstone-wasm 1.0.3 has no name for RNDR and prints its encoding, S3_3_C2_C4_0.
  ['mrs x1, s3_3_c2_c4_0', '01 24 3b d5', (a) => a.mrs(x1, 'rndr')],
];

describe('system encodings', () => checkRows(rows));

// capstone-wasm 1.0.3 does not decode udf at all, so these rows check the bytes only
// (llvm-mc assembles `udf #0` and `udf #0xdead` to them).
describe('udf', () => {
  it.each([
    [0, '00 00 00 00'],
    [0xdead, 'ad de 00 00'],
  ])('udf #%i', (imm, bytes) => {
    expect(hex(assemble((a) => a.udf(imm)))).toBe(bytes);
  });
  it('rejects an immediate wider than 16 bits', () => {
    expect(() => new Assembler().udf(0x10000)).toThrow(EncodingError);
  });
});

describe('system register names', () => {
  it('rejects an unknown system register and a bad barrier option', () => {
    expect(() => new Assembler().mrs(x0, 'no_such_el1')).toThrow(/unknown system register 'no_such_el1'/);
    expect(() => new Assembler().dmb('bogus' as never)).toThrow(/unknown barrier option/);
  });
});
