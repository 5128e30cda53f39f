// What `mewz run` needs to know about an image it did not build: the ISA (e_machine) and
// how it is entered, which names the platform when the command line does not.
const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const PT_LOAD = 1;
const PT_NOTE = 4;
const PT_GNU_STACK = 0x6474e551;
/** The PVH entry note: owner "Xen", type XEN_ELFNOTE_PHYS32_ENTRY. */
const XEN_OWNER = 'Xen';
const XEN_ELFNOTE_PHYS32_ENTRY = 18;
/** The arm64 Linux image header's magic, "ARM\x64" at +56 of the image (the first loaded byte). */
const ARM64_MAGIC = [0x41, 0x52, 0x4d, 0x64];
const ARM64_MAGIC_AT = 56;

const MACHINES: Readonly<Record<number, string>> = { 62: 'x86_64', 183: 'aarch64' };

export interface ElfFacts {
  /** The ISA as in target triples, or `e_machine N` for one mewz does not know. */
  readonly isa: string;
  /**
   * `ImageFormat.entry` the image looks made for: `pvh` when it has the PVH entry note,
   * `arm64-image` when its first loaded segment starts with the arm64 image header,
   * `linux-exec` when it has PT_GNU_STACK (a Linux executable), else undefined.
   */
  readonly entry?: string;
}

export function isElf(bytes: Uint8Array): boolean {
  return ELF_MAGIC.every((b, i) => bytes[i] === b);
}

/** Facts of a little-endian ELF64 file; an Error says why the bytes are not one. */
export function elfFacts(bytes: Uint8Array): ElfFacts | Error {
  if (!isElf(bytes)) return new Error('not an ELF file');
  if (bytes.length < 64) return new Error('truncated ELF header');
  if (bytes[4] !== 2 || bytes[5] !== 1) return new Error('not a little-endian 64-bit ELF file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const machine = view.getUint16(18, true);
  const isa = MACHINES[machine] ?? `e_machine ${machine}`;
  const phoff = Number(view.getBigUint64(32, true));
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  if (phnum > 0 && (phentsize < 56 || phoff + phnum * phentsize > bytes.length)) return new Error('program headers out of the file');
  let pvh = false;
  let gnuStack = false;
  let firstLoad: number | undefined;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    const type = view.getUint32(at, true);
    if (type === PT_GNU_STACK) gnuStack = true;
    if (type === PT_LOAD && firstLoad === undefined) firstLoad = Number(view.getBigUint64(at + 8, true));
    if (type === PT_NOTE) {
      const offset = Number(view.getBigUint64(at + 8, true));
      const size = Number(view.getBigUint64(at + 32, true));
      if (offset + size <= bytes.length && hasNote(view, offset, size, XEN_OWNER, XEN_ELFNOTE_PHYS32_ENTRY)) pvh = true;
    }
  }
  const arm64 = firstLoad !== undefined && ARM64_MAGIC.every((b, k) => bytes[firstLoad! + ARM64_MAGIC_AT + k] === b);
  return { isa, entry: pvh ? 'pvh' : arm64 ? 'arm64-image' : gnuStack ? 'linux-exec' : undefined };
}

/** Whether the notes in [offset, offset + size) include one of `owner` and `type`. */
function hasNote(view: DataView, offset: number, size: number, owner: string, type: number): boolean {
  // Not with bit operations: sizes past 2^31 must stay positive.
  const align4 = (n: number): number => Math.ceil(n / 4) * 4;
  let at = offset;
  const end = offset + size;
  while (at + 12 <= end) {
    const namesz = view.getUint32(at, true);
    const descsz = view.getUint32(at + 4, true);
    const noteType = view.getUint32(at + 8, true);
    const name = at + 12;
    const next = name + align4(namesz) + align4(descsz);
    if (next > end) return false;
    // The name is NUL-terminated and namesz counts the NUL.
    if (noteType === type && namesz === owner.length + 1) {
      const text = String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + name, owner.length));
      if (text === owner) return true;
    }
    at = next;
  }
  return false;
}
