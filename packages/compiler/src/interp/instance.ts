import { type FuncType, funcType, indexSpaces, type Module, type ValType } from '@mewz/wasm';
import type { InstanceLayout } from '../abi/instance-layout.js';
import type { InstanceSymbols } from '../abi/symbols.js';
import type { IrFunction } from '../ir/function.js';
import { InterpError } from './errors.js';
import type { Machine } from './exec.js';
import { readCell } from './host.js';
import { irTypeOf, type Slot, slotFits } from './values.js';

/** A data object of a lowered module (see lower/lower-module.ts). */
export interface LoweredData {
  symbol: string;
  bytes: Uint8Array;
  align: number;
  weak?: boolean;
  /** Written at run time; other data objects are read-only. */
  writable?: boolean;
}

/** What the interpreter needs of a lowered module; LoweredModule has this shape. */
export interface LoadableModule {
  module: Module;
  layout: InstanceLayout;
  symbols: InstanceSymbols;
  functions: IrFunction[];
  data: LoweredData[];
  /** Signature key → symbol of the invoke trampoline `(funcref, args, results) -> ()`. */
  invokers: Map<string, string>;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global';

/**
 * An export as an import slot expects it: func → FuncRef, table → TableObject,
 * memory → MemoryObject, global → the value cell.
 */
export interface ExternValue {
  kind: ExternKind;
  address: bigint;
}

/** How invoke trampolines are named in `LoadableModule.invokers`. */
export type SignatureKey = (type: FuncType) => string;

export interface InstantiateOptions {
  /** The key of `invokers` for a function type (default: the lowering's, e.g. `i32_i64.f32`). */
  signatureKey?: SignatureKey;
}

export const defaultSignatureKey: SignatureKey = (t) => `${t.params.join('_') || 'v'}.${t.results.join('_') || 'v'}`;

/**
 * One instantiated module in a machine: its code and data are loaded, its instantiate
 * function has run (filling the context, initialising segments, running start).
 */
export class Instance {
  private scratch = { address: 0, size: 0 };

  private constructor(
    readonly machine: Machine,
    readonly lowered: LoadableModule,
    /** Address of the instance context. */
    readonly vmctx: number,
    private readonly signatureKey: SignatureKey,
  ) {}

  /**
   * Loads `lowered` into `machine` and runs its instantiate function with `imports` (one
   * address per import, in import order). A trap during instantiation propagates as Trap;
   * whatever it already wrote to imported objects stays, as Wasm requires.
   */
  static instantiate(machine: Machine, lowered: LoadableModule, imports: readonly bigint[], options: InstantiateOptions = {}): Instance {
    const { module, layout, symbols } = lowered;
    if (imports.length !== module.imports.length) {
      throw new InterpError(`instantiate: ${imports.length} import values for ${module.imports.length} imports`);
    }
    for (const f of lowered.functions) machine.defineFunction(f);
    for (const d of lowered.data) machine.defineData(d.symbol, d.bytes, d.align, d.weak ?? false, d.writable ?? false);
    const vmctx = machine.symbols.data(symbols.vmctx);
    if (vmctx === undefined) throw new InterpError(`lowered module defines no context object ${symbols.vmctx}`);
    machine.memory.store64(vmctx + layout.stackLimit, BigInt(machine.stackLimit));
    const table = machine.memory.allocate(`imports of ${symbols.prefix}`, Math.max(8 * imports.length, 8), { align: 8 });
    imports.forEach((a, i) => machine.memory.store64(table.base + 8 * i, a));
    machine.call(symbols.instantiate, [BigInt(vmctx), BigInt(table.base)]);
    return new Instance(machine, lowered, vmctx, options.signatureKey ?? defaultSignatureKey);
  }

  get module(): Module {
    return this.lowered.module;
  }

  /** The export named `name`, as an address, or undefined. */
  export(name: string): ExternValue | undefined {
    const e = this.module.exports.find((x) => x.name === name);
    if (!e) return undefined;
    const { layout, module } = this.lowered;
    const mem = this.machine.memory;
    const slot = (offset: number): bigint => mem.load64(this.vmctx + offset);
    switch (e.kind) {
      case 'func': {
        if (e.index < module.importedFuncCount) return { kind: 'func', address: slot(layout.importedFuncs[e.index]) };
        const at = layout.funcRefs.get(e.index);
        if (at === undefined) throw new InterpError(`exported function ${e.index} has no FuncRef in the layout`);
        return { kind: 'func', address: BigInt(this.vmctx + at) };
      }
      case 'table':
        return { kind: 'table', address: slot(layout.tables[e.index]) };
      case 'memory':
        return { kind: 'memory', address: slot(layout.memoryObject) };
      case 'global': {
        const g = layout.globals[e.index];
        return { kind: 'global', address: g.indirect ? slot(g.offset) : BigInt(this.vmctx + g.offset) };
      }
    }
  }

  /** Every export by name. */
  exports(): Map<string, ExternValue> {
    return new Map(this.module.exports.map((e) => [e.name, this.export(e.name)!]));
  }

  /** The Wasm type of exported function `name`. */
  funcType(name: string): FuncType {
    const e = this.module.exports.find((x) => x.name === name && x.kind === 'func');
    if (!e) throw new InterpError(`no exported function ${name}`);
    return funcType(this.module, e.index)!;
  }

  /** The value type of exported global `name`. */
  globalType(name: string): ValType {
    const e = this.module.exports.find((x) => x.name === name && x.kind === 'global');
    if (!e) throw new InterpError(`no exported global ${name}`);
    return indexSpaces(this.module).globals[e.index].valType;
  }

  /** Calls exported function `name` through its invoke trampoline. */
  invoke(name: string, args: Slot[]): Slot[] {
    const ref = this.export(name);
    if (ref?.kind !== 'func') throw new InterpError(`no exported function ${name}`);
    return this.invokeRef(ref.address, this.funcType(name), args);
  }

  /** Calls the function behind the FuncRef at `funcref`, whose type is `type`. */
  invokeRef(funcref: bigint, type: FuncType, args: Slot[]): Slot[] {
    const params = type.params.map(irTypeOf);
    const results = type.results.map(irTypeOf);
    if (args.length !== params.length || args.some((a, i) => !slotFits(params[i], a))) {
      throw new InterpError(`invoke: arguments (${args.map(String).join(', ')}) do not fit (${params.join(', ')})`);
    }
    if (params.includes('v128') || results.includes('v128')) throw new InterpError('invoke: v128 values are not supported');
    const key = this.signatureKey(type);
    const trampoline = this.lowered.invokers.get(key);
    if (trampoline === undefined) throw new InterpError(`no invoke trampoline for signature ${key}`);
    const base = this.scratchSpace(8 * (args.length + results.length));
    const mem = this.machine.memory;
    args.forEach((a, i) => mem.store64(base + 8 * i, typeof a === 'number' ? BigInt(a >>> 0) : a));
    const out = base + 8 * args.length;
    this.machine.call(trampoline, [funcref, BigInt(base), BigInt(out)]);
    return results.map((t, i) => {
      const at = out + 8 * i;
      return t === 'i32' ? mem.load(at, 4, true) : t === 'f32' ? mem.load(at, 4, false) : mem.load64(at);
    });
  }

  /** The current value of exported global `name`. */
  global(name: string): Slot {
    const g = this.export(name);
    if (g?.kind !== 'global') throw new InterpError(`no exported global ${name}`);
    return readCell(this.machine, Number(g.address), this.globalType(name));
  }

  private scratchSpace(size: number): number {
    if (size > this.scratch.size) {
      const region = this.machine.memory.allocate(`invoke slots of ${this.lowered.symbols.prefix}`, Math.max(size, 64), { align: 8 });
      this.scratch = { address: region.base, size: region.committed };
    }
    return this.scratch.address;
  }
}
