/**
 * A function's machine code as text: one line per instruction with its offset, bytes and
 * disassembly, and the relocations that patch it (by symbol name, since the code is not
 * linked yet); the jump tables after the code as rows of bytes. Without
 * a disassembler the instructions are rows of bytes too.
 */
import type { Relocation } from '@mewz/object';
import type { DecodedInst } from './disassemble.js';
import type { FunctionOutput } from './function-assembler.js';

type Code = Pick<FunctionOutput, 'code' | 'relocations' | 'codeSize'>;

const ROW = 16;
/** Instructions longer than this push their text right rather than widen every line. */
const MAX_BYTES_COLUMN = 4;

/**
 * `decoded` is the disassembly of `code.code` up to `codeSize` (undefined when there is
 * no disassembler, and `note` says why).
 */
export function machineCodeListing(code: Code, decoded: readonly DecodedInst[] | undefined, note?: string): string {
  const { codeSize, relocations } = code;
  const bytes = code.code;
  const width = Math.max(4, bytes.length.toString(16).length);
  const at = (offset: number): string => offset.toString(16).padStart(width, '0');
  const relocsIn = (start: number, end: number): string => {
    const inside = relocations.filter((r) => r.offset >= start && r.offset < end);
    return inside.length === 0 ? '' : `  ; ${inside.map((r) => relocationText(r, r.offset !== start ? at(r.offset) : undefined)).join(', ')}`;
  };
  const rows = (start: number, end: number, suffix = ''): string[] => {
    const out: string[] = [];
    for (let o = start; o < end; o += ROW) {
      const stop = Math.min(end, o + ROW);
      out.push(`${at(o)}  ${hexBytes(bytes.subarray(o, stop))}${suffix}${relocsIn(o, stop)}`);
    }
    return out;
  };

  const data = bytes.length - codeSize;
  const lines = [
    `; ${codeSize} bytes of instructions${data > 0 ? `, ${data} of jump tables` : ''}, ` +
      `${relocations.length} relocation${relocations.length === 1 ? '' : 's'}`,
  ];
  if (note !== undefined) lines.push(`; ${note}`);
  if (decoded === undefined) {
    lines.push(...rows(0, codeSize));
  } else {
    const column = Math.min(MAX_BYTES_COLUMN, Math.max(0, ...decoded.map((i) => i.size))) * 3 - 1;
    let end = 0;
    for (const inst of decoded) {
      if (inst.offset + inst.size > codeSize) break;
      const hex = hexBytes(bytes.subarray(inst.offset, inst.offset + inst.size)).padEnd(column);
      lines.push(`${at(inst.offset)}  ${hex}  ${inst.text}${relocsIn(inst.offset, inst.offset + inst.size)}`);
      end = inst.offset + inst.size;
    }
    // The disassembler stopped early: show what it could not read rather than hide it.
    if (end < codeSize) lines.push(`; not decoded from ${at(end)}:`, ...rows(end, codeSize));
  }
  if (data > 0) lines.push('; jump tables:', ...rows(codeSize, bytes.length));
  return lines.join('\n');
}

/** `call26 app.f2`, with the patched offset when it is not where the line starts. */
function relocationText(r: Relocation, offset: string | undefined): string {
  const addend = r.addend === 0n ? '' : r.addend > 0n ? `+${r.addend}` : String(r.addend);
  return `${r.type} ${r.symbol}${addend}${offset === undefined ? '' : ` at ${offset}`}`;
}

function hexBytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
