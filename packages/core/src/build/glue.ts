import {
  BUILTINS,
  type BuiltinName,
  builtinSymbol,
  FuncRef,
  FunctionBuilder,
  type IrFunction,
  type IrType,
  type LoweredModule,
  MemFlags,
  signatureSymbol,
  type Value,
} from '@mewz/compiler';
import type { FuncType } from '@mewz/wasm';
import { type KernelEntry, PLATFORM_SYMBOLS } from '../plugins/platform.js';

/**
 * Functions and data the build generates to connect the platform, the kernel and the app:
 * the startup sequence, the thunks through which builtins reach the kernel, and stubs for
 * imports nobody provides. All are IR, compiled by the backend like any other function.
 */

/** A data object of the glue, with absolute 64-bit references to symbols. */
export interface GlueData {
  symbol: string;
  bytes: Uint8Array;
  align: number;
  writable?: boolean;
  weak?: boolean;
  /** abs64 references: at `offset`, the address of `symbol` plus `addend`. */
  refs?: { offset: number; symbol: string; addend: number }[];
}

/** The kernel's entry points, by function index (undefined when it does not export one). */
export interface KernelEntries {
  init?: number;
  attachApp?: number;
  trap?: number;
  builtins: Partial<Record<BuiltinName, number>>;
}

const store64 = (b: FunctionBuilder, addr: Value, value: Value, offset: number): void =>
  b.effect('store', [addr, value], { imm: offset, flags: MemFlags.of(8, false) });
const symbolAddr = (b: FunctionBuilder, sym: string): Value => b.inst('symbol_addr', 'i64', [], { sym });

/**
 * `__mewz_main(initialSp, stackLimit)`: stack limits into both contexts, the kernel's
 * instantiate and init, the app's memory slot to the kernel, the app's instantiate with
 * its imports array, then the app's `_start`.
 */
export function mainFunction(kernel: LoweredModule, app: LoweredModule, entries: KernelEntries, importsSymbol: string, appStart: number): IrFunction {
  const b = new FunctionBuilder(PLATFORM_SYMBOLS.main, ['i64', 'i64'], []);
  const [initialSp, stackLimit] = b.current.params;
  const kctx = symbolAddr(b, kernel.symbols.vmctx);
  const actx = symbolAddr(b, app.symbols.vmctx);
  store64(b, kctx, stackLimit, kernel.layout.stackLimit);
  store64(b, actx, stackLimit, app.layout.stackLimit);
  b.effect('call', [kctx, b.const('i64', 0n)], { sym: kernel.symbols.instantiate });
  if (entries.init !== undefined) b.effect('call', [kctx, initialSp], { sym: kernel.symbols.func(entries.init) });
  if (entries.attachApp !== undefined) {
    const hasMemory = app.module.memories.length + app.module.importedMemoryCount > 0;
    const slot = hasMemory ? b.inst('add', 'i64', [actx, b.const('i64', BigInt(app.layout.memoryObject))]) : b.const('i64', 0n);
    b.effect('call', [kctx, slot], { sym: kernel.symbols.func(entries.attachApp) });
  }
  b.effect('call', [actx, symbolAddr(b, importsSymbol)], { sym: app.symbols.instantiate });
  b.effect('call', [actx], { sym: app.symbols.func(appStart) });
  b.ret([]);
  return b.finish();
}

/** `__mewz_<builtin>(...)`: the same call on the kernel's export, with the kernel's context first. */
export function builtinThunk(name: BuiltinName, kernel: LoweredModule, func: number): IrFunction {
  const { params, results } = BUILTINS[name];
  return contextFreeCall(builtinSymbol(name), params, results, kernel, func);
}

/**
 * A platform's kernel entry (`PlatformPlugin.kernelEntries`): `entry.symbol(...params)`
 * in the native convention without a context, calling the kernel's function `func` (its
 * export `entry.export`) with the kernel's context first.
 */
export function kernelEntryFunction(entry: KernelEntry, kernel: LoweredModule, func: number): IrFunction {
  return contextFreeCall(entry.symbol, entry.params, entry.results, kernel, func);
}

/** `symbol(...params)`: the kernel's function `func` with the kernel's context first, its results returned. */
function contextFreeCall(symbol: string, params: readonly IrType[], results: readonly IrType[], kernel: LoweredModule, func: number): IrFunction {
  const b = new FunctionBuilder(symbol, [...params], [...results]);
  const out = b.insts('call', [...results], [symbolAddr(b, kernel.symbols.vmctx), ...b.current.params], { sym: kernel.symbols.func(func) });
  b.ret(out);
  return b.finish();
}

/** `__mewz_report_trap(code, funcIndex)`: the kernel's `mewz_trap` with the trap info. */
export function reportTrapFunction(kernel: LoweredModule, func: number, infoSymbol: string): IrFunction {
  const b = new FunctionBuilder(PLATFORM_SYMBOLS.reportTrap, ['i32', 'i32'], []);
  const [code, funcIndex] = b.current.params;
  b.effect('call', [symbolAddr(b, kernel.symbols.vmctx), code, funcIndex, symbolAddr(b, infoSymbol)], { sym: kernel.symbols.func(func) });
  b.ret([]);
  return b.finish();
}

const WASI_ENOSYS = 52n;

const irType = (t: string): IrType => (t === 'funcref' || t === 'externref' ? 'i64' : (t as IrType));

/**
 * A function for an import nobody provides: it returns ENOSYS as its first result when
 * that is an i32 (the WASI convention), zeros otherwise. Called through a FuncRef, so it
 * takes a (null) context first.
 */
export function enosysStub(symbol: string, type: FuncType): IrFunction {
  const results = type.results.map(irType);
  const b = new FunctionBuilder(symbol, ['i64', ...type.params.map(irType)], results);
  b.ret(results.map((t, i) => b.const(t, i === 0 && t === 'i32' ? WASI_ENOSYS : 0n)));
  return b.finish();
}

/** The FuncRef of a stub: its code, no context, its signature's identity. */
export function stubFuncRef(refSymbol: string, stub: string, type: FuncType): GlueData {
  return {
    symbol: refSymbol,
    bytes: new Uint8Array(FuncRef.size),
    align: 8,
    refs: [
      { offset: FuncRef.code, symbol: stub, addend: 0 },
      { offset: FuncRef.typeId, symbol: signatureSymbol(type.params, type.results), addend: 0 },
    ],
  };
}
