// ELF notes a layout asks for (e.g. the Xen PVH entry note QEMU and VMMs look for),
// built as `note` sections of a linker-made object so they link like any input: notes
// are always live, land in the `.note` output section, and the ELF writer covers that
// section with a PT_NOTE segment.
import { ObjectBuilder, type ObjectFile, relocation, type RelocationType } from '@mewz/object';
import { LinkError } from './errors.js';
import type { NoteSpec } from './layout-spec.js';

/** Notes use 4-byte alignment: loaders (QEMU among them) pad the name to the segment's alignment, and 4 is what they expect. */
export const NOTE_ALIGNMENT = 4;

const pad4 = (n: number) => (n + 3) & ~3;

/** The bytes of one note: namesz, descsz, type, the NUL-terminated name and the descriptor, each padded to 4 bytes. */
export function noteBytes(owner: string, type: number, desc: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode(`${owner}\0`);
  const bytes = new Uint8Array(12 + pad4(name.length) + pad4(desc.length));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, name.length, true);
  view.setUint32(4, desc.length, true);
  view.setUint32(8, type, true);
  bytes.set(name, 12);
  bytes.set(desc, 12 + pad4(name.length));
  return bytes;
}

/** Problems with the notes of a layout (reported with the other layout problems). */
export function noteProblems(notes: readonly NoteSpec[]): string[] {
  const problems: string[] = [];
  for (const [i, n] of notes.entries()) {
    if (n.owner.length === 0 || n.owner.includes('\0')) problems.push(`note ${i}: the owner name must be non-empty text without NUL`);
    if (!Number.isInteger(n.type) || n.type < 0 || n.type > 0xffff_ffff) problems.push(`note ${i} (${n.owner}): type ${n.type} is not a u32`);
  }
  return problems;
}

/**
 * The object holding the layout's notes. A descriptor that is a symbol's address becomes
 * zero bytes with an absolute relocation of the backend's type of that width.
 */
export function noteObject(notes: readonly NoteSpec[], isa: string, relocationTypes: Record<string, RelocationType>): ObjectFile[] {
  if (notes.length === 0) return [];
  const b = new ObjectBuilder('<linker notes>', isa);
  notes.forEach((n, i) => {
    const section = `.note.${i}.${n.owner}`;
    if (n.desc instanceof Uint8Array) {
      b.addSection(section, 'note', noteBytes(n.owner, n.type, n.desc), { alignment: NOTE_ALIGNMENT });
      return;
    }
    const { address, size } = n.desc;
    const abs = Object.values(relocationTypes).find((t) => t.kind === 'abs' && t.size === size);
    if (abs === undefined) throw new LinkError(`note ${n.owner} ${n.type}: the backend has no ${size * 8}-bit absolute relocation for the address of ${address}`);
    const bytes = noteBytes(n.owner, n.type, new Uint8Array(size));
    b.addSection(section, 'note', bytes, { alignment: NOTE_ALIGNMENT, relocations: [relocation(bytes.length - pad4(size), abs.name, address)] });
  });
  return [b.build()];
}
