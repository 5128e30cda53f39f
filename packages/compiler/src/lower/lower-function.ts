import { InstructionReader, Op as W, opName } from '@mewz/wasm';
import { FunctionBuilder } from '../ir/builder.js';
import type { IrFunction } from '../ir/function.js';
import { IntCond } from '../ir/ops.js';
import { TrapCode } from '../ir/types.js';
import { lowerCall, lowerCallIndirect } from './calls.js';
import { LowerContext } from './context.js';
import { ControlStack } from './control.js';
import { lowerTrunc } from './conversions.js';
import { globalGet, globalSet } from './globals.js';
import { Locals } from './locals.js';
import { lowerLoadStore, lowerMemoryOp } from './memory.js';
import { irTypes, type ModuleInfo } from './module-info.js';
import { lowerNumeric } from './numeric.js';
import { lowerTableOp } from './tables.js';

/**
 * Every function starts by checking the native stack against the limit in the context,
 * so that deep recursion traps instead of overflowing.
 */
function stackCheck(ctx: LowerContext): void {
  const sp = ctx.b.inst('intrinsic', 'i64', [], { sym: 'stack_pointer' });
  const limit = ctx.loadVm(ctx.info.layout.stackLimit);
  ctx.trapIf(ctx.icmp(IntCond.lt_u, sp, limit), TrapCode.CallStackExhausted);
}

/**
 * Lowers defined function `funcIndex` (function index space) to IR with the signature
 * `(vmctx: i64, ...params) -> (...results)`. The module must be valid.
 */
export function lowerFunctionWith(info: ModuleInfo, funcIndex: number): IrFunction {
  const { module, symbols } = info;
  const code = module.codes[funcIndex - module.importedFuncCount];
  if (!code) throw new Error(`func ${funcIndex} is not a defined function`);
  const type = info.funcTypes[funcIndex];
  const results = irTypes(type.results);
  const b = new FunctionBuilder(symbols.func(funcIndex), ['i64', ...irTypes(type.params)], results);
  const ctx = new LowerContext(info, b, funcIndex);
  stackCheck(ctx);
  const locals = new Locals(ctx, type.params, code);
  const ctl = new ControlStack(ctx);
  ctl.enterFunction(results);

  const r = new InstructionReader(module.bytes);
  r.reset(code.bodyStart, code.bodyEnd);
  /** Constructs opened inside dead code, whose `end`s are skipped too. */
  let deadDepth = 0;
  for (;;) {
    r.next();
    const op = r.op;
    if (ctl.dead) {
      // Skip to the `else` or `end` that makes code reachable again.
      if (op === W.Block || op === W.Loop || op === W.If) deadDepth++;
      else if (op === W.End) {
        if (deadDepth > 0) deadDepth--;
        else if (ctl.exit()) break;
      } else if (op === W.Else && deadDepth === 0) ctl.enterElse();
      continue;
    }
    switch (op) {
      case W.Unreachable:
        b.trap(TrapCode.Unreachable);
        ctl.setDead();
        break;
      case W.Nop:
        break;
      case W.Block:
        ctl.enterBlock(r.blockType);
        break;
      case W.Loop:
        ctl.enterLoop(r.blockType);
        break;
      case W.If:
        ctl.enterIf(r.blockType);
        break;
      case W.Else:
        ctl.enterElse();
        break;
      case W.End:
        if (ctl.exit()) return finish(b);
        break;
      case W.Br:
        ctl.br(r.index);
        break;
      case W.BrIf:
        ctl.brIf(r.index);
        break;
      case W.BrTable:
        ctl.brTable(r.brTargets, r.brCount, r.index);
        break;
      case W.Return:
        ctl.ret();
        break;
      case W.Call:
        lowerCall(ctx, ctl, r.index);
        break;
      case W.CallIndirect:
        lowerCallIndirect(ctx, ctl, r.index, r.index2);
        break;
      case W.Drop:
        ctl.pop();
        break;
      case W.Select:
      case W.SelectT: {
        const cond = ctl.pop();
        const [x, y] = ctl.popN(2);
        ctl.push(ctx.op('select', b.func.typeOf(x), [cond, x, y]));
        break;
      }
      case W.LocalGet:
        ctl.push(locals.get(r.index));
        break;
      case W.LocalSet:
        locals.set(r.index, ctl.pop());
        break;
      case W.LocalTee:
        locals.set(r.index, ctl.peekN(1)[0]);
        break;
      case W.GlobalGet:
        ctl.push(globalGet(ctx, r.index));
        break;
      case W.GlobalSet:
        globalSet(ctx, r.index, ctl.pop());
        break;
      case W.I32Const:
        ctl.push(ctx.i32(r.i32));
        break;
      case W.I64Const:
        ctl.push(ctx.i64(r.i64));
        break;
      case W.F32Const:
        ctl.push(ctx.const('f32', BigInt(r.f32bits >>> 0)));
        break;
      case W.F64Const:
        ctl.push(ctx.const('f64', BigInt.asUintN(64, r.f64bits)));
        break;
      default:
        if (op >= 0xfd00) throw new Error(`SIMD is not supported yet: ${opName(op)} in func ${funcIndex}`);
        if (lowerNumeric(ctx, ctl, op)) break;
        if (lowerLoadStore(ctx, ctl, op, r.memOffset)) break;
        if (lowerTrunc(ctx, ctl, op)) break;
        if (lowerMemoryOp(ctx, ctl, op, r.index)) break;
        if (lowerTableOp(ctx, ctl, op, r.index, r.index2)) break;
        throw new Error(`cannot lower ${opName(op)} in func ${funcIndex}`);
    }
  }
  return finish(b);
}

function finish(b: FunctionBuilder): IrFunction {
  const func = b.finish();
  func.removeUnreachableBlocks();
  return func;
}
