import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Assembler } from '@mewz/backend-aarch64';
import { PLATFORM_SYMBOLS } from '@mewz/core';
import { BOOT_ENTRY, bootStub, END_MACHINE, qemuAarch64Platform, trapStub, VECTOR_ENTRY_SIZE, VECTORS } from '../src/index';

/** capstone in a child process (see disasm.cjs): the text of each 4-byte word, by offset. */
function disassemble(code: Uint8Array): Map<number, string> {
  const out = execFileSync(process.execPath, [join(__dirname, 'disasm.cjs')], { input: Buffer.from(code).toString('hex') }).toString();
  return new Map(out.split('\n').map((l) => l.split('\t')).map(([at, text]) => [Number(at), text!]));
}

const context = { isa: 'aarch64', backend: {} as never, memoryMap: qemuAarch64Platform.memoryMap('aarch64'), stackSize: 1 << 20 };

describe('the boot stub', () => {
  const a = new Assembler();
  bootStub(a, context);
  const out = a.finish();
  const words = disassemble(out.code);
  const all = [...words.values()];
  const between = (from: string, to: string) => {
    const start = out.labels.get(from)!;
    const end = out.labels.get(to)!;
    return [...words].filter(([at]) => at >= start && at < end).map(([, t]) => t);
  };

  it('starts with _start, branching over the 64-byte header to the boot code', () => {
    expect(out.labels.get(PLATFORM_SYMBOLS.entry)).toBe(0);
    expect(out.labels.get(BOOT_ENTRY)).toBe(64);
    expect(words.get(0)).toBe('b #0x40');
  });

  it('drops from EL2 with the registers named as capstone names them', () => {
    for (const text of ['msr hcr_el2, x9', 'msr cnthctl_el2, x9', 'msr cntvoff_el2, xzr', 'msr spsr_el2, x9', 'msr elr_el2, x9', 'eret', 'msr cpacr_el1, x9']) {
      expect(all).toContain(text);
    }
  });

  it('turns the MMU on after the tables, with the TLB flushed, and runs the kernel on SP_EL0', () => {
    const boot = between(BOOT_ENTRY, END_MACHINE);
    // The last bl is the call of __mewz_main (a relocation: capstone shows it unresolved).
    const order = ['msr mair_el1, x9', 'msr tcr_el1, x9', 'msr ttbr0_el1, x22', 'tlbi vmalle1', 'msr sctlr_el1, x9', 'msr vbar_el1, x9', 'msr spsel, #0', 'bl '];
    const lastIndex = (t: string) => boot.reduce((found, w, i) => (w.startsWith(t) ? i : found), -1);
    const at = order.map(lastIndex);
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
  });

  it('places the vector table 2 KiB aligned (the section is placed at the page-aligned image start), 16 entries of 0x80 bytes', () => {
    const table = out.labels.get(VECTORS)!;
    expect(table % 2048).toBe(0);
    for (let v = 0; v < 16; v++) {
      expect(words.get(table + v * VECTOR_ENTRY_SIZE)).toBe('sub sp, sp, #0x20');
      const mov = /^mov x11, #(\S+)$/.exec(words.get(table + v * VECTOR_ENTRY_SIZE + 12)!);
      expect(Number(mov?.[1])).toBe(v);
    }
  });

  it('makes semihosting calls with hlt #0xf000 and PSCI calls with hvc #0', () => {
    const end = between(END_MACHINE, VECTORS);
    expect(end.filter((t) => t === 'hlt #0xf000').length).toBe(5); // get_cmdline, open, write, close, exit
    expect(end).toContain('hvc #0');
  });
});

describe('the trap stub', () => {
  it('calls __mewz_report_trap from the top of the main stack', () => {
    const a = new Assembler();
    trapStub(a);
    const out = a.finish();
    expect(out.labels.get(PLATFORM_SYMBOLS.trap)).toBe(0);
    expect(out.relocations.map((r) => r.symbol)).toEqual(expect.arrayContaining(['__stack_top', PLATFORM_SYMBOLS.reportTrap, END_MACHINE]));
  });
});
