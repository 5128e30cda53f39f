// Generic relocation arithmetic (one formula per kind); bit patching is the backend's.
import type { RelocationKind, RelocationType } from '@mewz/object';
import { LinkError } from './errors.js';
import type { Layout } from './layout.js';
import type { Definition, InputSection, SymbolTable } from './resolve.js';

const PAGE_MASK = ~0xfffn;

/** The value a relocation of `kind` patches in, from S (symbol), A (addend) and P (place). */
export function relocationValue(kind: RelocationKind, S: bigint, A: bigint, P: bigint): bigint {
  switch (kind) {
    case 'abs':
      return S + A;
    case 'pcrel':
      return S + A - P;
    // 4 KiB pages whatever the platform's page size: this is the ADRP instruction's unit.
    case 'page-pcrel':
      return ((S + A) & PAGE_MASK) - (P & PAGE_MASK);
    case 'page-offset':
      return (S + A) & 0xfffn;
  }
}

/**
 * Patch every relocation of the `live` sections into their output bytes. Problems
 * (unknown types, fields past the section end, values out of range) are gathered and
 * thrown together, each naming the object, section, offset and symbol.
 */
export function applyRelocations(
  table: SymbolTable,
  layout: Layout,
  live: InputSection[],
  relocationTypes: Record<string, RelocationType>,
  valueOf: (def: Definition) => bigint,
): void {
  const problems: string[] = [];
  const unknown = new Map<string, { uses: number; first: string }>();
  let cause: unknown;

  for (const input of live) {
    const { output, offset: base } = layout.placement.get(input)!;
    for (const r of input.section.relocations) {
      const where = `${input.object.name} (${input.section.name}+0x${r.offset.toString(16)})`;
      // Own properties only: a type named like an Object.prototype member is still unknown.
      const type = Object.hasOwn(relocationTypes, r.type) ? relocationTypes[r.type] : undefined;
      if (!type) {
        const u = unknown.get(r.type);
        if (u) u.uses++;
        else unknown.set(r.type, { uses: 1, first: `${where} against ${r.symbol}` });
        continue;
      }
      const size = input.section.kind === 'bss' ? 0 : input.section.bytes.length;
      if (r.offset + type.size > size) {
        problems.push(`${where}: relocation ${r.type} against ${r.symbol} patches ${type.size} bytes, past the end of the section (${size} bytes)`);
        continue;
      }
      // Resolution already ran over live sections, so the lookup cannot miss here.
      const S = valueOf(table.lookup(input.objectIndex, r.symbol)!);
      const P = output.address + BigInt(base + r.offset);
      const value = relocationValue(type.kind, S, r.addend, P);
      try {
        type.patch(output.bytes, base + r.offset, value);
      } catch (e) {
        cause ??= e;
        // A RelocationRangeError names the type, value and range; we add where and against what.
        const why = e instanceof Error ? e.message : String(e);
        problems.push(`${where}: relocation ${r.type} against ${r.symbol}${formatAddend(r.addend)}: ${why}`);
      }
    }
  }
  const all = [
    ...[...unknown].map(([name, u]) => `unknown relocation type ${name} (${u.uses} use${u.uses === 1 ? '' : 's'}, first in ${u.first})`),
    ...problems,
  ];
  if (all.length > 0) throw new LinkError(`relocation failed (${all.length}):`, all, { cause });
}

function formatAddend(addend: bigint): string {
  if (addend === 0n) return '';
  return addend < 0n ? ` - ${-addend}` : ` + ${addend}`;
}
