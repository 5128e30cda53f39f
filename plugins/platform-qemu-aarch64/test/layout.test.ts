import { BOOT_SECTION, LOAD_ADDRESS, qemuAarch64Layout, qemuAarch64MemoryMap, TEXT_OFFSET, WINDOW_BASE, WINDOW_SIZE } from '../src/index';
import { arm64Header, flatImage, parseArm64Header, ARM64_MAGIC, L3_TABLE_ROOM } from '../src/index';
import { Assembler } from '@mewz/backend-aarch64';

describe('the memory map and layout', () => {
  it('put the kernel window after the device tree area and the image after the window, at text_offset from RAM', () => {
    const map = qemuAarch64MemoryMap('aarch64');
    expect(map.loadAddress).toBe(LOAD_ADDRESS);
    expect(WINDOW_BASE + WINDOW_SIZE).toBe(LOAD_ADDRESS);
    expect(LOAD_ADDRESS - TEXT_OFFSET).toBe(0x4000_0000n);
    expect(TEXT_OFFSET % 0x1000n).toBe(0n);
    expect(map.regions.find((r) => r.name === 'kernel-window')).toEqual({ name: 'kernel-window', base: WINDOW_BASE, size: WINDOW_SIZE, type: 'ram' });
  });

  it('place the boot stub first and the guard page, stack and exception stack in that order', () => {
    const layout = qemuAarch64Layout('aarch64', { stackSize: 100_000 });
    expect(layout.placeFirst).toEqual([BOOT_SECTION]);
    const sections = layout.regions!.map((r) => r.section);
    expect(sections.slice(-3)).toEqual(['.bss.stack_guard', '.bss.stack', '.bss.exception_stack']);
    expect(layout.regions!.find((r) => r.section === '.bss.stack')!.size).toBe(102_400);
  });

  it('reject other ISAs and bad stack sizes', () => {
    expect(() => qemuAarch64MemoryMap('x86_64')).toThrow('does not support x86_64');
    expect(() => qemuAarch64Layout('x86_64', { stackSize: 4096 })).toThrow('does not support x86_64');
    expect(() => qemuAarch64Layout('aarch64', { stackSize: 0 })).toThrow('not a positive number');
  });
});

describe('the arm64 image header', () => {
  it('is 64 bytes whose first word branches over it, with the magic at +56', () => {
    const a = new Assembler();
    const entry = a.newLabel();
    arm64Header(a, entry);
    a.bind(entry).nop();
    const out = a.finish();
    expect(out.code.length).toBe(68);
    const header = parseArm64Header(out.code);
    if (header instanceof Error) throw header;
    expect(header.code0).toBe(0x1400_0000 | (64 / 4)); // b +64
    expect(header.textOffset).toBe(TEXT_OFFSET);
    expect(new DataView(out.code.buffer).getUint32(56, true)).toBe(ARM64_MAGIC);
    // image_size is linked: __image_end - LOAD_ADDRESS, plus room for the boot stub's level-3 tables.
    expect(out.relocations).toEqual([expect.objectContaining({ offset: 16, symbol: '__image_end', addend: -LOAD_ADDRESS + BigInt(L3_TABLE_ROOM) })]);
  });

  it('is told apart from bytes that are not one', () => {
    expect(parseArm64Header(new Uint8Array(10))).toEqual(new Error('10 bytes: too short for the arm64 image header'));
    expect(parseArm64Header(new Uint8Array(64))).toEqual(new Error('no arm64 image header (magic 0x0 at +56)'));
  });
});

describe('flatImage', () => {
  /** An ELF64 header and `loads` PT_LOAD program headers (offset, vaddr, filesz, memsz), the file padded to `size`. */
  function elf(loads: [number, bigint, number, number][], size: number, fill: (bytes: Uint8Array) => void = () => {}): Uint8Array {
    const bytes = new Uint8Array(size);
    const v = new DataView(bytes.buffer);
    bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
    v.setBigUint64(32, 64n, true);
    v.setUint16(54, 56, true);
    v.setUint16(56, loads.length, true);
    loads.forEach(([offset, vaddr, filesz, memsz], i) => {
      const at = 64 + 56 * i;
      v.setUint32(at, 1, true);
      v.setBigUint64(at + 8, BigInt(offset), true);
      v.setBigUint64(at + 16, vaddr, true);
      v.setBigUint64(at + 32, BigInt(filesz), true);
      v.setBigUint64(at + 40, BigInt(memsz), true);
    });
    fill(bytes);
    return bytes;
  }

  it('lays the segments out from the first one\'s address, gaps zeroed, bss left out', () => {
    const file = elf(
      [
        [0x1000, 0x4060_0000n, 4, 4],
        [0x1010, 0x4060_2000n, 2, 2],
        [0x1020, 0x4060_3000n, 0, 0x5000],
      ],
      0x1030,
      (b) => {
        b.set([1, 2, 3, 4], 0x1000);
        b.set([5, 6], 0x1010);
      },
    );
    const out = flatImage(file);
    expect(out.length).toBe(0x2002);
    expect([...out.subarray(0, 4)]).toEqual([1, 2, 3, 4]);
    expect(out.subarray(4, 0x2000).every((b) => b === 0)).toBe(true);
    expect([...out.subarray(0x2000)]).toEqual([5, 6]);
  });

  it('refuses what is not a usable ELF', () => {
    expect(() => flatImage(new Uint8Array(100))).toThrow('not an ELF file');
    expect(() => flatImage(elf([], 64))).toThrow('no loadable segment');
    expect(() => flatImage(elf([[0x1000, 0x4000_0000n, 0x100, 0x100]], 0x200))).toThrow('segment 0 lies outside the file');
  });
});
