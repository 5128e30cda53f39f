import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Assembler } from '@mewz/backend-x86_64';
import { checkPlugin, KERNEL_WINDOW, PLATFORM_SYMBOLS } from '@mewz/core';
import { boot32, bootStub, ERROR_CODE_VECTORS, LONG_MODE_ENTRY, qemuX86_64Platform, trapStub, vectorKind, VECTOR_STUB_SIZE, VECTORS, VECTORS_END, INTERRUPT_PATH } from '../src/index';

interface Decoded {
  offset: number;
  size: number;
  text: string;
}

/** capstone in a child process (see disasm32.cjs). */
function disassemble(mode: 32 | 64, code: Uint8Array): Decoded[] {
  const out = execFileSync(process.execPath, [join(__dirname, 'disasm32.cjs'), String(mode)], { input: JSON.stringify([Buffer.from(code).toString('hex')]) });
  return (JSON.parse(out.toString()) as Decoded[][])[0]!;
}

function assemble(write: (a: Assembler) => void) {
  const a = new Assembler();
  write(a);
  return a.finish();
}

const context = { isa: 'x86_64', backend: {} as never, memoryMap: qemuX86_64Platform.memoryMap('x86_64'), stackSize: 1 << 20 };

describe('the 32-bit entry', () => {
  const out = assemble((a) => boot32(a, a.newLabel(PLATFORM_SYMBOLS.entry)));
  const bounds = out.labels.get('__mewz_boot_bounds')!;
  const code = out.code.subarray(0, bounds);
  const as32 = disassemble(32, code);

  it('decodes in 32-bit mode into the same instructions as in 64-bit mode, with no REX prefixes', () => {
    expect(as32.reduce((n, i) => n + i.size, 0)).toBe(code.length);
    // The last instruction, ljmp ptr16:32, exists only outside 64-bit mode.
    const ljmp = as32.at(-1)!;
    const as64 = disassemble(64, code.subarray(0, ljmp.offset));
    // The same instruction boundaries: no byte is a prefix in one mode and an opcode in the other.
    expect(as32.slice(0, -1).map((i) => [i.offset, i.size])).toEqual(as64.map((i) => [i.offset, i.size]));
    // inc/dec r32 (0x40–0x4f) would be a REX prefix in 64-bit mode.
    expect(as32.filter((i) => /^(inc|dec) e..$/.test(i.text) && i.size === 1)).toEqual([]);
    // Operands are 32-bit in the 64-bit reading too (no REX.W, no r8–r15); addresses in
    // brackets read as 64-bit there, and control register moves are always 64-bit.
    const operands = (t: string) => t.replace(/\[[^\]]*\]/g, '[]');
    expect(as64.filter((i) => /\br(?:[abcd]x|[sd]i|[sb]p|\d+[dwb]?)\b/.test(operands(i.text)) && !/^mov (cr\d, r..|r.., cr\d)$/.test(i.text))).toEqual([]);
  });

  it('records the boot state, enables PAE, long mode with NX and paging with WP, then far-jumps to 64-bit code', () => {
    const texts = as32.map((i) => i.text);
    expect(texts.slice(0, 3)).toEqual(['cli', 'cld', 'rdtsc']);
    const order = ['rep stosd dword ptr es:[edi], eax', 'lgdt [edi + 0x30]', 'mov cr4, eax', 'mov cr3, eax', 'mov ecx, 0xc0000080', 'wrmsr', 'mov cr0, eax'];
    const at = order.map((t) => texts.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(texts).toContain('or eax, 0x6a0'); // CR4: PAE, PGE, OSFXSR, OSXMMEXCPT
    expect(texts).toContain('or eax, 0x900'); // EFER: LME, NXE
    expect(texts).toContain('or eax, 0x80010023'); // CR0: PG, WP, NE, MP, PE
    expect(texts.at(-1)).toBe('ljmp 8:0'); // the target is a relocation
    const ljmp = as32.at(-1)!;
    const reloc = out.relocations.find((r) => r.offset === ljmp.offset + 1)!;
    expect([reloc.type, reloc.symbol]).toEqual(['abs32', LONG_MODE_ENTRY]);
    // Every symbol address the 32-bit code uses is an abs32 relocation.
    expect(new Set(out.relocations.map((r) => r.type))).toEqual(new Set(['abs32']));
  });
});

describe('the stubs', () => {
  it('_start is the 32-bit entry at offset 0, then the 64-bit code calls __mewz_main', () => {
    const out = assemble((a) => bootStub(a, context));
    expect(out.labels.get(PLATFORM_SYMBOLS.entry)).toBe(0);
    expect(out.labels.has(LONG_MODE_ENTRY)).toBe(true);
    expect(out.relocations.map((r) => r.symbol)).toContain(PLATFORM_SYMBOLS.main);
    expect(out.relocations.map((r) => r.symbol)).toContain(VECTORS);
  });

  it('has one 16-byte stub per vector, pushing the vector (and 0 where the CPU pushes no error code)', () => {
    const out = assemble((a) => trapStub(a));
    const start = out.labels.get(VECTORS)!;
    expect(start % 16).toBe(0);
    expect(out.labels.get(VECTORS_END)! - start).toBe(256 * VECTOR_STUB_SIZE);
    const stub = (v: number) => disassemble(64, out.code.subarray(start + 16 * v, start + 16 * v + 16)).map((i) => i.text);
    expect(stub(0).slice(0, 2)).toEqual(['push 0', 'push 0']);
    expect(stub(14)[0]).toBe('push 0xe'); // #PF: the CPU pushed the error code
    expect(stub(200).slice(0, 2)).toEqual(['push 0', 'push 0xc8']);
    expect(stub(0x20)[0]).toMatch(/^jmp /);
    expect(stub(0x47)[0]).toMatch(/^jmp /);
    expect(stub(0xff)[0]).toBe('iretq');
    expect([vectorKind(0x1f), vectorKind(0x20), vectorKind(0x21), vectorKind(0x30), vectorKind(0x47), vectorKind(0x48), vectorKind(0xff)]).toEqual([
      'exception', 'interrupt', 'exception', 'interrupt', 'interrupt', 'exception', 'spurious',
    ]);
    expect([...ERROR_CODE_VECTORS]).toEqual([8, 10, 11, 12, 13, 14, 17, 21, 29, 30]);
  });

  it('the interrupt path writes the xAPIC EOI register and preserves every register', () => {
    const out = assemble((a) => trapStub(a));
    const listing = disassemble(64, out.code.subarray(out.labels.get(INTERRUPT_PATH)!)).map((i) => i.text);
    expect(listing.slice(0, 5)).toEqual(['push rax', 'mov eax, 0xfee000b0', 'mov dword ptr [rax], 0', 'pop rax', 'iretq']);
  });

  it('__mewz_trap reports from the top of the main stack', () => {
    const out = assemble((a) => trapStub(a));
    expect(out.labels.get(PLATFORM_SYMBOLS.trap)).toBe(0);
    expect(out.relocations.slice(0, 2).map((r) => r.symbol)).toEqual(['__stack_top', PLATFORM_SYMBOLS.reportTrap]);
  });
});

describe('the platform value', () => {
  it('is a valid platform with the machine, kernel and kernel-mm components and the exception entry', () => {
    expect(checkPlugin(qemuX86_64Platform, 'platform')).toEqual([]);
    expect(qemuX86_64Platform.name).toBe('qemu-x86_64');
    expect(qemuX86_64Platform.imageFormat).toEqual({ container: 'elf64', entry: 'pvh' });
    expect(qemuX86_64Platform.components).toEqual(['qemu-x86_64-machine', 'kernel', 'kernel-mm']);
    expect(qemuX86_64Platform.machines).toEqual(['microvm', 'q35']);
    expect(qemuX86_64Platform.kernelEntries).toEqual([{ symbol: '__mewz_exception', export: 'mewz_exception', params: ['i32', 'i64', 'i64', 'i64'], results: [] }]);
    expect(() => qemuX86_64Platform.bootStub(new Assembler(), { ...context, isa: 'aarch64' })).toThrow('supports x86_64, not aarch64');
  });

  it('maps low memory, the kernel window below the image at 5 MiB, MMIO and the app region', () => {
    const map = qemuX86_64Platform.memoryMap('x86_64');
    expect(map.loadAddress).toBe(0x500000n);
    expect(map.regions.map((r) => [r.name, r.base, r.base + r.size, r.type])).toEqual([
      ['low-memory', 0n, 0x100000n, 'reserved'],
      [KERNEL_WINDOW, 0x100000n, 0x500000n, 'ram'],
      ['mmio', 0xc0000000n, 0x100000000n, 'mmio'],
      ['app-region', 0x8000000000n, 0x10000000000n, 'reserved'],
    ]);
    expect(() => qemuX86_64Platform.memoryMap('aarch64')).toThrow('does not support aarch64');
  });

  it('lays out page-aligned segments and the bss regions in order, with the PVH note', () => {
    const layout = qemuX86_64Platform.layout!('x86_64', { stackSize: 0x10001 });
    expect(layout.base).toBe(0x500000n);
    expect(layout.segments.map((s) => [s.name, s.kinds, s.permissions])).toEqual([
      ['text', ['text'], 'r-x'],
      ['rodata', ['note', 'rodata'], 'r--'],
      ['data', ['data'], 'rw-'],
      ['bss', ['bss'], 'rw-'],
    ]);
    // The stack rounds up to whole pages; the guard page comes right before it.
    expect(layout.regions!.map((r) => [r.section, r.size, r.alignment])).toEqual([
      ['.bss.boot_info', 80, 16],
      ['.bss.cpu_tables', 256, 64],
      ['.bss.idt', 4096, 4096],
      ['.bss.page_tables', 6 * 4096, 4096],
      ['.bss.stack_guard', 4096, 4096],
      ['.bss.stack', 0x11000, 4096],
      ['.bss.exception_stack', 0x4000, 4096],
    ]);
    expect(layout.notes).toEqual([{ owner: 'Xen', type: 18, desc: { address: '_start', size: 8 } }]);
    expect(() => qemuX86_64Platform.layout!('x86_64', { stackSize: 0 })).toThrow('stack size 0 is not a positive number of bytes');
  });
});
