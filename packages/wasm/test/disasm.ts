// A small disassembler over the package's instruction reader, so that tests can compare
// a decoded body with a readable list such as ['local.get 0', 'i32.const -7', 'i32.add', 'end'].
//
// Immediates are printed in binary order; memory instructions print their byte
// alignment and offset (`i32.load align=4 offset=8`), v128 constants their 16 bytes in
// memory order, block types `(result t)` or `(type n)`.
import { BLOCK_EMPTY, Imm, InstructionReader, OPCODES, opName } from '../src/index.js';
import type { Module } from '../src/index.js';

const TYPE_NAMES: Record<number, string> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};

function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Text of the instruction the reader has just decoded. */
export function formatInstr(r: InstructionReader): string {
  const name = opName(r.op);
  const mem = () => `align=${2 ** r.memAlign} offset=${r.memOffset}`;
  switch (OPCODES.imm[r.op]) {
    case Imm.None:
    case Imm.MemZero:
    case Imm.MemZero2:
      return name;
    case Imm.BlockType:
      if (r.blockType === BLOCK_EMPTY) return name;
      if (r.blockType < 0) return `${name} (result ${TYPE_NAMES[r.blockType + 0x80]})`;
      return `${name} (type ${r.blockType})`;
    case Imm.Label:
    case Imm.Func:
    case Imm.Local:
    case Imm.Global:
    case Imm.Table:
    case Imm.Data:
    case Imm.DataMemZero:
    case Imm.Elem:
      return `${name} ${r.index}`;
    case Imm.BrTable:
      return `${name} ${[...r.brTargets.subarray(0, r.brCount), r.index].join(' ')}`;
    case Imm.CallIndirect:
    case Imm.ElemTable:
    case Imm.Table2:
      return `${name} ${r.index} ${r.index2}`;
    case Imm.MemArg:
      return `${name} ${mem()}`;
    case Imm.MemArgLane:
      return `${name} ${mem()} ${r.lane}`;
    case Imm.Lane:
      return `${name} ${r.lane}`;
    case Imm.I32:
      return `${name} ${r.i32}`;
    case Imm.I64:
      return `${name} ${r.i64}`;
    case Imm.F32:
      return `${name} 0x${(r.f32bits >>> 0).toString(16).padStart(8, '0')}`;
    case Imm.F64:
      return `${name} 0x${r.f64bits.toString(16).padStart(16, '0')}`;
    case Imm.RefType:
      return `${name} ${TYPE_NAMES[r.valType] === 'funcref' ? 'func' : 'extern'}`;
    case Imm.ValTypes:
      return `${name} (result${r.typeCount === 1 ? ` ${TYPE_NAMES[r.valType]}` : ` <${r.typeCount} types>`})`;
    case Imm.V128:
      return `${name} 0x${hexBytes(r.v128)}`;
    case Imm.Shuffle:
      return `${name} ${Array.from(r.v128).join(' ')}`;
    default:
      throw new Error(`disasm: unhandled immediate kind of ${name}`);
  }
}

/**
 * Disassemble the body of a function, given by its index in the function index space
 * (imported functions first, like WasmError.funcIndex).
 */
export function disasm(m: Module, funcIndex: number): string[] {
  const code = m.codes[funcIndex - m.importedFuncCount];
  if (code === undefined) throw new Error(`disasm: function ${funcIndex} has no body`);
  const r = new InstructionReader(m.bytes);
  r.reset(code.bodyStart, code.bodyEnd);
  const out: string[] = [];
  while (r.pos < code.bodyEnd) {
    r.next();
    out.push(formatInstr(r));
  }
  return out;
}

/** The opcodes (numbers) of a function body, final `end` included. */
export function opcodes(m: Module, funcIndex: number): number[] {
  const code = m.codes[funcIndex - m.importedFuncCount];
  const r = new InstructionReader(m.bytes);
  r.reset(code.bodyStart, code.bodyEnd);
  const out: number[] = [];
  while (r.pos < code.bodyEnd) {
    r.next();
    out.push(r.op);
  }
  return out;
}

/** Each instruction of a body with its byte offset, final `end` included. */
export function instrList(m: Module, funcIndex: number): Array<{ offset: number; text: string }> {
  const code = m.codes[funcIndex - m.importedFuncCount];
  if (code === undefined) throw new Error(`instrList: function ${funcIndex} has no body`);
  const r = new InstructionReader(m.bytes);
  r.reset(code.bodyStart, code.bodyEnd);
  const out: Array<{ offset: number; text: string }> = [];
  while (r.pos < code.bodyEnd) {
    r.next();
    out.push({ offset: r.offset, text: formatInstr(r) });
  }
  return out;
}
