/**
 * The assembler a function body is emitted into: the plain Assembler plus a pool of
 * constants (float literals, sign masks) and jump tables, placed after the code by
 * `finish()` and reached RIP-relative, so a compiled function is one self-contained
 * piece of text with no relocations of its own for them.
 */
import { Assembler, type AssemblerOutput } from './assembler.js';
import type { Label } from '@mewz/compiler';

interface PoolEntry {
  readonly label: Label;
  readonly bytes: Uint8Array;
  readonly align: number;
}

interface JumpTable {
  readonly label: Label;
  readonly targets: readonly Label[];
}

/** A function's machine code: instructions, then (from `codeSize` on) its constant pool and jump tables. */
export interface FunctionOutput extends AssemblerOutput {
  /** Bytes of instructions; a disassembler must stop here. */
  readonly codeSize: number;
}

export class FunctionAssembler extends Assembler {
  private readonly constants = new Map<string, PoolEntry>();
  private readonly tables: JumpTable[] = [];

  /**
   * A label at `bytes` in the pool, aligned to `align` (16 for operands of packed SSE
   * instructions such as andps, which fault on unaligned memory). Equal constants share one entry.
   */
  constant(bytes: Uint8Array, align: number): Label {
    const key = `${align}:${[...bytes].join(',')}`;
    let entry = this.constants.get(key);
    if (!entry) {
      entry = { label: this.newLabel(), bytes: bytes.slice(), align };
      this.constants.set(key, entry);
    }
    return entry.label;
  }

  /** A little-endian integer of `size` bytes, replicated `repeat` times (16-byte masks). */
  constantInt(value: bigint, size: 4 | 8, repeat = 1): Label {
    const bytes = new Uint8Array(size * repeat);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < repeat; i++) {
      if (size === 4) view.setUint32(i * 4, Number(BigInt.asUintN(32, value)), true);
      else view.setBigUint64(i * 8, BigInt.asUintN(64, value), true);
    }
    return this.constant(bytes, size * repeat);
  }

  /** A table of 32-bit offsets of `targets` from the table's own start. */
  jumpTable(targets: readonly Label[]): Label {
    const label = this.newLabel();
    this.tables.push({ label, targets });
    return label;
  }

  override finish(): FunctionOutput {
    // Where the instructions end; bound before the padding, which is data too.
    const codeEnd = this.newLabel();
    this.bind(codeEnd);
    const entries = [...this.constants.values()].sort((a, b) => b.align - a.align);
    if (entries.length > 0 || this.tables.length > 0) this.align(16, 'zero');
    for (const e of entries) {
      this.align(e.align, 'zero');
      this.bind(e.label).bytes(e.bytes);
    }
    for (const t of this.tables) {
      this.align(4, 'zero');
      this.bind(t.label);
      for (const target of t.targets) this.labelDiff32(target, t.label);
    }
    this.constants.clear();
    this.tables.length = 0;
    const out = super.finish();
    return { ...out, codeSize: out.offsetOf(codeEnd) };
  }
}
