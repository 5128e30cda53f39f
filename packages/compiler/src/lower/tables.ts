import { Op as W } from '@mewz/wasm';
import { TableObject } from '../abi/instance-layout.js';
import type { InstanceSymbols } from '../abi/symbols.js';
import type { Value } from '../ir/function.js';
import { IntCond } from '../ir/ops.js';
import { TrapCode } from '../ir/types.js';
import type { LowerContext } from './context.js';
import type { ControlStack } from './control.js';

/** Trusted mode: the data object holding the elements of defined table `k`. */
export const staticTableSymbol = (symbols: InstanceSymbols, k: number): string => `${symbols.prefix}.table${k}`;

/** The TableObject of table `index` (own or imported). */
export function tableObject(ctx: LowerContext, index: number): Value {
  return ctx.loadVm(ctx.info.layout.tables[index]);
}

export function tableLength(ctx: LowerContext, table: Value): Value {
  return ctx.load('i32', table, TableObject.length, 4);
}

/** Address of element `index` (an i32) in the element array. */
export function elementAddr(ctx: LowerContext, table: Value, index: Value): Value {
  const elements = ctx.load('i64', table, TableObject.elements);
  return ctx.op('add', 'i64', [elements, ctx.op('shl', 'i64', [ctx.zext(index), ctx.i64(3)])]);
}

/** Element `index` of a table after checking it is below the length (trap `code`). */
export function checkedElementAddr(ctx: LowerContext, table: Value, index: Value, code: TrapCode): Value {
  ctx.trapIf(ctx.icmp(IntCond.ge_u, index, tableLength(ctx, table)), code);
  return elementAddr(ctx, table, index);
}

/** ref.func: the FuncRef of a defined function lives in the context; an import's is its slot. */
export function funcRef(ctx: LowerContext, func: number): Value {
  const { layout } = ctx.info;
  if (func < ctx.info.module.importedFuncCount) return ctx.loadVm(layout.importedFuncs[func]);
  const offset = layout.funcRefs.get(func);
  if (offset === undefined) throw new Error(`ref.func ${func}: the function is not declared as referenced`);
  return ctx.addr(ctx.vmctx, offset);
}

/** Items of element segment `seg` start in the instance context. */
function elemItemsAddr(ctx: LowerContext, seg: number): Value {
  return ctx.addr(ctx.vmctx, ctx.info.layout.elemItems[seg]);
}

function elemLength(ctx: LowerContext, seg: number): Value {
  return ctx.zext(ctx.loadVm(ctx.info.layout.elemLengths[seg], 'i32', 4));
}

/** Byte size of n elements (n an i64). */
const elemBytes = (ctx: LowerContext, n: Value): Value => ctx.op('shl', 'i64', [n, ctx.i64(3)]);

/**
 * table.fill t i val n: a loop storing `val` n times after the bounds check (which traps
 * even for n = 0 when i is past the end).
 */
function tableFill(ctx: LowerContext, tableIndex: number, start: Value, value: Value, len: Value): void {
  const b = ctx.b;
  const table = tableObject(ctx, tableIndex);
  const i = ctx.zext(start);
  const n = ctx.zext(len);
  ctx.boundsCheck(i, n, ctx.zext(tableLength(ctx, table)), TrapCode.OutOfBoundsTable);
  const first = elementAddr(ctx, table, start);
  const end = ctx.op('add', 'i64', [first, elemBytes(ctx, n)]);
  const header = b.newBlock(['i64']);
  const body = b.newBlock();
  const exit = b.newBlock();
  b.jump(header, [first]);
  b.switchTo(header);
  const at = header.params[0];
  b.brIf(ctx.icmp(IntCond.eq, at, end), exit, [], body, []);
  b.seal(body);
  b.switchTo(body);
  ctx.store(at, value, 0, 8);
  b.jump(header, [ctx.op('add', 'i64', [at, ctx.i64(8)])]);
  b.seal(header);
  b.seal(exit);
  b.switchTo(exit);
}

/** table.copy x y: d s n, ranges may overlap (memmove). */
function tableCopy(ctx: LowerContext, dstIndex: number, srcIndex: number, dst: Value, src: Value, len: Value): void {
  const dt = tableObject(ctx, dstIndex);
  const st = srcIndex === dstIndex ? dt : tableObject(ctx, srcIndex);
  const n = ctx.zext(len);
  ctx.boundsCheck(ctx.zext(src), n, ctx.zext(tableLength(ctx, st)), TrapCode.OutOfBoundsTable);
  ctx.boundsCheck(ctx.zext(dst), n, ctx.zext(tableLength(ctx, dt)), TrapCode.OutOfBoundsTable);
  ctx.callBuiltin('memmove', [], [elementAddr(ctx, dt, dst), elementAddr(ctx, st, src), elemBytes(ctx, n)]);
}

/** table.init seg x: d s n, from the segment's evaluated items. */
function tableInit(ctx: LowerContext, seg: number, tableIndex: number, dst: Value, src: Value, len: Value): void {
  const table = tableObject(ctx, tableIndex);
  const s = ctx.zext(src);
  const n = ctx.zext(len);
  ctx.boundsCheck(s, n, elemLength(ctx, seg), TrapCode.OutOfBoundsTable);
  ctx.boundsCheck(ctx.zext(dst), n, ctx.zext(tableLength(ctx, table)), TrapCode.OutOfBoundsTable);
  const from = ctx.op('add', 'i64', [elemItemsAddr(ctx, seg), elemBytes(ctx, s)]);
  ctx.callBuiltin('memmove', [], [elementAddr(ctx, table, dst), from, elemBytes(ctx, n)]);
}

/** Lowers the table and reference instructions; false if `op` is not one. */
export function lowerTableOp(ctx: LowerContext, stack: ControlStack, op: number, index: number, index2: number): boolean {
  switch (op) {
    case W.TableGet: {
      const at = checkedElementAddr(ctx, tableObject(ctx, index), stack.pop(), TrapCode.OutOfBoundsTable);
      stack.push(ctx.load('i64', at, 0));
      return true;
    }
    case W.TableSet: {
      const value = stack.pop();
      const at = checkedElementAddr(ctx, tableObject(ctx, index), stack.pop(), TrapCode.OutOfBoundsTable);
      ctx.store(at, value, 0, 8);
      return true;
    }
    case W.TableSize:
      stack.push(tableLength(ctx, tableObject(ctx, index)));
      return true;
    case W.TableGrow: {
      const [init, delta] = stack.popN(2);
      if (ctx.info.mode.trusted) {
        // Static tables keep their size: growing by 0 reports it, anything else fails.
        const unchanged = ctx.icmp(IntCond.eq, delta, ctx.i32(0));
        stack.push(ctx.op('select', 'i32', [unchanged, tableLength(ctx, tableObject(ctx, index)), ctx.i32(-1)]));
        return true;
      }
      stack.push(ctx.callBuiltin('table_grow', ['i32'], [tableObject(ctx, index), init, delta])[0]);
      return true;
    }
    case W.TableFill: {
      const [i, v, n] = stack.popN(3);
      tableFill(ctx, index, i, v, n);
      return true;
    }
    case W.TableCopy: {
      const [d, s, n] = stack.popN(3);
      tableCopy(ctx, index, index2, d, s, n);
      return true;
    }
    case W.TableInit: {
      const [d, s, n] = stack.popN(3);
      tableInit(ctx, index, index2, d, s, n);
      return true;
    }
    case W.ElemDrop:
      ctx.storeVm(ctx.info.layout.elemLengths[index], ctx.i32(0), 4);
      return true;
    case W.RefNull:
      stack.push(ctx.i64(0));
      return true;
    case W.RefIsNull:
      stack.push(ctx.icmp(IntCond.eq, stack.pop(), ctx.i64(0)));
      return true;
    case W.RefFunc:
      stack.push(funcRef(ctx, index));
      return true;
  }
  return false;
}
