import type { FuncType, ValType } from '@mewz/wasm';
import type { InstanceSymbols } from '../abi/symbols.js';
import { FunctionBuilder } from '../ir/builder.js';
import type { IrFunction } from '../ir/function.js';
import { callFuncRef } from './calls.js';
import { LowerContext } from './context.js';
import { irType, type ModuleInfo } from './module-info.js';

/** The key of a signature in `LoweredModule.invokers`, e.g. `i32_i64.f32` or `v.v`. */
export function signatureKey(params: readonly ValType[], results: readonly ValType[]): string {
  return `${params.join('_') || 'v'}.${results.join('_') || 'v'}`;
}

export function invokeSymbol(symbols: InstanceSymbols, key: string): string {
  return `${symbols.prefix}.invoke.${key}`;
}

/**
 * The trampoline through which a runtime calls exported functions of one signature:
 * `invoke(funcref, args, results)`. Argument k is read from the 8-byte slot `args + 8k`
 * and result k written to `results + 8k`. An i32 or f32 occupies the low 4 bytes of its
 * slot (little-endian: the first 4 bytes), and only those are read or written; i64, f64
 * and references use all 8.
 */
export function lowerInvoke(info: ModuleInfo, type: FuncType): IrFunction {
  const key = signatureKey(type.params, type.results);
  for (const t of [...type.params, ...type.results]) {
    if (t === 'v128') throw new Error(`SIMD is not supported yet: v128 in exported signature ${key}`);
  }
  const b = new FunctionBuilder(invokeSymbol(info.symbols, key), ['i64', 'i64', 'i64'], []);
  const ctx = new LowerContext(info, b, -1);
  const [ref, args, results] = b.current.params;
  const values = type.params.map((t, k) => ctx.load(irType(t), args, 8 * k));
  callFuncRef(ctx, ref, type, values).forEach((v, k) => ctx.store(results, v, 8 * k));
  b.ret([]);
  return b.finish();
}
