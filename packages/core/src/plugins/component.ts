import type { PluginBase } from './plugin.js';

/** A Wasm import/export name: WASI functions are `wasi_snapshot_preview1` + `fd_write`. */
export interface SymbolRef {
  readonly module: string;
  readonly name: string;
}

export interface ComponentRequirements {
  /** Components that must be in the kernel whenever this one is. */
  readonly components?: readonly string[];
  /** Symbols some other component must provide. */
  readonly symbols?: readonly SymbolRef[];
}

/** A JSON Schema object (draft-07), as plain data. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** A kernel feature, compiled into the kernel module when the app needs it. */
export interface ComponentPlugin extends PluginBase<'component'> {
  /**
   * AssemblyScript source files, absolute paths (a package computes them from
   * `import.meta.url`, so they do not depend on the current directory).
   */
  readonly sources: readonly string[];
  /**
   * Entry files that depend on the ISA the kernel is built for (system call numbers,
   * structure layouts of a host OS), absolute paths like `sources`. They are compiled
   * before every component's `sources`, so their `@global` declarations are visible to
   * them without an import: common code names the constant, each ISA's file defines it.
   * A function of the ISA rather than a table, so that the next ISA only adds a file
   * (e.g. `runtime/isa/${isa}.ts`); a missing file is a build error naming it.
   */
  isaSources?(isa: string): readonly string[];
  /** The WASI or kernel symbols it exports to the app or to other components. */
  readonly provides: readonly SymbolRef[];
  readonly requires: ComponentRequirements;
  /** JSON Schema of its options object in `mewz.config.json` (`components.<name>`). */
  readonly options?: JsonSchema;
  /** Option values used where the config gives none; must satisfy `options`. */
  readonly defaults?: Readonly<Record<string, unknown>>;
}
