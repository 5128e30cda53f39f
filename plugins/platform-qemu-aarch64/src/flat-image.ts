/**
 * The raw arm64 `Image` of a built ELF: the bytes of its loadable segments laid out from
 * the first one's address (the header first), without bss, which the boot stub zeroes.
 * This is what loaders of the Linux arm64 boot protocol take (Firecracker,
 * cloud-hypervisor, QEMU `-kernel` with a non-ELF file): they put it at a 2 MiB-aligned
 * RAM base + text_offset and pass the device tree in x0.
 */
const PT_LOAD = 1;

export function flatImage(elf: Uint8Array): Uint8Array {
  if (elf.length < 64 || elf[0] !== 0x7f || elf[1] !== 0x45 || elf[2] !== 0x4c || elf[3] !== 0x46) throw new Error('not an ELF file');
  if (elf[4] !== 2 || elf[5] !== 1) throw new Error('not a little-endian 64-bit ELF file');
  const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const phoff = Number(view.getBigUint64(32, true));
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  if (phentsize < 56 || phoff + phnum * phentsize > elf.length) throw new Error('program headers out of the file');
  const loads: { offset: number; vaddr: bigint; filesz: number }[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (view.getUint32(at, true) !== PT_LOAD) continue;
    const offset = Number(view.getBigUint64(at + 8, true));
    const filesz = Number(view.getBigUint64(at + 32, true));
    if (offset + filesz > elf.length) throw new Error(`segment ${i} lies outside the file`);
    loads.push({ offset, vaddr: view.getBigUint64(at + 16, true), filesz });
  }
  if (loads.length === 0) throw new Error('no loadable segment');
  loads.sort((x, y) => (x.vaddr < y.vaddr ? -1 : 1));
  const base = loads[0]!.vaddr;
  const end = loads.reduce((e, l) => (l.filesz > 0 && l.vaddr + BigInt(l.filesz) > e ? l.vaddr + BigInt(l.filesz) : e), base);
  if (end - base > 1n << 30n) throw new Error('the loadable segments span more than 1 GiB');
  const out = new Uint8Array(Number(end - base));
  for (const l of loads) if (l.filesz > 0) out.set(elf.subarray(l.offset, l.offset + l.filesz), Number(l.vaddr - base));
  return out;
}
