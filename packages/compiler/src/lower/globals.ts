import type { Value } from '../ir/function.js';
import type { LowerContext } from './context.js';
import { irType } from './module-info.js';

/**
 * global.get / global.set. A defined global lives in the instance context; an imported one
 * has a pointer to its cell there (the exporting instance's slot, or the runtime's cell).
 */
export function globalGet(ctx: LowerContext, index: number): Value {
  const type = irType(ctx.info.globals[index].valType);
  const slot = ctx.info.layout.globals[index];
  if (!slot.indirect) return ctx.loadVm(slot.offset, type);
  return ctx.load(type, ctx.loadVm(slot.offset), 0);
}

export function globalSet(ctx: LowerContext, index: number, value: Value): void {
  const slot = ctx.info.layout.globals[index];
  if (!slot.indirect) ctx.storeVm(slot.offset, value);
  else ctx.store(ctx.loadVm(slot.offset), value, 0);
}
