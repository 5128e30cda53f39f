/** A size as written in the config: bytes, or a string such as "64MiB". */
export type SizeInput = number | string;

export type MissingImports = 'error' | 'enosys';

/** `components` as written: see the schema's description. */
export type ComponentsInput = 'auto' | readonly string[] | Readonly<Record<string, boolean | Readonly<Record<string, unknown>>>>;

/** `mewz.config.json` as written (after schema validation). */
export interface MewzConfigInput {
  readonly $schema?: string;
  readonly app: string;
  readonly target?: string;
  readonly platform?: string;
  readonly machine?: string;
  readonly memory?: { readonly max?: SizeInput; readonly stack?: SizeInput; readonly ram?: SizeInput };
  readonly components?: ComponentsInput;
  readonly plugins?: readonly string[];
  readonly output?: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly missingImports?: MissingImports;
}

/** Command-line (or other) overrides for `mergeConfig`: any part of a config, in file syntax. */
export type MewzConfigOverrides = Partial<MewzConfigInput>;

/** The three ways of writing `components`, in one shape. */
export interface ComponentSelection {
  /** Choose components by what the app imports; false when the config lists them. */
  readonly auto: boolean;
  /** Components always included (with what they require). */
  readonly include: readonly string[];
  /** Components left out even when the app imports what they provide. */
  readonly exclude: readonly string[];
  /** Options per component, as written; `resolveComponentOptions` checks them and adds defaults. */
  readonly options: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Memory sizes in bytes. */
export interface MemoryConfig {
  readonly max: number;
  readonly stack: number;
  readonly ram: number;
}

/** A loaded config: validated, defaults applied, paths absolute, sizes in bytes. */
export interface MewzConfig {
  /** The config file as named by the caller, for messages; undefined if there was none. */
  readonly file?: string;
  /** The folder relative paths were resolved against; plugin packages resolve from here. */
  readonly baseDir: string;
  /** Absolute path of the .wasm or .wat file. */
  readonly app: string;
  /** Backend name (an ISA), or an absolute path / package name of a third-party backend. */
  readonly target: string;
  /** Platform name, or an absolute path / package name of a third-party platform. */
  readonly platform: string;
  /** The VM's machine type for `mewz run`; the platform's default when absent. */
  readonly machine?: string;
  readonly memory: MemoryConfig;
  readonly components: ComponentSelection;
  /** Package names as written, paths made absolute. */
  readonly plugins: readonly string[];
  /** Absolute path of the image to write. */
  readonly output: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly missingImports: MissingImports;
}
