import { FuncRef, MemoryObject, TableObject } from '../abi/instance-layout.js';
import { FunctionBuilder } from '../ir/builder.js';
import type { IrFunction, Value } from '../ir/function.js';
import { TrapCode } from '../ir/types.js';
import { callFuncRef } from './calls.js';
import { lowerConstExpr } from './const-expr.js';
import { LowerContext } from './context.js';
import { globalSet } from './globals.js';
import type { ModuleInfo } from './module-info.js';
import { elementAddr, funcRef, staticTableSymbol, tableLength, tableObject } from './tables.js';

/**
 * The instance's `instantiate(vmctx, imports)`: everything the spec's instantiation does
 * after import resolution, in its order. `imports` points to one 8-byte pointer per import,
 * in import order: a FuncRef, TableObject, MemoryObject or the cell of a global.
 *
 * The runtime writes the stack limit (context offset 0) before calling it; a trap here
 * means the module is uninstantiable (segments applied before the trap stay applied, as
 * the spec requires).
 */
export function lowerInstantiate(info: ModuleInfo): IrFunction {
  const { module, layout, symbols } = info;
  const b = new FunctionBuilder(symbols.instantiate, ['i64', 'i64'], []);
  const ctx = new LowerContext(info, b, -1);
  const vmctx = ctx.vmctx;
  const imports = b.current.params[1];

  // Imports into their slots.
  let funcs = 0;
  let tables = 0;
  let globals = 0;
  module.imports.forEach((imp, k) => {
    if (imp.desc.kind === 'func') {
      const func = funcs++;
      // Intrinsics have no FuncRef (their slot stays null); a direct import is the module's own export.
      if (info.intrinsicImports.has(func)) return;
      const direct = info.mode.directImports.get(func);
      if (direct !== undefined) {
        const own = layout.funcRefs.get(direct);
        if (own === undefined) throw new Error(`import ${func} is bound to function ${direct}, which has no FuncRef (not exported)`);
        ctx.storeVm(layout.importedFuncs[func], ctx.addr(vmctx, own));
        return;
      }
    }
    const ptr = ctx.load('i64', imports, 8 * k);
    switch (imp.desc.kind) {
      case 'func':
        ctx.storeVm(layout.importedFuncs[funcs - 1], ptr);
        break;
      case 'table':
        ctx.storeVm(layout.tables[tables++], ptr);
        break;
      case 'memory':
        ctx.storeVm(layout.memoryObject, ptr);
        ctx.storeVm(layout.memoryBase, ctx.load('i64', ptr, MemoryObject.base));
        break;
      case 'global':
        ctx.storeVm(layout.globals[globals++].offset, ptr);
        break;
    }
  });

  // Defined globals, in order (an initialiser may read an imported global).
  module.globals.forEach((g, i) => globalSet(ctx, module.importedGlobalCount + i, lowerConstExpr(ctx, g.init)));

  // Own memory and tables.
  for (const mem of module.memories) {
    const obj = ctx.addr(vmctx, layout.ownMemory);
    ctx.storeVm(layout.memoryObject, obj);
    const { min, max } = mem.type.limits;
    if (info.mode.trusted) {
      // The window is the memory, mapped before the kernel starts: nothing to allocate.
      const bytes = info.mode.windowBytes;
      ctx.store(obj, ctx.i64(0), MemoryObject.base);
      ctx.store(obj, ctx.i64(bytes), MemoryObject.byteLength);
      ctx.store(obj, ctx.i64(bytes / 0x1_0000), MemoryObject.maxPages);
    } else {
      const reserve = Math.max(min, Math.min(max ?? 65536, info.mode.maxMemoryPages));
      ctx.callBuiltin('memory_new', [], [obj, ctx.i32(min), ctx.i32(reserve)]);
    }
    ctx.storeVm(layout.memoryBase, ctx.load('i64', obj, MemoryObject.base));
  }
  module.tables.forEach((t, k) => {
    const obj = ctx.addr(vmctx, layout.ownTables[k]);
    ctx.storeVm(layout.tables[module.importedTableCount + k], obj);
    const { min, max } = t.type.limits;
    if (info.mode.trusted) {
      // Static: the elements are a data object of the image, and the table never grows.
      ctx.store(obj, ctx.i32(min), TableObject.length, 4);
      ctx.store(obj, ctx.i32(min), TableObject.max, 4);
      ctx.store(obj, ctx.symbolAddr(staticTableSymbol(symbols, k)), TableObject.elements);
    } else {
      ctx.callBuiltin('table_new', [], [obj, ctx.i32(min), ctx.i32(max ?? 0xffffffff)]);
    }
  });

  // FuncRefs of the defined functions that can become references.
  for (const [func, offset] of layout.funcRefs) {
    const ref = ctx.addr(vmctx, offset);
    const type = info.funcTypes[func];
    ctx.store(ref, ctx.symbolAddr(symbols.func(func)), FuncRef.code);
    ctx.store(ref, vmctx, FuncRef.vmctx);
    ctx.store(ref, ctx.signatureAddr(type.params, type.results), FuncRef.typeId);
  }

  // Segment lengths, then the evaluated items of element segments.
  module.datas.forEach((d, i) => ctx.storeVm(layout.dataLengths[i], ctx.i32(d.init.length), 4));
  module.elements.forEach((e, i) => ctx.storeVm(layout.elemLengths[i], ctx.i32(e.count), 4));
  module.elements.forEach((e, i) => {
    const items: (() => Value)[] = e.funcs ? e.funcs.map((f) => () => funcRef(ctx, f)) : (e.exprs ?? []).map((x) => () => lowerConstExpr(ctx, x));
    items.forEach((item, k) => ctx.storeVm(layout.elemItems[i] + 8 * k, item(), 8));
  });

  // Active element segments in order, each as table.init then elem.drop; declarative ones
  // are dropped.
  module.elements.forEach((e, i) => {
    if (e.mode === 'passive') return;
    if (e.mode === 'active') {
      const offset = lowerConstExpr(ctx, e.offsetExpr!);
      const table = tableObject(ctx, e.table);
      const n = ctx.i64(e.count);
      ctx.boundsCheck(ctx.zext(offset), n, ctx.zext(tableLength(ctx, table)), TrapCode.OutOfBoundsTable);
      if (e.count > 0) {
        ctx.callBuiltin('memmove', [], [elementAddr(ctx, table, offset), ctx.addr(vmctx, layout.elemItems[i]), ctx.i64(8 * e.count)]);
      }
    }
    ctx.storeVm(layout.elemLengths[i], ctx.i32(0), 4);
  });

  // Active data segments in order, each as memory.init then data.drop.
  module.datas.forEach((d, i) => {
    if (d.mode !== 'active') return;
    const offset = ctx.zext(lowerConstExpr(ctx, d.offsetExpr!));
    const n = ctx.i64(d.init.length);
    const size = ctx.load('i64', ctx.loadVm(layout.memoryObject), MemoryObject.byteLength);
    ctx.boundsCheck(offset, n, size, TrapCode.OutOfBoundsMemory);
    if (d.init.length > 0) {
      const dst = ctx.op('add', 'i64', [ctx.loadVm(layout.memoryBase), offset]);
      ctx.callBuiltin('memmove', [], [dst, ctx.symbolAddr(symbols.data(i)), n]);
    }
    ctx.storeVm(layout.dataLengths[i], ctx.i32(0), 4);
  });

  if (module.start !== undefined) {
    const start = module.start;
    if (start < module.importedFuncCount) callFuncRef(ctx, ctx.loadVm(layout.importedFuncs[start]), info.funcTypes[start], []);
    else ctx.call(symbols.func(start), [], [vmctx]);
  }
  b.ret([]);
  return b.finish();
}
