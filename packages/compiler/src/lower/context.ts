import { MemoryObject } from '../abi/instance-layout.js';
import { type BuiltinName, builtinSymbol } from '../abi/builtins.js';
import { signatureSymbol } from '../abi/symbols.js';
import type { FunctionBuilder } from '../ir/builder.js';
import type { Block, Inst, Value } from '../ir/function.js';
import { IntCond, MemFlags, type Op } from '../ir/ops.js';
import type { IrType, TrapCode } from '../ir/types.js';
import { byteWidth, type ModuleInfo } from './module-info.js';

/**
 * Emission helpers shared by every part of the lowering: constants, addresses inside the
 * instance context, loads and stores, checks, calls. One per function being built.
 */
export class LowerContext {
  /** The hidden first parameter: the instance context. */
  readonly vmctx: Value;
  /** Values computed once in the entry block (memory base, constants), by key. */
  private readonly entryValues = new Map<string, Value>();
  /** The last loaded memory size and the block it is valid in (until a call or grow). */
  private sizeCache: { block: Block; value: Value } | undefined;

  constructor(
    readonly info: ModuleInfo,
    readonly b: FunctionBuilder,
    /** Function index in the module (for messages); -1 for generated functions. */
    readonly funcIndex: number,
  ) {
    this.vmctx = b.current.params[0];
  }

  // ---- constants and arithmetic ----

  const(type: IrType, bits: bigint): Value {
    return this.b.const(type, bits);
  }

  i32(n: number): Value {
    return this.b.const('i32', BigInt(n >>> 0));
  }

  i64(n: number | bigint): Value {
    return this.b.const('i64', BigInt.asUintN(64, BigInt(n)));
  }

  op(op: Op, type: IrType, args: Value[], imm = 0): Value {
    return this.b.inst(op, type, args, { imm });
  }

  icmp(cond: IntCond, a: Value, b: Value): Value {
    return this.b.inst('icmp', 'i32', [a, b], { imm: cond });
  }

  /** Zero-extends an i32 to i64. */
  zext(v: Value): Value {
    return this.b.inst('extend_u', 'i64', [v]);
  }

  /** `base + offset` for a native address. */
  addr(base: Value, offset: number): Value {
    return offset === 0 ? base : this.op('add', 'i64', [base, this.i64(offset)]);
  }

  /** A value defined at the top of the entry block, so that it dominates every use. */
  entryValue(key: string, type: IrType, op: Op, args: Value[], opts: { imm?: number; flags?: number; bits?: bigint; sym?: string }): Value {
    const known = this.entryValues.get(key);
    if (known !== undefined) return known;
    const value = this.b.func.newValue(type);
    const inst: Inst = { op, args, results: [value], imm: opts.imm ?? 0, flags: opts.flags ?? 0, bits: opts.bits ?? 0n, sym: opts.sym ?? '' };
    this.b.func.entry.insts.unshift(inst);
    this.entryValues.set(key, value);
    return value;
  }

  /** The zero of a type, defined in the entry block (initial value of locals). */
  zero(type: IrType): Value {
    return this.entryValue(`zero.${type}`, type, 'const', [], { bits: 0n });
  }

  // ---- memory access ----

  load(type: IrType, addr: Value, offset: number, width: number = byteWidth(type), signed = false): Value {
    return this.b.inst('load', type, [addr], { imm: offset, flags: MemFlags.of(width as 1 | 2 | 4 | 8 | 16, signed) });
  }

  store(addr: Value, value: Value, offset: number, width: number = byteWidth(this.b.func.typeOf(value))): void {
    this.b.effect('store', [addr, value], { imm: offset, flags: MemFlags.of(width as 1 | 2 | 4 | 8 | 16, false) });
  }

  /** A pointer-sized slot of the instance context. */
  loadVm(offset: number, type: IrType = 'i64', width?: number): Value {
    return this.load(type, this.vmctx, offset, width);
  }

  storeVm(offset: number, value: Value, width?: number): void {
    this.store(this.vmctx, value, offset, width);
  }

  /** Base address of memory 0: constant for the life of the instance, so loaded once. */
  memoryBase(): Value {
    const { memoryBase } = this.info.layout;
    // Trusted code's memory is the address space itself.
    if (this.info.mode.trusted) return this.entryValue('memory.base', 'i64', 'const', [], { bits: 0n });
    return this.entryValue('memory.base', 'i64', 'load', [this.vmctx], { imm: memoryBase, flags: MemFlags.of(8, false) });
  }

  /** Memory 0's MemoryObject (own or imported): set once by instantiate. */
  memoryObject(): Value {
    const { memoryObject } = this.info.layout;
    return this.entryValue('memory.object', 'i64', 'load', [this.vmctx], { imm: memoryObject, flags: MemFlags.of(8, false) });
  }

  /**
   * Current byte size of memory 0. It changes only through memory.grow (here or in a
   * callee), so a load is reused within one block until the next call.
   */
  memorySize(): Value {
    if (this.info.mode.trusted) return this.entryValue('memory.bytes', 'i64', 'const', [], { bits: BigInt(this.info.mode.windowBytes) });
    const cur = this.b.current;
    if (this.sizeCache && this.sizeCache.block === cur) return this.sizeCache.value;
    const value = this.load('i64', this.memoryObject(), MemoryObject.byteLength);
    this.sizeCache = { block: cur, value };
    return value;
  }

  /** Anything that may grow memory was emitted: the next access reloads the size. */
  clobberMemorySize(): void {
    this.sizeCache = undefined;
  }

  // ---- checks ----

  trapIf(cond: Value, code: TrapCode): void {
    this.b.effect('trapnz', [cond], { imm: code });
  }

  trapUnless(cond: Value, code: TrapCode): void {
    this.b.effect('trapz', [cond], { imm: code });
  }

  /** Traps unless `start + len ≤ limit`, all i64 values (no overflow: operands are < 2^33). */
  boundsCheck(start: Value, len: Value, limit: Value, code: TrapCode): void {
    const end = this.op('add', 'i64', [start, len]);
    this.trapIf(this.icmp(IntCond.gt_u, end, limit), code);
  }

  // ---- calls ----

  call(sym: string, resultTypes: readonly IrType[], args: Value[]): Value[] {
    this.clobberMemorySize();
    return this.b.insts('call', resultTypes, args, { sym });
  }

  callBuiltin(name: BuiltinName, resultTypes: readonly IrType[], args: Value[]): Value[] {
    return this.call(builtinSymbol(name), resultTypes, args);
  }

  callIndirect(code: Value, resultTypes: readonly IrType[], args: Value[]): Value[] {
    this.clobberMemorySize();
    return this.b.insts('call_indirect', resultTypes, [code, ...args]);
  }

  /** The address of a signature's identity symbol (recorded so the module defines it). */
  signatureAddr(params: readonly string[], results: readonly string[]): Value {
    const sym = signatureSymbol(params, results);
    this.info.signatures.add(sym);
    return this.b.inst('symbol_addr', 'i64', [], { sym });
  }

  symbolAddr(sym: string): Value {
    return this.b.inst('symbol_addr', 'i64', [], { sym });
  }
}
