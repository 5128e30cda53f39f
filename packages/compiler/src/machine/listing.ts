/**
 * A function's machine code as text: one line per instruction with its offset, bytes and
 * disassembly, and the relocations that patch it (by symbol name, since the code is not
 * linked yet); the data after the code (constant pool, jump tables) as rows of bytes.
 * Without a disassembler the instructions are rows of bytes too. What differs between
 * ISAs comes in a ListingStyle.
 */
import type { Relocation } from '@mewz/object';
import type { DecodedInst } from './disassembly.js';

/** A function's bytes: instructions up to `codeSize`, then its data. */
export interface MachineCode {
  readonly code: Uint8Array;
  readonly codeSize: number;
  readonly relocations: readonly Relocation[];
}

export interface ListingStyle {
  /** Instructions longer than this many bytes push their text right rather than widen every line. */
  readonly maxBytesColumn: number;
  /** What follows the code, as in `12 of constants and jump tables`. */
  readonly dataName: string;
  /** The heading of the rows of data: `constant pool and jump tables`. */
  readonly dataHeading: string;
  /** Text after an instruction, e.g. where a PC-relative operand points (`at` formats an offset). */
  readonly annotate?: (inst: DecodedInst, at: (offset: number) => string) => string;
}

const ROW = 16;

/**
 * `decoded` is the disassembly of `code.code` up to `codeSize` (undefined when there is
 * no disassembler, and `note` says why).
 */
export function machineCodeListing(
  code: MachineCode,
  decoded: readonly DecodedInst[] | undefined,
  style: ListingStyle,
  note?: string,
): string {
  const { codeSize, relocations } = code;
  const bytes = code.code;
  const width = Math.max(4, bytes.length.toString(16).length);
  const at = (offset: number): string => offset.toString(16).padStart(width, '0');
  const relocsIn = (start: number, end: number): string => {
    const inside = relocations.filter((r) => r.offset >= start && r.offset < end);
    return inside.length === 0 ? '' : `  ; ${inside.map((r) => relocationText(r, r.offset !== start ? at(r.offset) : undefined)).join(', ')}`;
  };
  const rows = (start: number, end: number): string[] => {
    const out: string[] = [];
    for (let o = start; o < end; o += ROW) {
      const stop = Math.min(end, o + ROW);
      out.push(`${at(o)}  ${hexBytes(bytes.subarray(o, stop))}${relocsIn(o, stop)}`);
    }
    return out;
  };

  const data = bytes.length - codeSize;
  const lines = [
    `; ${codeSize} bytes of instructions${data > 0 ? `, ${data} of ${style.dataName}` : ''}, ` +
      `${relocations.length} relocation${relocations.length === 1 ? '' : 's'}`,
  ];
  if (note !== undefined) lines.push(`; ${note}`);
  if (decoded === undefined) {
    lines.push(...rows(0, codeSize));
  } else {
    const column = Math.min(style.maxBytesColumn, Math.max(0, ...decoded.map((i) => i.size))) * 3 - 1;
    let end = 0;
    for (const inst of decoded) {
      if (inst.offset + inst.size > codeSize) break;
      const hex = hexBytes(bytes.subarray(inst.offset, inst.offset + inst.size)).padEnd(column);
      const extra = style.annotate?.(inst, at) ?? '';
      lines.push(`${at(inst.offset)}  ${hex}  ${inst.text}${extra}${relocsIn(inst.offset, inst.offset + inst.size)}`);
      end = inst.offset + inst.size;
    }
    // The disassembler stopped early: show what it could not read rather than hide it.
    if (end < codeSize) lines.push(`; not decoded from ${at(end)}:`, ...rows(end, codeSize));
  }
  if (data > 0) lines.push(`; ${style.dataHeading}:`, ...rows(codeSize, bytes.length));
  return lines.join('\n');
}

/** `pc32 app.f2-4`, with the patched offset when it is not where the line starts. */
function relocationText(r: Relocation, offset: string | undefined): string {
  const addend = r.addend === 0n ? '' : r.addend > 0n ? `+${r.addend}` : String(r.addend);
  return `${r.type} ${r.symbol}${addend}${offset === undefined ? '' : ` at ${offset}`}`;
}

function hexBytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
