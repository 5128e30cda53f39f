import type { IrFunction } from '../ir/function.js';
import type { IrType } from '../ir/types.js';
import { InterpError } from './errors.js';
import type { Machine } from './exec.js';
import type { Slot } from './values.js';

/**
 * A function implemented in TypeScript: runtime builtins, host imports of the spec
 * runner. Called with exactly the arguments generated code passes (for functions reached
 * through a FuncRef, that includes the context pointer first).
 */
export interface HostFunction {
  readonly kind: 'host';
  readonly name: string;
  readonly params: readonly IrType[];
  readonly results: readonly IrType[];
  run(args: Slot[], machine: Machine): Slot[];
}

export type FunctionTarget = IrFunction | HostFunction;

export interface FunctionSymbol {
  name: string;
  /** The fake code address FuncRef.code and call_indirect use. */
  code: number;
  target: FunctionTarget;
}

/** Code addresses live apart from every data allocation, so reading code faults. */
export const CODE_BASE = 0x7f00_0000_0000;
const CODE_STRIDE = 16;

export const isHost = (t: FunctionTarget): t is HostFunction => (t as HostFunction).kind === 'host';

/**
 * The linker's view of the loaded code and data: names to addresses. A weak data symbol
 * keeps its first definition, so per-signature identity symbols that every module
 * defines end up at one address, as after linking an image.
 */
export class SymbolTable {
  private readonly funcs = new Map<string, FunctionSymbol>();
  private readonly byCode: FunctionSymbol[] = [];
  private readonly datas = new Map<string, { address: number; weak: boolean }>();

  defineFunction(name: string, target: FunctionTarget): FunctionSymbol {
    if (this.funcs.has(name) || this.datas.has(name)) throw new InterpError(`duplicate symbol ${name}`);
    const sym: FunctionSymbol = { name, code: CODE_BASE + this.byCode.length * CODE_STRIDE, target };
    this.funcs.set(name, sym);
    this.byCode.push(sym);
    return sym;
  }

  /** Defines a data symbol; returns false (and keeps the old one) for a repeated weak symbol. */
  defineData(name: string, address: number, weak = false): boolean {
    const old = this.datas.get(name);
    if (old) {
      if (weak && old.weak) return false;
      throw new InterpError(`duplicate symbol ${name}`);
    }
    if (this.funcs.has(name)) throw new InterpError(`duplicate symbol ${name}`);
    this.datas.set(name, { address, weak });
    return true;
  }

  func(name: string): FunctionSymbol | undefined {
    return this.funcs.get(name);
  }

  /** The function whose code address is `code`, if any. */
  funcAt(code: number): FunctionSymbol | undefined {
    const i = (code - CODE_BASE) / CODE_STRIDE;
    return Number.isInteger(i) ? this.byCode[i] : undefined;
  }

  data(name: string): number | undefined {
    return this.datas.get(name)?.address;
  }

  /** The address of any symbol (code or data), as `symbol_addr` yields it. */
  address(name: string): number | undefined {
    return this.funcs.get(name)?.code ?? this.datas.get(name)?.address;
  }
}
