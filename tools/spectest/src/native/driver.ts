import { FunctionBuilder, IntCond, type IrFunction, type LoweredModule, MemFlags, MemoryObject, TableObject, TrapCode, type Value } from '@mewz/compiler';
import { PLATFORM_SYMBOLS } from '@mewz/core';
import { ENTRY, NOT_RUN } from './command-table.js';
import { DRIVER_SYMBOLS, type SizeCheckFunction } from './plan.js';

/**
 * The driver of a native spec image, as IR compiled like any other function (so every
 * ISA gets it for free): `__mewz_main` runs the command table, each entry under the
 * platform's trap catcher, and has the kernel report it; small helpers are entries'
 * functions.
 */

const load = (b: FunctionBuilder, addr: Value, offset: number, width: 4 | 8 = 8): Value =>
  b.inst('load', width === 8 ? 'i64' : 'i32', [addr], { imm: offset, flags: MemFlags.of(width, false) });
const store = (b: FunctionBuilder, addr: Value, value: Value, offset: number): void =>
  b.effect('store', [addr, value], { imm: offset, flags: MemFlags.of(8, false) });
const symbolAddr = (b: FunctionBuilder, sym: string): Value => b.inst('symbol_addr', 'i64', [], { sym });
const eq = (b: FunctionBuilder, x: Value, y: Value): Value => b.inst('icmp', 'i32', [x, y], { imm: IntCond.eq });

export interface MainInput {
  /** Every instance in the image but the kernel. */
  instances: readonly LoweredModule[];
  kernel: LoweredModule;
  /** The kernel's report function (function index). */
  report: number;
  /** The catch entry: `catch(fn, a0, a1, a2) -> status` (see command-table.ts). */
  catchSymbol: string;
  entries: number;
}

/**
 * `__mewz_main(initialSp, stackLimit)`, which the platform's entry calls: the stack limit
 * into every context, the kernel instantiated, then every entry of the command table in
 * order — run under the catcher unless the entry it depends on did not return, its status
 * stored, the kernel's report called on it.
 */
export function mainFunction(input: MainInput): IrFunction {
  const b = new FunctionBuilder(PLATFORM_SYMBOLS.main, ['i64', 'i64'], []);
  const [, stackLimit] = b.current.params;
  const kctx = symbolAddr(b, input.kernel.symbols.vmctx);
  store(b, kctx, stackLimit, input.kernel.layout.stackLimit);
  for (const { symbols, layout } of input.instances) store(b, symbolAddr(b, symbols.vmctx), stackLimit, layout.stackLimit);
  b.effect('call', [kctx, b.const('i64', 0n)], { sym: input.kernel.symbols.instantiate });
  const first = symbolAddr(b, DRIVER_SYMBOLS.commands);
  const end = b.inst('add', 'i64', [first, b.const('i64', BigInt(ENTRY.size * input.entries))]);

  const loop = b.newBlock(['i64']);
  const body = b.newBlock();
  const depends = b.newBlock();
  const run = b.newBlock();
  const report = b.newBlock(['i64']);
  const exit = b.newBlock();
  b.jump(loop, [first]);

  b.switchTo(loop);
  const entry = loop.params[0];
  b.brIf(eq(b, entry, end), exit, [], body, []);

  b.switchTo(body);
  const dep = load(b, entry, ENTRY.dep);
  b.brIf(eq(b, dep, b.const('i64', 0n)), run, [], depends, []);

  b.switchTo(depends);
  b.brIf(eq(b, load(b, dep, 0), b.const('i64', 0n)), run, [], report, [b.const('i64', BigInt.asUintN(64, NOT_RUN))]);

  b.switchTo(run);
  const args = [ENTRY.fn, ENTRY.a0, ENTRY.a1, ENTRY.a2].map((offset) => load(b, entry, offset));
  const [status] = b.insts('call', ['i64'], args, { sym: input.catchSymbol });
  b.jump(report, [status]);

  b.switchTo(report);
  store(b, entry, report.params[0], ENTRY.status);
  b.effect('call', [kctx, entry], { sym: input.kernel.symbols.func(input.report) });
  b.jump(loop, [b.inst('add', 'i64', [entry, b.const('i64', BigInt(ENTRY.size))])]);

  b.switchTo(exit);
  b.ret([]);
  return b.finish();
}

/** `get(cell, _, results)`: a global's value (its whole 8-byte cell) into result slot 0. */
export function getFunction(): IrFunction {
  const b = new FunctionBuilder(DRIVER_SYMBOLS.get, ['i64', 'i64', 'i64'], []);
  const [cell, , results] = b.current.params;
  store(b, results, load(b, cell, 0), 0);
  b.ret([]);
  return b.finish();
}

/**
 * A size check: traps unless every imported table has at least `min` elements and every
 * imported memory `min` pages now (they may have grown since they were declared).
 */
export function sizeCheckFunction(f: SizeCheckFunction): IrFunction {
  const b = new FunctionBuilder(f.symbol, ['i64', 'i64', 'i64'], []);
  for (const { extern, min } of f.checks) {
    const object = symbolAddr(b, extern.address.symbol);
    const size =
      extern.kind === 'table'
        ? b.inst('extend_u', 'i64', [load(b, object, extern.address.addend + TableObject.length, 4)])
        : load(b, object, extern.address.addend + MemoryObject.byteLength);
    const wanted = BigInt(min) * (extern.kind === 'table' ? 1n : 0x1_0000n);
    const small = b.inst('icmp', 'i32', [size, b.const('i64', wanted)], { imm: IntCond.lt_u });
    b.effect('trapnz', [small], { imm: TrapCode.Unreachable });
  }
  b.ret([]);
  return b.finish();
}
