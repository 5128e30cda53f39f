import type { Module } from '@mewz/wasm';
import { type InstanceLayout, layoutInstance } from '../abi/instance-layout.js';
import { InstanceSymbols } from '../abi/symbols.js';
import type { IrFunction } from '../ir/function.js';
import { lowerFunctionWith } from './lower-function.js';
import { lowerInstantiate } from './instantiate.js';
import { invokeSymbol, lowerInvoke, signatureKey } from './invoke.js';
import { moduleInfo } from './module-info.js';

export interface LowerOptions {
  /** Instance symbol prefix (see InstanceSymbols). */
  prefix: string;
  /** Kernel mode: memory base 0 and no bounds checks. Not implemented yet. */
  trusted?: boolean;
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
  if (options.trusted) throw new Error('not implemented: trusted (kernel) mode lowering');
  const layout = layoutInstance(module);
  const symbols = new InstanceSymbols(options.prefix);
  const info = moduleInfo(module, layout, symbols);
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
  for (const sym of [...info.signatures].sort()) data.push({ symbol: sym, bytes: new Uint8Array(1), align: 1, weak: true });
  return { module, layout, symbols, functions, data, invokers };
}

/** Lowers one defined function (function index space) of a valid module. */
export function lowerFunction(module: Module, layout: InstanceLayout, symbols: InstanceSymbols, funcIndex: number): IrFunction {
  return lowerFunctionWith(moduleInfo(module, layout, symbols), funcIndex);
}
