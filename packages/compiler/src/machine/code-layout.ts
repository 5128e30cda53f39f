/**
 * The ISA-neutral half of an assembler: labels (named or not, bound once, usable only by
 * the code that created them), branches to labels whose size is settled at layout (short
 * until their label is out of reach; they only grow, so layout ends), alignment padding,
 * and at `finish` the code buffer's fixups patched (label-relative) or turned into
 * relocations (symbols, absolute addresses of labels). What a branch looks like, how far
 * it reaches and what padding is comes from the ISA's LayoutRules.
 */
import type { Relocation, RelocationType } from '@mewz/object';
import { CodeBuffer, isLabel, Label, type SymbolRef } from './code-buffer.js';

export type AlignFill = 'nop' | 'zero';

/** How an ISA sizes, relaxes and writes its branches to labels (`B` says which branch), and pads. */
export interface LayoutRules<B> {
  /** Bytes of branch `b` in its short or long form. */
  size(b: B, long: boolean): number;
  /** Whether the short form of `b` placed at `pos` reaches its label at `target`. */
  reaches(b: B, pos: number, target: number): boolean;
  /** Writes `b` placed at `pos` with its label at `target`. */
  write(out: CodeBuffer, b: B, long: boolean, pos: number, target: number): void;
  /** Writes `bytes` bytes of padding. */
  pad(out: CodeBuffer, bytes: number, fill: AlignFill): void;
  /** The relocation types that fixups name. */
  readonly relocationTypes: Readonly<Record<string, RelocationType>>;
  /** Patches a PC-relative fixup to a label of this code (default: `type.patch`; an ISA may reword range errors). */
  patchLabel?(type: RelocationType, typeName: string, code: Uint8Array, offset: number, value: bigint): void;
}

/** Laid-out code: bytes, the relocations left for the linker, and where labels ended up. */
export interface LaidOutCode {
  code: Uint8Array;
  relocations: Relocation[];
  /** Final offsets of the named, bound labels. */
  labels: Map<string, number>;
  /** Final offset of any bound label of this code, named or not (e.g. for trap-site tables). */
  offsetOf(label: Label): number;
}

/** Something placed between the bytes of the buffer whose size is known only at layout. */
type LayoutItem<B> =
  | { readonly kind: 'branch'; readonly at: number; readonly branch: B; readonly label: Label; long: boolean; pos: number }
  | { readonly kind: 'bind'; readonly at: number; readonly label: Label; pos: number }
  | { readonly kind: 'align'; readonly at: number; readonly alignment: number; readonly fill: AlignFill; pos: number; pad: number };

export class LabelledCode<B> {
  /** The bytes and fixups written so far; the ISA's encoders write here. */
  readonly buf = new CodeBuffer();
  /** In emission order; `at` (a buffer offset) never decreases. */
  private readonly items: LayoutItem<B>[] = [];
  private readonly labelList: Label[] = [];
  private readonly bound = new Set<number>();
  private readonly names = new Set<string>();

  constructor(private readonly rules: LayoutRules<B>) {}

  /** A new unbound label; named labels appear in `finish().labels`. */
  newLabel(name?: string): Label {
    if (name !== undefined) {
      if (this.names.has(name)) throw new Error(`label '${name}' is already defined`);
      this.names.add(name);
    }
    const label = new Label(this.labelList.length, name);
    this.labelList.push(label);
    return label;
  }

  /** Binds `label` to the current position. */
  bind(label: Label): void {
    this.own(label);
    if (this.bound.has(label.id)) throw new Error(`label ${label} is bound twice`);
    this.bound.add(label.id);
    this.items.push({ kind: 'bind', at: this.buf.length, label, pos: 0 });
  }

  /** Throws unless `label` was created here. */
  own(label: Label): void {
    if (this.labelList[label.id] !== label) throw new Error(`label ${label} was not created by this assembler`);
  }

  /** A branch to `label` here, short until layout finds it out of reach (the caller checked the label). */
  branch(label: Label, branch: B): void {
    this.items.push({ kind: 'branch', at: this.buf.length, branch, label, long: false, pos: 0 });
  }

  /** Pads to a multiple of `alignment` (a power of two). */
  align(alignment: number, fill: AlignFill): void {
    if (!Number.isInteger(alignment) || alignment < 1 || (alignment & (alignment - 1)) !== 0) {
      throw new Error(`align: ${alignment} is not a power of two`);
    }
    this.items.push({ kind: 'align', at: this.buf.length, alignment, fill, pos: 0, pad: 0 });
  }

  /** Lays out, resolves labels and returns the code, its relocations and the labels' offsets. */
  finish(): LaidOutCode {
    this.checkAllBound();
    const labelPos = this.layout();
    const out = new CodeBuffer();
    let cursor = 0;
    for (const item of this.items) {
      out.bytes(this.buf.view(cursor, item.at));
      cursor = item.at;
      if (item.kind === 'branch') this.rules.write(out, item.branch, item.long, item.pos, labelPos[item.label.id]!);
      else if (item.kind === 'align') this.rules.pad(out, item.pad, item.fill);
    }
    out.bytes(this.buf.view(cursor));
    const code = out.toBytes();
    const relocations = this.resolveFixups(code, labelPos);
    const labels = new Map<string, number>();
    for (const label of this.labelList) {
      if (label.name !== undefined && this.bound.has(label.id)) labels.set(label.name, labelPos[label.id]!);
    }
    const offsetOf = (label: Label): number => {
      this.own(label);
      if (!this.bound.has(label.id)) throw new Error(`label ${label} is not bound`);
      return labelPos[label.id]!;
    };
    return { code, relocations, labels, offsetOf };
  }

  private checkAllBound(): void {
    const used = new Set<Label>();
    for (const item of this.items) if (item.kind === 'branch') used.add(item.label);
    for (const f of this.buf.fixups) {
      if (isLabel(f.target)) used.add(f.target);
      if (f.relativeTo) used.add(f.relativeTo);
    }
    const unbound = [...used].filter((l) => !this.bound.has(l.id)).map(String);
    if (unbound.length > 0) throw new Error(`unbound label${unbound.length > 1 ? 's' : ''} referenced: ${unbound.join(', ')}`);
  }

  private itemSize(item: LayoutItem<B>): number {
    if (item.kind === 'branch') return this.rules.size(item.branch, item.long);
    return item.kind === 'align' ? item.pad : 0;
  }

  /** Positions: every branch starts short and becomes long when its label is out of reach, until nothing changes. */
  private layout(): number[] {
    const labelPos: number[] = [];
    for (;;) {
      let shift = 0;
      for (const item of this.items) {
        item.pos = item.at + shift;
        if (item.kind === 'bind') labelPos[item.label.id] = item.pos;
        else if (item.kind === 'align') item.pad = (item.alignment - (item.pos % item.alignment)) % item.alignment;
        shift += this.itemSize(item);
      }
      let changed = false;
      for (const item of this.items) {
        if (item.kind !== 'branch' || item.long) continue;
        if (!this.rules.reaches(item.branch, item.pos, labelPos[item.label.id]!)) {
          item.long = true;
          changed = true;
        }
      }
      if (!changed) return labelPos;
    }
  }

  /** Where buffer offsets (in increasing order) end up after layout. */
  private finalOffsets(offsets: readonly number[]): number[] {
    // Items and fixups are both in increasing buffer order: walk them together.
    let i = 0;
    let shift = 0;
    return offsets.map((offset) => {
      while (i < this.items.length && this.items[i]!.at <= offset) {
        const item = this.items[i]!;
        shift = item.pos + this.itemSize(item) - item.at;
        i++;
      }
      return offset + shift;
    });
  }

  private resolveFixups(code: Uint8Array, labelPos: readonly number[]): Relocation[] {
    const fixups = this.buf.fixups;
    const offsets = this.finalOffsets(fixups.map((f) => f.offset));
    const relocations: Relocation[] = [];
    fixups.forEach((f, i) => {
      const offset = offsets[i]!;
      const type = (this.rules.relocationTypes as Record<string, RelocationType | undefined>)[f.type];
      if (type === undefined) throw new Error(`internal: unknown relocation type ${f.type}`);
      if (isLabel(f.target)) {
        const target = BigInt(labelPos[f.target.id]!);
        if (f.relativeTo) {
          type.patch(code, offset, target + f.addend - BigInt(labelPos[f.relativeTo.id]!));
          return;
        }
        if (type.kind === 'pcrel') {
          const value = target + f.addend - BigInt(offset);
          if (this.rules.patchLabel) this.rules.patchLabel(type, f.type, code, offset, value);
          else type.patch(code, offset, value);
          return;
        }
        // The absolute address of a label: only the linker knows where this code lands.
        relocations.push({ offset, type: f.type, symbol: f.target.name!, addend: f.addend });
        return;
      }
      relocations.push({ offset, type: f.type, symbol: (f.target as SymbolRef).symbol, addend: f.addend });
    });
    return relocations;
  }
}
