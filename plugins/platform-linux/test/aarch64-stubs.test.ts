import { Assembler } from '@mewz/backend-aarch64';
import { PLATFORM_SYMBOLS } from '@mewz/core';
import { CATCH_FRAME_SYMBOL, CATCH_SYMBOL, linuxPlatform, stackMargin, STACK_BOTTOM, STACK_TOP, stubsFor } from '../src/index';

const context = { isa: 'aarch64', backend: {} as never, memoryMap: linuxPlatform.memoryMap('aarch64'), stackSize: 1 << 20 };
const stubs = stubsFor('aarch64');

function assemble(write: (a: Assembler) => void) {
  const a = new Assembler();
  write(a);
  return a.finish();
}
/** The instruction words of the code, little-endian. */
const words = (code: Uint8Array): number[] => Array.from({ length: code.length >> 2 }, (_, i) => new DataView(code.buffer, code.byteOffset).getUint32(i * 4, true));
const SVC0 = 0xd4000001;

describe('aarch64 Linux stubs', () => {
  it('_start maps the window with mmap (x8 = 222), switches stacks and calls __mewz_main', () => {
    const out = assemble((a) => linuxPlatform.bootStub(a, context));
    expect(out.labels.get(PLATFORM_SYMBOLS.entry)).toBe(0);
    // adrp + add pairs for the stack top and the limit, then bl __mewz_main
    expect(out.relocations.map((r) => [r.symbol, Number(r.addend)])).toEqual([
      [STACK_TOP, 0],
      [STACK_TOP, 0],
      [STACK_BOTTOM, stackMargin(1 << 20)],
      [STACK_BOTTOM, stackMargin(1 << 20)],
      [PLATFORM_SYMBOLS.main, 0],
    ]);
    expect(words(out.code).filter((w) => w === SVC0)).toHaveLength(4); // mmap, exit_group; on failure write, exit_group
    expect(words(out.code)).toContain(0xd2801bc8); // movz x8, #222 (mmap)
    expect(new TextDecoder().decode(out.code)).toContain("mewz: cannot map the kernel's memory at 0x10000");
    expect(out.code.length % 4).toBe(0);
  });

  it('the trap entry moves to the top of the stack and reports', () => {
    const out = assemble((a) => linuxPlatform.trapStub(a, context));
    expect([...out.labels.keys()]).toEqual([PLATFORM_SYMBOLS.trap]);
    expect(out.relocations.map((r) => r.symbol)).toEqual([STACK_TOP, STACK_TOP, PLATFORM_SYMBOLS.reportTrap]);
  });

  it('memmove and memset come from the backend', () => {
    const out = assemble((a) => linuxPlatform.builtinStubs!(a, context));
    expect([...out.labels.keys()].sort()).toEqual([PLATFORM_SYMBOLS.memmove, PLATFORM_SYMBOLS.memset].sort());
    expect(out.relocations).toEqual([]);
  });

  it('the catching embedding defines the catch entry and a catching trap entry', () => {
    const out = assemble((a) => stubs.catching(a));
    expect([...out.labels.keys()].sort()).toEqual([CATCH_SYMBOL, PLATFORM_SYMBOLS.trap].sort());
    expect(out.labels.get(CATCH_SYMBOL)).toBe(0);
    expect(out.labels.get(PLATFORM_SYMBOLS.trap)! % 16).toBe(0);
    // catch: read the outer frame, install this one, restore the outer; trap: read the frame, else report
    const symbols = out.relocations.map((r) => r.symbol);
    expect(symbols.filter((s) => s === CATCH_FRAME_SYMBOL).length).toBeGreaterThanOrEqual(4);
    expect(symbols.slice(-3)).toEqual([STACK_TOP, STACK_TOP, PLATFORM_SYMBOLS.reportTrap]);
    expect(words(out.code)).toContain(0xa9bf7bfd); // stp x29, x30, [sp, #-16]!
  });

  it('refuses another ISA', () => {
    expect(() => stubsFor('riscv64')).toThrow('the linux platform supports x86_64, aarch64, not riscv64');
  });
});
