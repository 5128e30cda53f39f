/**
 * The assembler a function body is emitted into: the plain Assembler plus its jump
 * tables, placed after the code by `finish()` and reached with adr, so a compiled
 * function is one self-contained piece of text with no relocations of its own for them.
 * (Float constants need no pool: they are built in x16 and moved over with fmov.)
 */
import { Assembler, type AssemblerOutput } from './assembler.js';
import type { Label } from '@mewz/compiler';

interface JumpTable {
  readonly label: Label;
  readonly targets: readonly Label[];
}

/** A function's machine code: instructions, then (from `codeSize` on) its jump tables. */
export interface FunctionOutput extends AssemblerOutput {
  /** Bytes of instructions; a disassembler must stop here. */
  readonly codeSize: number;
}

export class FunctionAssembler extends Assembler {
  private readonly tables: JumpTable[] = [];

  /** A table of 32-bit offsets of `targets` from the table's own start. */
  jumpTable(targets: readonly Label[]): Label {
    const label = this.newLabel();
    this.tables.push({ label, targets });
    return label;
  }

  override finish(): FunctionOutput {
    const codeEnd = this.newLabel();
    this.bind(codeEnd);
    for (const t of this.tables) {
      this.align(4, 'zero');
      this.bind(t.label);
      for (const target of t.targets) this.labelDiff32(target, t.label);
    }
    this.tables.length = 0;
    const out = super.finish();
    return { ...out, codeSize: out.offsetOf(codeEnd) };
  }
}
