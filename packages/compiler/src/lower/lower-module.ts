import type { Module } from '@mewz/wasm';
import { type InstanceLayout, layoutInstance } from '../abi/instance-layout.js';
import { InstanceSymbols } from '../abi/symbols.js';
import type { IrFunction } from '../ir/function.js';
import { lowerFunctionWith } from './lower-function.js';
import { lowerInstantiate } from './instantiate.js';
import { invokeSymbol, lowerInvoke, signatureKey } from './invoke.js';
import { type ModuleMode, moduleInfo } from './module-info.js';
import { staticTableSymbol } from './tables.js';

export interface LowerOptions {
  /** Instance symbol prefix (see InstanceSymbols). */
  prefix: string;
  /**
   * Kernel mode. Memory 0 is the identity-mapped window [0, windowBytes): its base is 0,
   * accesses are not bounds checked, its size is fixed (memory.grow returns -1 unless the
   * delta is 0) and its MemoryObject is static; tables are static (sized by their minimum);
   * imports from `mewz:intrinsics` become intrinsics (abi/intrinsics.ts).
   */
  trusted?: boolean;
  /** Trusted mode: bytes of the window (addresses below it are the kernel's memory). */
  windowBytes?: number;
  /**
   * Imported function index → defined function of the same module the import is bound
   * to (a kernel component calling another through an import): called directly.
   */
  directImports?: ReadonlyMap<number, number>;
  /**
   * Reserve at most this many pages for a defined memory, whatever its declared maximum
   * (a platform's or config's limit); a memory whose minimum is larger keeps its minimum.
   */
  maxMemoryPages?: number;
}

/** Bytes the image must contain for the instance. */
export interface DataObject {
  symbol: string;
  bytes: Uint8Array;
  align: number;
  /** Defined weakly: every object may define it, the linker keeps one (signature identities). */
  weak?: boolean;
  /** Written at run time (the instance context); read-only otherwise. */
  writable?: boolean;
}

export interface LoweredModule {
  module: Module;
  layout: InstanceLayout;
  symbols: InstanceSymbols;
  /** Each defined function (named symbols.func(i)), then instantiate, then the invoke trampolines. */
  functions: IrFunction[];
  /** Data segment bytes, the instance context, and the signature symbols (weak, 1 byte). */
  data: DataObject[];
  /** signatureKey(params, results) → symbol of the invoke trampoline, for each exported signature. */
  invokers: Map<string, string>;
}

/** Lowers a valid module: all its functions, its instantiation and its export trampolines. */
export function lowerModule(module: Module, options: LowerOptions): LoweredModule {
  const layout = layoutInstance(module);
  const symbols = new InstanceSymbols(options.prefix);
  const info = moduleInfo(module, layout, symbols, modeOf(module, options));
  const functions: IrFunction[] = [];
  for (let i = 0; i < module.functions.length; i++) functions.push(lowerFunctionWith(info, module.importedFuncCount + i));
  functions.push(lowerInstantiate(info));

  const invokers = new Map<string, string>();
  for (const e of module.exports) {
    if (e.kind !== 'func') continue;
    const type = info.funcTypes[e.index];
    const key = signatureKey(type.params, type.results);
    if (invokers.has(key)) continue;
    functions.push(lowerInvoke(info, type));
    invokers.set(key, invokeSymbol(symbols, key));
  }

  const data: DataObject[] = module.datas.map((d, i) => ({ symbol: symbols.data(i), bytes: d.init.slice(), align: 1 }));
  data.push({ symbol: symbols.vmctx, bytes: new Uint8Array(layout.size), align: 16, writable: true });
  if (info.mode.trusted) {
    // Static tables: their elements live in the image.
    module.tables.forEach((t, k) => data.push({ symbol: staticTableSymbol(symbols, k), bytes: new Uint8Array(8 * t.type.limits.min), align: 8, writable: true }));
  }
  for (const sym of [...info.signatures].sort()) data.push({ symbol: sym, bytes: new Uint8Array(1), align: 1, weak: true });
  return { module, layout, symbols, functions, data, invokers };
}

/** Lowers one defined function (function index space) of a valid module. */
export function lowerFunction(
  module: Module,
  layout: InstanceLayout,
  symbols: InstanceSymbols,
  funcIndex: number,
  options: Omit<LowerOptions, 'prefix'> = {},
): IrFunction {
  return lowerFunctionWith(moduleInfo(module, layout, symbols, modeOf(module, { prefix: symbols.prefix, ...options })), funcIndex);
}

function modeOf(module: Module, options: LowerOptions): ModuleMode {
  const trusted = options.trusted ?? false;
  const declared = module.memories[0]?.type.limits.min ?? 0;
  const windowBytes = options.windowBytes ?? declared * 0x1_0000;
  if (trusted && (windowBytes % 0x1_0000 !== 0 || windowBytes > 2 ** 32)) {
    throw new Error(`trusted window of ${windowBytes} bytes: must be a multiple of 64 KiB, at most 4 GiB`);
  }
  return { trusted, windowBytes, directImports: options.directImports ?? new Map(), maxMemoryPages: options.maxMemoryPages ?? 0x1_0000 };
}
