import { malformed } from './errors.js';
import { Imm, OPCODES } from './opcodes.js';
import { ByteReader } from './reader.js';
import { isRefTypeCode, isValTypeCode } from './valtypes.js';

const IMM = OPCODES.imm;

/** Block type value of an empty block (`0x40` read as a signed 7-bit number). */
export const BLOCK_EMPTY = -64;

/**
 * A cursor that decodes one instruction per `next()` call into its own fields, so that
 * walking a body allocates nothing. (`i64` and `f64bits` are getters that build their BigInt
 * only when read.)
 *
 * Which fields `next()` sets depends on the opcode's immediate kind (`OPCODES.imm[op]`):
 *   - blockType: block/loop/if. ≥ 0: a type index. BLOCK_EMPTY: no params, no results.
 *     Other negative values: one result whose value type code is `blockType + 0x80`.
 *   - index: the first index immediate (label, function, local, global, table, type of
 *     call_indirect, data segment, element segment, br_table default label).
 *   - index2: the second index (call_indirect table, table.init table, table.copy source).
 *   - brTargets[0 .. brCount): br_table labels (the default is `index`).
 *   - memAlign (log2), memOffset: memory instructions; lane: lane index.
 *   - i32, i64, f32bits, f64bits, v128 (also the 16 lane indices of i8x16.shuffle).
 *   - valType: ref.null's type code; typed select's first type code, with typeCount
 *     holding how many types the vector had (valid only when 1).
 * `op` is the opcode number (see Op in opcodes.ts) and `offset` the byte where it starts.
 *
 * Throws a malformed WasmError on illegal opcodes and bad immediates; it does not check
 * block nesting (decodeModule does that once for every body).
 */
export class InstructionReader extends ByteReader {
  op = 0;
  offset = 0;
  blockType = 0;
  index = 0;
  index2 = 0;
  brTargets: Uint32Array = new Uint32Array(16);
  brCount = 0;
  memAlign = 0;
  memOffset = 0;
  lane = 0;
  i32 = 0;
  f32bits = 0;
  /** Where the immediate of the last i64.const / f64.const starts. */
  private wideAt = 0;
  readonly v128 = new Uint8Array(16);
  valType = 0;
  typeCount = 0;

  /** Points the reader at bytes [start, end) of the same buffer. */
  reset(start: number, end: number): void {
    this.pos = start;
    this.end = end;
  }

  /** Decodes the instruction at `pos` and advances past it. */
  next(): void {
    const offset = this.pos;
    this.offset = offset;
    if (offset >= this.end) this.unexpectedEnd();
    let op = this.bytes[offset];
    this.pos = offset + 1;
    if (op === 0xfc || op === 0xfd) {
      const sub = this.u32();
      if (sub > 0xff) throw malformed('illegal opcode', offset);
      op = (op << 8) | sub;
    }
    this.op = op;
    switch (IMM[op]) {
      case Imm.None:
        return;
      case Imm.Local:
      case Imm.Global:
      case Imm.Label:
      case Imm.Func:
      case Imm.Table:
      case Imm.Data:
      case Imm.Elem:
        this.index = this.u32();
        return;
      case Imm.MemArg:
        this.memAlign = this.u32();
        this.memOffset = this.u32();
        return;
      case Imm.I32:
        this.i32 = this.s32();
        return;
      case Imm.BlockType:
        this.readBlockType();
        return;
      case Imm.BrTable:
        this.readBrTable();
        return;
      case Imm.CallIndirect:
      case Imm.ElemTable:
      case Imm.Table2:
        this.index = this.u32();
        this.index2 = this.u32();
        return;
      case Imm.I64:
        this.wideAt = this.pos;
        this.skipS64();
        return;
      case Imm.F32:
        this.f32bits = this.u32le();
        return;
      case Imm.F64:
        this.wideAt = this.pos;
        if (this.end - this.pos < 8) {
          this.pos = this.end;
          this.unexpectedEnd();
        }
        this.pos += 8;
        return;
      case Imm.MemZero:
        this.zeroByte();
        return;
      case Imm.MemZero2:
        this.zeroByte();
        this.zeroByte();
        return;
      case Imm.DataMemZero:
        this.index = this.u32();
        this.zeroByte();
        return;
      case Imm.RefType: {
        const at = this.pos;
        const t = this.u8();
        if (!isRefTypeCode(t)) throw malformed('malformed reference type', at);
        this.valType = t;
        return;
      }
      case Imm.ValTypes:
        this.readValTypes();
        return;
      case Imm.V128:
      case Imm.Shuffle:
        this.v128.set(this.bytesView(16));
        return;
      case Imm.Lane:
        this.lane = this.u8();
        return;
      case Imm.MemArgLane:
        this.memAlign = this.u32();
        this.memOffset = this.u32();
        this.lane = this.u8();
        return;
      default:
        throw malformed('illegal opcode', offset);
    }
  }

  /** The i64.const immediate just read. */
  get i64(): bigint {
    const saved = this.pos;
    this.pos = this.wideAt;
    const value = this.s64();
    this.pos = saved;
    return value;
  }

  /** The f64.const bit pattern just read. */
  get f64bits(): bigint {
    const saved = this.pos;
    this.pos = this.wideAt;
    const value = this.u64le();
    this.pos = saved;
    return value;
  }

  private zeroByte(): void {
    const at = this.pos;
    if (this.u8() !== 0) throw malformed('zero byte expected', at);
  }

  private readBlockType(): void {
    const at = this.pos;
    if (at < this.end) {
      const b = this.bytes[at];
      // A single byte 0x40 or value type; anything else is a non-negative s33 type index.
      if (b === 0x40 || isValTypeCode(b)) {
        this.pos = at + 1;
        this.blockType = b - 0x80;
        return;
      }
    }
    const x = this.s33();
    if (x < 0) throw malformed('malformed value type', at);
    this.blockType = x;
  }

  private readBrTable(): void {
    const n = this.length();
    if (n > this.brTargets.length) this.brTargets = new Uint32Array(Math.max(n, this.brTargets.length * 2));
    const targets = this.brTargets;
    for (let i = 0; i < n; i++) targets[i] = this.u32();
    this.brCount = n;
    this.index = this.u32();
  }

  private readValTypes(): void {
    const n = this.length();
    this.typeCount = n;
    for (let i = 0; i < n; i++) {
      const at = this.pos;
      const t = this.u8();
      if (!isValTypeCode(t)) throw malformed('malformed value type', at);
      if (i === 0) this.valType = t;
    }
  }
}
