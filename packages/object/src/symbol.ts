/**
 * `local` symbols are visible only to relocations of their own object; `global` ones
 * must be defined once across the link; `weak` ones give way to a global definition.
 */
export type SymbolBinding = 'local' | 'global' | 'weak';

/** `func` symbols become STT_FUNC in the image, so debuggers and profilers name code. */
export type SymbolType = 'func' | 'object' | 'none';

/** A symbol defined at an offset of one of its object's sections. */
export interface SymbolDef {
  name: string;
  /** Name of a section of the same object. */
  section: string;
  offset: number;
  /** Bytes covered (function or object size); 0 when unknown. */
  size: number;
  binding: SymbolBinding;
  type: SymbolType;
}
