// The ways the suite runs each program. Native gcc is the reference every other variant's
// output is checked against and the baseline of the ratios; mewz is the one we build.
import { UsageError } from '../options.js';
import { splitList } from './programs.js';

export type VariantId = 'native' | 'wasm2c' | 'node' | 'mewz';

export interface Variant {
  id: VariantId;
  /** Column heading. */
  label: string;
  /** How it is built and run, for the notes under the tables. */
  how: string;
}

/** In the report's column order: the headline first, the native reference last. */
export const VARIANTS: readonly Variant[] = [
  { id: 'mewz', label: 'mewz', how: 'the `.wasm` built by `mewz build --target x86_64 --platform linux` into a static executable' },
  { id: 'node', label: 'Node', how: 'the `.wasm` run by Node\'s V8 through `node:wasi` (preview1); the time includes Node\'s start-up and V8\'s compilation' },
  {
    id: 'wasm2c',
    label: 'wasm2c + gcc',
    how: 'the `.wasm` translated by `wasm2c` and built with `gcc -O2` against wabt\'s runtime (guard-page memory, no explicit bounds checks) and our WASI shim (tools/bench/runtime/wasi-shim.c)',
  },
  { id: 'native', label: 'gcc -O2', how: 'the C source built natively with `gcc -O2` (x86_64)' },
];

/** How a variant is built and run for aarch64 (under qemu-aarch64 user-mode emulation). */
export const AARCH64_HOW: Readonly<Record<VariantId, string>> = {
  mewz: 'the `.wasm` built by `mewz build --target aarch64 --platform linux` into a static executable, run under `qemu-aarch64`',
  node: 'not run: Node under qemu-aarch64 is not available (no aarch64 Node on this machine)',
  wasm2c: 'the `.wasm` translated by `wasm2c` and built with `aarch64-linux-gnu-gcc -O2 -static` against wabt\'s runtime and our WASI shim, run under `qemu-aarch64`',
  native: 'the C source built with Debian\'s cross compiler, `aarch64-linux-gnu-gcc -O2 -static`, run under `qemu-aarch64`',
};

/** The `.wasm` every non-native variant starts from. */
export const WASM_BUILD = '`clang-14 --target=wasm32-wasi -O2` (Debian wasi-libc)';

export function variant(id: VariantId): Variant {
  const v = VARIANTS.find((x) => x.id === id);
  if (!v) throw new Error(`no variant ${id}`);
  return v;
}

/** The variants named in a comma-separated list (all for undefined or ''); native is always in, as the reference. */
export function selectVariants(list: string | undefined): VariantId[] {
  const wanted = splitList(list);
  if (wanted.length === 0) return VARIANTS.map((v) => v.id);
  const unknown = wanted.filter((w) => !VARIANTS.some((v) => v.id === w));
  if (unknown.length > 0) throw new UsageError(`unknown variant(s) ${unknown.join(', ')}; the variants are ${VARIANTS.map((v) => v.id).join(', ')}`);
  return VARIANTS.map((v) => v.id).filter((id) => id === 'native' || wanted.includes(id));
}
