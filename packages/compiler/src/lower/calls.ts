import type { FuncType } from '@mewz/wasm';
import type { BuiltinName } from '../abi/builtins.js';
import { FuncRef } from '../abi/instance-layout.js';
import { INTRINSICS, type IntrinsicInfo, type IntrinsicName } from '../abi/intrinsics.js';
import type { Value } from '../ir/function.js';
import { IntCond } from '../ir/ops.js';
import { TrapCode } from '../ir/types.js';
import type { LowerContext } from './context.js';
import type { ControlStack } from './control.js';
import { irTypes } from './module-info.js';
import { checkedElementAddr, tableObject } from './tables.js';

/** Calls the function a FuncRef points to: its code with its own instance context. */
export function callFuncRef(ctx: LowerContext, ref: Value, type: FuncType, args: Value[]): Value[] {
  const code = ctx.load('i64', ref, FuncRef.code);
  const calleeVmctx = ctx.load('i64', ref, FuncRef.vmctx);
  return ctx.callIndirect(code, irTypes(type.results), [calleeVmctx, ...args]);
}

/** A call of an intrinsic import: inline ones are `intrinsic` instructions, the others builtin calls. */
function lowerIntrinsic(ctx: LowerContext, name: IntrinsicName, args: Value[]): Value[] {
  const info: IntrinsicInfo = INTRINSICS[name];
  if (info.lowering === 'builtin') return ctx.callBuiltin(name as BuiltinName, info.results, args);
  return ctx.b.insts('intrinsic', info.results, args, { sym: name });
}

/** `call f`: defined functions directly by symbol, imports through their FuncRef. */
export function lowerCall(ctx: LowerContext, stack: ControlStack, func: number): void {
  const { module, layout, symbols } = ctx.info;
  const type = ctx.info.funcTypes[func];
  const args = stack.popN(type.params.length);
  let results: Value[];
  const intrinsic = ctx.info.intrinsicImports.get(func);
  const direct = ctx.info.mode.directImports.get(func);
  if (intrinsic !== undefined) {
    results = lowerIntrinsic(ctx, intrinsic, args);
  } else if (direct !== undefined) {
    results = ctx.call(symbols.func(direct), irTypes(type.results), [ctx.vmctx, ...args]);
  } else if (func < module.importedFuncCount) {
    results = callFuncRef(ctx, ctx.loadVm(layout.importedFuncs[func]), type, args);
  } else {
    results = ctx.call(symbols.func(func), irTypes(type.results), [ctx.vmctx, ...args]);
  }
  for (const r of results) stack.push(r);
}

/**
 * `call_indirect type table`: the index must be inside the table (undefined element), the
 * entry non-null (uninitialized element) and of the expected signature, compared by the
 * address of the signature's symbol (indirect call type mismatch).
 */
export function lowerCallIndirect(ctx: LowerContext, stack: ControlStack, typeIndex: number, tableIndex: number): void {
  const type = ctx.info.module.types[typeIndex];
  const index = stack.pop();
  const args = stack.popN(type.params.length);
  const at = checkedElementAddr(ctx, tableObject(ctx, tableIndex), index, TrapCode.UndefinedElement);
  const ref = ctx.load('i64', at, 0);
  ctx.trapUnless(ref, TrapCode.UninitializedElement);
  const typeId = ctx.load('i64', ref, FuncRef.typeId);
  ctx.trapIf(ctx.icmp(IntCond.ne, typeId, ctx.signatureAddr(type.params, type.results)), TrapCode.IndirectCallTypeMismatch);
  for (const r of callFuncRef(ctx, ref, type, args)) stack.push(r);
}
