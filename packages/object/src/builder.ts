import { validateObjectFile, type ObjectFile } from './object-file.js';
import type { Relocation } from './relocation.js';
import type { Section, SectionKind } from './section.js';
import type { SymbolBinding, SymbolDef, SymbolType } from './symbol.js';

export interface SectionOptions {
  alignment?: number;
  relocations?: Relocation[];
  retain?: boolean;
}

export interface DefinitionOptions extends SectionOptions {
  /** Default `global`. */
  binding?: SymbolBinding;
  /** Section name; default `.<kind>.<symbol name>`. */
  section?: string;
}

/**
 * Assembles an `ObjectFile` step by step. The `add*` helpers follow the one-section-per-
 * definition convention (so the linker can drop each unreferenced one) and define a
 * symbol covering the whole section.
 */
export class ObjectBuilder {
  private readonly sections: Section[] = [];
  private readonly symbols: SymbolDef[] = [];

  constructor(
    readonly name: string,
    readonly isa: string,
  ) {}

  /** Add a section with contents (`bytes` is copied, so callers may reuse their buffer). */
  addSection(name: string, kind: Exclude<SectionKind, 'bss'>, bytes: Uint8Array | readonly number[], options: SectionOptions = {}): this {
    this.sections.push({
      name,
      kind,
      bytes: Uint8Array.from(bytes),
      alignment: options.alignment ?? 1,
      relocations: [...(options.relocations ?? [])],
      ...(options.retain ? { retain: true } : {}),
    });
    return this;
  }

  /** Add a zero-filled section of `size` bytes. */
  addBssSection(name: string, size: number, options: Omit<SectionOptions, 'relocations'> = {}): this {
    this.sections.push({ name, kind: 'bss', size, alignment: options.alignment ?? 1, relocations: [], ...(options.retain ? { retain: true } : {}) });
    return this;
  }

  /** Define a symbol in a section added before or after this call. */
  defineSymbol(name: string, section: string, options: { offset?: number; size?: number; binding?: SymbolBinding; type?: SymbolType } = {}): this {
    this.symbols.push({
      name,
      section,
      offset: options.offset ?? 0,
      size: options.size ?? 0,
      binding: options.binding ?? 'global',
      type: options.type ?? 'none',
    });
    return this;
  }

  /** A function in its own section `.text.<name>` (16-byte aligned by default). */
  addFunction(name: string, code: Uint8Array | readonly number[], options: DefinitionOptions = {}): this {
    const section = options.section ?? `.text.${name}`;
    this.addSection(section, 'text', code, { ...options, alignment: options.alignment ?? 16 });
    return this.defineSymbol(name, section, { size: code.length, binding: options.binding, type: 'func' });
  }

  /** Initialised data in its own section `.rodata.<name>` or `.data.<name>`. */
  addData(name: string, kind: 'rodata' | 'data', bytes: Uint8Array | readonly number[], options: DefinitionOptions = {}): this {
    const section = options.section ?? `.${kind}.${name}`;
    this.addSection(section, kind, bytes, { ...options, alignment: options.alignment ?? 8 });
    return this.defineSymbol(name, section, { size: bytes.length, binding: options.binding, type: 'object' });
  }

  /** Zero-initialised data in its own section `.bss.<name>`. */
  addBss(name: string, size: number, options: Omit<DefinitionOptions, 'relocations'> = {}): this {
    const section = options.section ?? `.bss.${name}`;
    this.addBssSection(section, size, { ...options, alignment: options.alignment ?? 8 });
    return this.defineSymbol(name, section, { size, binding: options.binding, type: 'object' });
  }

  /** The finished object; throws `ObjectFormatError` listing every problem. */
  build(): ObjectFile {
    const object: ObjectFile = { name: this.name, isa: this.isa, sections: [...this.sections], symbols: [...this.symbols] };
    validateObjectFile(object);
    return object;
  }
}
