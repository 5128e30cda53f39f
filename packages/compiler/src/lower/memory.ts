import { Op as W } from '@mewz/wasm';
import type { Value } from '../ir/function.js';
import { IntCond } from '../ir/ops.js';
import { type IrType, TrapCode } from '../ir/types.js';
import type { LowerContext } from './context.js';
import type { ControlStack } from './control.js';

interface Access {
  type: IrType;
  width: 1 | 2 | 4 | 8;
  signed: boolean;
}

const access = (type: IrType, width: 1 | 2 | 4 | 8, signed = false): Access => ({ type, width, signed });

const LOADS = new Map<number, Access>([
  [W.I32Load, access('i32', 4)],
  [W.I64Load, access('i64', 8)],
  [W.F32Load, access('f32', 4)],
  [W.F64Load, access('f64', 8)],
  [W.I32Load8S, access('i32', 1, true)],
  [W.I32Load8U, access('i32', 1)],
  [W.I32Load16S, access('i32', 2, true)],
  [W.I32Load16U, access('i32', 2)],
  [W.I64Load8S, access('i64', 1, true)],
  [W.I64Load8U, access('i64', 1)],
  [W.I64Load16S, access('i64', 2, true)],
  [W.I64Load16U, access('i64', 2)],
  [W.I64Load32S, access('i64', 4, true)],
  [W.I64Load32U, access('i64', 4)],
]);

const STORES = new Map<number, Access>([
  [W.I32Store, access('i32', 4)],
  [W.I64Store, access('i64', 8)],
  [W.F32Store, access('f32', 4)],
  [W.F64Store, access('f64', 8)],
  [W.I32Store8, access('i32', 1)],
  [W.I32Store16, access('i32', 2)],
  [W.I64Store8, access('i64', 1)],
  [W.I64Store16, access('i64', 2)],
  [W.I64Store32, access('i64', 4)],
]);

/**
 * The native address of a Wasm access of `width` bytes at `index + offset`, bounds
 * checked against the current memory size. The static offset stays an immediate of both
 * the check and the access.
 */
function heapAddr(ctx: LowerContext, index: Value, offset: number, width: number): Value {
  // Trusted code addresses the machine directly: the index is the native address.
  if (ctx.info.mode.trusted) return ctx.zext(index);
  return ctx.b.inst('heap_addr', 'i64', [index, ctx.memoryBase(), ctx.memorySize()], { imm: offset + width });
}

/** Lowers a load or store; returns false if `op` is not one. `offset` is the memarg offset. */
export function lowerLoadStore(ctx: LowerContext, stack: ControlStack, op: number, offset: number): boolean {
  const load = LOADS.get(op);
  if (load) {
    const addr = heapAddr(ctx, stack.pop(), offset, load.width);
    stack.push(ctx.load(load.type, addr, offset, load.width, load.signed));
    return true;
  }
  const store = STORES.get(op);
  if (store) {
    const value = stack.pop();
    const addr = heapAddr(ctx, stack.pop(), offset, store.width);
    ctx.store(addr, value, offset, store.width);
    return true;
  }
  return false;
}

export function memorySize(ctx: LowerContext): Value {
  return ctx.op('wrap', 'i32', [ctx.op('shr_u', 'i64', [ctx.memorySize(), ctx.i64(16)])]);
}

export function memoryGrow(ctx: LowerContext, delta: Value): Value {
  if (ctx.info.mode.trusted) {
    // The window is all there is: growing by 0 reports the size, anything else fails.
    const unchanged = ctx.icmp(IntCond.eq, delta, ctx.i32(0));
    return ctx.op('select', 'i32', [unchanged, memorySize(ctx), ctx.i32(-1)]);
  }
  return ctx.callBuiltin('memory_grow', ['i32'], [ctx.memoryObject(), delta])[0];
}

/** memory.fill d val n: bounds first (even for n = 0 past the end), then memset. */
export function memoryFill(ctx: LowerContext, dst: Value, byte: Value, len: Value): void {
  const d = ctx.zext(dst);
  const n = ctx.zext(len);
  if (!ctx.info.mode.trusted) ctx.boundsCheck(d, n, ctx.memorySize(), TrapCode.OutOfBoundsMemory);
  ctx.callBuiltin('memset', [], [ctx.op('add', 'i64', [ctx.memoryBase(), d]), byte, n]);
}

/** memory.copy d s n: both ranges checked, then memmove (the ranges may overlap). */
export function memoryCopy(ctx: LowerContext, dst: Value, src: Value, len: Value): void {
  const d = ctx.zext(dst);
  const s = ctx.zext(src);
  const n = ctx.zext(len);
  if (!ctx.info.mode.trusted) {
    const size = ctx.memorySize();
    ctx.boundsCheck(s, n, size, TrapCode.OutOfBoundsMemory);
    ctx.boundsCheck(d, n, size, TrapCode.OutOfBoundsMemory);
  }
  const base = ctx.memoryBase();
  ctx.callBuiltin('memmove', [], [ctx.op('add', 'i64', [base, d]), ctx.op('add', 'i64', [base, s]), n]);
}

/** The current length of data segment `seg` (0 once dropped), as i64. */
function dataLength(ctx: LowerContext, seg: number): Value {
  return ctx.zext(ctx.loadVm(ctx.info.layout.dataLengths[seg], 'i32', 4));
}

/** memory.init seg d s n: copies bytes [s, s+n) of the segment to memory at d. */
export function memoryInit(ctx: LowerContext, seg: number, dst: Value, src: Value, len: Value): void {
  const d = ctx.zext(dst);
  const s = ctx.zext(src);
  const n = ctx.zext(len);
  ctx.boundsCheck(s, n, dataLength(ctx, seg), TrapCode.OutOfBoundsMemory);
  if (!ctx.info.mode.trusted) ctx.boundsCheck(d, n, ctx.memorySize(), TrapCode.OutOfBoundsMemory);
  const from = ctx.op('add', 'i64', [ctx.symbolAddr(ctx.info.symbols.data(seg)), s]);
  ctx.callBuiltin('memmove', [], [ctx.op('add', 'i64', [ctx.memoryBase(), d]), from, n]);
}

export function dataDrop(ctx: LowerContext, seg: number): void {
  ctx.storeVm(ctx.info.layout.dataLengths[seg], ctx.i32(0), 4);
}

/** Lowers memory.size/grow and the bulk memory instructions; false if `op` is not one. */
export function lowerMemoryOp(ctx: LowerContext, stack: ControlStack, op: number, index: number): boolean {
  switch (op) {
    case W.MemorySize:
      stack.push(memorySize(ctx));
      return true;
    case W.MemoryGrow:
      stack.push(memoryGrow(ctx, stack.pop()));
      return true;
    case W.MemoryFill: {
      const [d, v, n] = stack.popN(3);
      memoryFill(ctx, d, v, n);
      return true;
    }
    case W.MemoryCopy: {
      const [d, s, n] = stack.popN(3);
      memoryCopy(ctx, d, s, n);
      return true;
    }
    case W.MemoryInit: {
      const [d, s, n] = stack.popN(3);
      memoryInit(ctx, index, d, s, n);
      return true;
    }
    case W.DataDrop:
      dataDrop(ctx, index);
      return true;
  }
  return false;
}
