import type { ConstExpr } from '@mewz/wasm';
import type { Value } from '../ir/function.js';
import type { LowerContext } from './context.js';
import { globalGet } from './globals.js';
import { funcRef } from './tables.js';

/** Emits code computing a constant expression (global initialisers, segment offsets and items). */
export function lowerConstExpr(ctx: LowerContext, expr: ConstExpr): Value {
  const stack: Value[] = [];
  for (const instr of expr.instrs) {
    switch (instr.op) {
      case 'i32.const':
        stack.push(ctx.i32(instr.value));
        break;
      case 'i64.const':
        stack.push(ctx.i64(instr.value));
        break;
      case 'f32.const':
        stack.push(ctx.const('f32', BigInt(instr.bits >>> 0)));
        break;
      case 'f64.const':
        stack.push(ctx.const('f64', BigInt.asUintN(64, instr.bits)));
        break;
      case 'v128.const': {
        let bits = 0n;
        for (let i = 15; i >= 0; i--) bits = (bits << 8n) | BigInt(instr.bytes[i]);
        stack.push(ctx.const('v128', bits));
        break;
      }
      case 'ref.null':
        stack.push(ctx.i64(0));
        break;
      case 'ref.func':
        stack.push(funcRef(ctx, instr.index));
        break;
      case 'global.get':
        stack.push(globalGet(ctx, instr.index));
        break;
      default:
        throw new Error(`unsupported instruction 0x${instr.opcode.toString(16)} in a constant expression`);
    }
  }
  if (stack.length !== 1) throw new Error('a constant expression must produce exactly one value');
  return stack[0];
}
