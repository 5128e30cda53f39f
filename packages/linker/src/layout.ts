// Address assignment: live input sections → output sections (one per kind) → segments.
import { SECTION_KINDS, sectionSize, type SectionKind } from '@mewz/object';
import { LinkError } from './errors.js';
import type { ImageSegment, OutputSection } from './image.js';
import type { LayoutSpec, SymbolAnchor } from './layout-spec.js';
import { noteProblems } from './notes.js';
import type { InputSection } from './resolve.js';

export interface Layout {
  segments: ImageSegment[];
  sections: OutputSection[];
  /** Each live input section's output section and byte offset inside it. */
  placement: Map<InputSection, { output: OutputSection; offset: number }>;
  /** Address of a linker-defined symbol's anchor. */
  anchor(at: SymbolAnchor): bigint;
}

export const alignUp = (value: bigint, alignment: number | bigint): bigint => {
  const a = BigInt(alignment);
  return ((value + a - 1n) / a) * a;
};

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** Every problem with a layout, so a platform author sees them all at once. */
export function layoutProblems(spec: LayoutSpec): string[] {
  const problems: string[] = [];
  if (!isPowerOfTwo(spec.pageSize)) problems.push(`page size ${spec.pageSize} is not a power of two`);
  else if (spec.base % BigInt(spec.pageSize) !== 0n) problems.push(`base 0x${spec.base.toString(16)} is not aligned to the page size ${spec.pageSize}`);
  if (spec.base < 0n) problems.push('base is negative');
  const seen = new Map<SectionKind, string>();
  const names = new Set<string>();
  for (const seg of spec.segments) {
    if (names.has(seg.name)) problems.push(`segment ${seg.name} is listed twice`);
    names.add(seg.name);
    seg.kinds.forEach((kind, i) => {
      if (!SECTION_KINDS.includes(kind)) problems.push(`segment ${seg.name}: unknown section kind '${kind}'`);
      const other = seen.get(kind);
      if (other !== undefined) problems.push(`section kind ${kind} is in segments ${other} and ${seg.name}`);
      seen.set(kind, seg.name);
      if (kind === 'bss' && i !== seg.kinds.length - 1) problems.push(`segment ${seg.name}: bss must be its last kind (it has no file bytes)`);
    });
  }
  for (const sym of spec.symbols ?? []) {
    if ('segment' in sym.at && !names.has(sym.at.segment)) problems.push(`symbol ${sym.name} refers to unknown segment ${sym.at.segment}`);
    if ('section' in sym.at && !seen.has(sym.at.section)) problems.push(`symbol ${sym.name} refers to section kind ${sym.at.section}, which no segment holds`);
  }
  for (const r of spec.regions ?? []) {
    if (!isPowerOfTwo(r.alignment)) problems.push(`region ${r.section} has alignment ${r.alignment}, not a power of two`);
    if (!seen.has('bss')) problems.push(`region ${r.section} needs a segment holding bss`);
  }
  const notes = spec.notes ?? [];
  problems.push(...noteProblems(notes));
  if (notes.length > 0 && !seen.has('note')) problems.push('the layout has notes but no segment holding kind note');
  return problems;
}

/** Order inputs of one kind: `placeFirst` names in their order, then input order. */
function ordered(inputs: InputSection[], placeFirst: string[]): InputSection[] {
  if (placeFirst.length === 0) return inputs;
  const rank = new Map(placeFirst.map((name, i) => [name, i]));
  const first = inputs.filter((i) => rank.has(i.section.name)).sort((a, b) => rank.get(a.section.name)! - rank.get(b.section.name)!);
  return [...first, ...inputs.filter((i) => !rank.has(i.section.name))];
}

/**
 * Place `live` (in input order) per `spec`; the first `headerSpace` bytes of the first
 * segment are left for the file headers. Output bytes are fresh copies, so relocating
 * them never touches the input objects.
 */
export function layOut(live: InputSection[], spec: LayoutSpec, headerSpace: number): Layout {
  const byKind = new Map<SectionKind, InputSection[]>();
  for (const input of live) {
    const list = byKind.get(input.section.kind);
    if (list) list.push(input);
    else byKind.set(input.section.kind, [input]);
  }
  const homeless = [...byKind].filter(([kind]) => !spec.segments.some((s) => s.kinds.includes(kind)));
  if (homeless.length > 0) {
    throw new LinkError(
      'the layout has no segment for some sections:',
      homeless.flatMap(([kind, inputs]) => inputs.map((i) => `${i.object.name} (${i.section.name}): kind ${kind}`)),
    );
  }

  const page = spec.pageSize;
  const segments: ImageSegment[] = [];
  const sections: OutputSection[] = [];
  const placement = new Map<InputSection, { output: OutputSection; offset: number }>();
  const segmentEdges = new Map<string, { start: bigint; end: bigint }>();
  const sectionEdges = new Map<SectionKind, { start: bigint; end: bigint }>();
  let cursor = spec.base;

  spec.segments.forEach((seg, index) => {
    const reserve = index === 0 ? headerSpace : 0;
    const present = reserve > 0 || seg.kinds.some((k) => byKind.has(k));
    // Empty segments take no space; their edge symbols collapse to the current position.
    const start = present ? alignUp(cursor, page) : cursor;
    let at = start + BigInt(reserve);
    let fileEnd = at;
    const outputs: OutputSection[] = [];
    for (const kind of seg.kinds) {
      const inputs = ordered(byKind.get(kind) ?? [], spec.placeFirst ?? []);
      const alignment = inputs.reduce((a, i) => Math.max(a, i.section.alignment), 1);
      const address = alignUp(at, alignment);
      // Offsets first, then one buffer of the final size.
      const offsets: number[] = [];
      let size = 0;
      for (const input of inputs) {
        size = Number(alignUp(BigInt(size), input.section.alignment));
        offsets.push(size);
        size += sectionSize(input.section);
      }
      const output: OutputSection = {
        name: `.${kind}`,
        kind,
        address,
        size,
        alignment,
        bytes: new Uint8Array(kind === 'bss' ? 0 : size),
        inputs: [],
        segment: seg.name,
      };
      inputs.forEach((input, i) => {
        const s = input.section;
        if (s.kind !== 'bss') output.bytes.set(s.bytes, offsets[i]!);
        placement.set(input, { output, offset: offsets[i]! });
        output.inputs.push({ object: input.object.name, section: s.name, address: address + BigInt(offsets[i]!), size: sectionSize(s) });
      });
      sections.push(output);
      if (inputs.length > 0) outputs.push(output);
      sectionEdges.set(kind, { start: address, end: address + BigInt(size) });
      at = address + BigInt(size);
      if (kind !== 'bss') fileEnd = at;
    }
    segmentEdges.set(seg.name, { start, end: at });
    if (present) {
      segments.push({
        name: seg.name,
        permissions: seg.permissions,
        address: start,
        fileSize: Number(fileEnd - start),
        memSize: Number(at - start),
        sections: outputs,
        containsHeaders: reserve > 0,
      });
    }
    cursor = at;
  });
  const imageEnd = alignUp(cursor, page);

  const anchor = (at: SymbolAnchor): bigint => {
    if ('absolute' in at) return at.absolute;
    if ('image' in at) return at.image === 'start' ? spec.base : imageEnd;
    const edges = 'segment' in at ? segmentEdges.get(at.segment) : sectionEdges.get(at.section);
    if (!edges) throw new LinkError(`no layout anchor ${JSON.stringify(at, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    return at.edge === 'start' ? edges.start : edges.end;
  };
  return { segments, sections, placement, anchor };
}
