import { invalid } from './errors.js';
import type { ConstExpr, ValType } from './model.js';
import type { ValidationContext } from './validation-context.js';

/**
 * Checks that `expr` is constant and yields exactly one `expected` value. As in Wasm 2.0,
 * global.get may only read imported immutable globals.
 */
export function validateConstExpr(ctx: ValidationContext, expr: ConstExpr, expected: ValType): void {
  const stack: ValType[] = [];
  for (const ins of expr.instrs) {
    switch (ins.op) {
      case 'i32.const':
      case 'i64.const':
      case 'f32.const':
      case 'f64.const':
      case 'v128.const':
        stack.push(ins.op.slice(0, ins.op.indexOf('.')) as ValType);
        break;
      case 'ref.null':
        stack.push(ins.type);
        break;
      case 'ref.func':
        if (ins.index >= ctx.funcs.length) throw invalid(`unknown function ${ins.index}`, ins.offset);
        stack.push('funcref');
        break;
      case 'global.get': {
        if (ins.index >= ctx.module.importedGlobalCount) throw invalid(`unknown global ${ins.index}`, ins.offset);
        const g = ctx.globals[ins.index];
        if (g.mutable) throw invalid('constant expression required', ins.offset);
        stack.push(g.valType);
        break;
      }
      case 'other':
        throw invalid('constant expression required', ins.offset);
    }
  }
  if (stack.length !== 1 || stack[0] !== expected) {
    const got = stack.length === 0 ? 'nothing' : stack.join(' ');
    throw invalid(`type mismatch in constant expression: expected ${expected}, got ${got}`, expr.start);
  }
}
