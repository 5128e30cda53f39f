/** An ELF string table: NUL-separated names, offset 0 is the empty name; repeats share bytes. */
export class StringTable {
  private readonly offsets = new Map<string, number>();
  private readonly chunks: Uint8Array[] = [new Uint8Array(1)];
  private size = 1;

  add(name: string): number {
    if (name === '') return 0;
    const known = this.offsets.get(name);
    if (known !== undefined) return known;
    const bytes = new TextEncoder().encode(`${name}\0`);
    const offset = this.size;
    this.offsets.set(name, offset);
    this.chunks.push(bytes);
    this.size += bytes.length;
    return offset;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
