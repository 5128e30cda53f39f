// The facts of the benchmarked module that the report names: sizes and function counts.
import { decodeModule } from '@mewz/wasm';

export interface WasmFacts {
  bytes: number;
  /** Defined functions (the generated ones, libc's and the prelude's helpers). */
  functions: number;
  importedFunctions: number;
  /** The code section's entries (sizes included). */
  codeBytes: number;
  /** Custom sections (names, and the DWARF that Debian's wasi-libc brings along). */
  customBytes: number;
}

export function wasmFacts(bytes: Uint8Array): WasmFacts {
  const m = decodeModule(bytes);
  return {
    bytes: bytes.length,
    functions: m.functions.length,
    importedFunctions: m.imports.filter((i) => i.desc.kind === 'func').length,
    codeBytes: m.codes.reduce((sum, c) => sum + (c.bodyEnd - c.offset), 0),
    customBytes: m.customSections.reduce((sum, s) => sum + s.size, 0),
  };
}
