/**
 * Conformance with the intrinsics list: every intrinsic the list gives aarch64 compiles
 * inline in a function of its own signature, into the instruction the list names.
 */
import { FunctionBuilder, INTRINSICS, type IntrinsicInfo, inlineIntrinsicsFor, type IrFunction } from '@mewz/compiler';
import { aarch64Backend } from '../src/index.js';
import { disassembleAll } from './table.js';

function callOf(name: string, info: IntrinsicInfo): IrFunction {
  const b = new FunctionBuilder(`test.${name}`, ['i64', ...info.params], [...info.results]);
  const args = b.current.params.slice(1);
  const results = b.insts('intrinsic', info.results, args, { sym: name });
  b.ret(results);
  return b.finish();
}

/** The instruction each intrinsic must become (a pattern over capstone's text). */
const EXPECTED: Record<string, RegExp> = {
  stack_pointer: /mov x\d+, sp/,
  cycle_counter: /mrs x\d+, cntvct_el0/,
  cycle_counter_frequency: /mrs x\d+, cntfrq_el0/,
  fence: /dmb sy/,
  fence_load: /dmb ishld/,
  fence_store: /dmb ishst/,
  page_table_sync: /dsb ishst; isb/,
  spin_hint: /yield/,
  halt: /wfi/,
  interrupts_enable: /msr daifclr, #2/,
  interrupts_disable: /msr daifset, #2/,
  mmio_load8: /ldrb w\d+, \[x\d+\]/,
  mmio_load16: /ldrh w\d+, \[x\d+\]/,
  mmio_load32: /ldr w\d+, \[x\d+\]/,
  mmio_load64: /ldr x\d+, \[x\d+\]/,
  mmio_store8: /strb w\d+, \[x\d+\]/,
  mmio_store16: /strh w\d+, \[x\d+\]/,
  mmio_store32: /str w\d+, \[x\d+\]/,
  mmio_store64: /str x\d+, \[x\d+\]/,
  instruction_barrier: /isb/,
  sysreg_write_sctlr_el1: /msr sctlr_el1, x\d+; isb/,
  sysreg_write_ttbr0_el1: /msr ttbr0_el1, x\d+; isb/,
  sysreg_write_tcr_el1: /msr tcr_el1, x\d+; isb/,
  // capstone names RNDR by its encoding.
  sysreg_read_rndr: /mrs x\d+, s3_3_c2_c4_0/,
};

describe('aarch64 intrinsics', () => {
  const names = inlineIntrinsicsFor('aarch64');
  const outputs = new Map<string, { code: Uint8Array; symbols: string[] }>();
  const texts = new Map<string, string>();
  beforeAll(() => {
    for (const name of names) {
      const out = aarch64Backend.compile!.compileFunction(callOf(name, INTRINSICS[name]), 0);
      outputs.set(name, { code: out.code, symbols: out.relocations.map((r) => r.symbol) });
    }
    const all = disassembleAll([...outputs.values()].map((o) => o.code));
    [...outputs.keys()].forEach((name, i) => texts.set(name, all[i]!.text));
  });

  it('covers the syscalls, the counter, the system registers and the kernel operations', () => {
    expect(names).toEqual(expect.arrayContaining(['stack_pointer', 'syscall0', 'syscall6', 'mmio_store64', 'halt', 'cycle_counter', 'fence', 'sysreg_read_esr_el1', 'sysreg_write_vbar_el1']));
    expect(names).not.toContain('port_out8');
  });

  it.each(names)('%s compiles inline into its instruction', (name) => {
    const out = outputs.get(name)!;
    // Inline: no call to anything but the trap entry.
    expect(out.symbols.filter((s) => s !== '__mewz_trap')).toEqual([]);
    const text = texts.get(name)!;
    const sysreg = /^sysreg_(read|write)_(.+)$/.exec(name);
    const syscall = /^syscall\d$/.test(name);
    const expected = EXPECTED[name] ?? (sysreg ? new RegExp(sysreg[1] === 'read' ? `mrs x\\d+, ${sysreg[2]}` : `msr ${sysreg[2]}, x\\d+`) : syscall ? /mov x8, x\d+;.*svc #0/ : undefined);
    expect(expected).toBeDefined();
    expect(text).toMatch(expected!);
  });
});
