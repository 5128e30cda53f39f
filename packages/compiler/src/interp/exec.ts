import { UndefinedOperation } from '../ir/eval/undefined-operation.js';
import type { IrFunction } from '../ir/function.js';
import type { IrType } from '../ir/types.js';
import { verifyFunction } from '../ir/verify.js';
import { installBuiltins } from './builtins.js';
import { InterpError, Trap } from './errors.js';
import { AddressSpace } from './memory.js';
import { describeInst, type Edge, type PreparedBlock, type PreparedFunction, prepareFunction, type Regs, RUN } from './prepare.js';
import { type FunctionSymbol, type FunctionTarget, type HostFunction, isHost, SymbolTable } from './symbols.js';
import { type Slot, slotFits } from './values.js';

export interface MachineOptions {
  /** Address the simulated stack pointer starts from. */
  stackTop?: number;
  /** Bytes the stack pointer drops per interpreted call frame. */
  frameSize?: number;
  /** Frames that fit above `stackLimit` (what runtimes write to vmctx[0]). */
  stackFrames?: number;
  /**
   * Frames beyond which the interpreter gives up with an InterpError: reached only if
   * generated code does not check the stack limit.
   */
  maxFrames?: number;
  /** Verify each IR function when it is defined (default true). */
  verify?: boolean;
  /** Pages a linear memory may commit at most, whatever its declared maximum. */
  maxMemoryPages?: number;
  /** Elements a table may hold at most, whatever its declared maximum. */
  maxTableElements?: number;
  /** Intrinsics other than `stack_pointer`, by name. */
  intrinsics?: Record<string, (args: Slot[], machine: Machine) => Slot[]>;
}

interface Frame {
  fn: PreparedFunction;
  regs: Regs;
  block: PreparedBlock;
  pc: number;
  results: number[];
}

/**
 * The simulated native machine the ABI describes: a 64-bit address space, a symbol table
 * of code and data, the runtime builtins, and an executor for IR functions. Interpreted
 * calls keep their frames in an array, so recursion depth never reaches the JS stack.
 */
export class Machine {
  readonly memory = new AddressSpace();
  readonly symbols = new SymbolTable();
  readonly stackTop: number;
  readonly frameSize: number;
  /** The lowest stack pointer a function may start with; runtimes store it in vmctx[0]. */
  readonly stackLimit: number;
  readonly maxFrames: number;
  readonly maxMemoryPages: number;
  readonly maxTableElements: number;
  private readonly verify: boolean;
  private readonly intrinsics: Record<string, (args: Slot[], machine: Machine) => Slot[]>;
  private readonly prepared = new Map<IrFunction, PreparedFunction>();
  /** Interpreted frames currently live (the simulated stack depth). */
  private depth = 0;

  constructor(options: MachineOptions = {}) {
    this.stackTop = options.stackTop ?? 0x7ff0_0000_0000;
    this.frameSize = options.frameSize ?? 256;
    const frames = options.stackFrames ?? 10_000;
    this.stackLimit = this.stackTop - frames * this.frameSize;
    this.maxFrames = options.maxFrames ?? frames + 1000;
    this.verify = options.verify ?? true;
    this.maxMemoryPages = options.maxMemoryPages ?? 32768;
    this.maxTableElements = options.maxTableElements ?? 10_000_000;
    this.intrinsics = options.intrinsics ?? {};
    installBuiltins(this);
  }

  /** Makes `target` callable by its name (and by a fresh code address). */
  defineFunction(target: FunctionTarget): FunctionSymbol {
    if (!isHost(target) && this.verify) {
      const problems = verifyFunction(target);
      if (problems.length > 0) throw new InterpError(`${target.name} is malformed IR (a bug in the lowering or a pass):\n  ${problems.join('\n  ')}`);
    }
    return this.symbols.defineFunction(target.name, target);
  }

  /**
   * Allocates a data object holding `bytes` and names it. A weak symbol already defined
   * keeps its first definition; the address of the definition in force is returned.
   * Stores into a data object that is not `writable` fault, as in a read-only section.
   */
  defineData(symbol: string, bytes: Uint8Array, align = 8, weak = false, writable = true): number {
    const existing = this.symbols.data(symbol);
    if (weak && existing !== undefined) {
      this.symbols.defineData(symbol, existing, true);
      return existing;
    }
    const region = this.memory.allocate(symbol, bytes.length, { align: Math.max(align, 1) });
    region.bytes.set(bytes);
    region.readonly = !writable;
    this.symbols.defineData(symbol, region.base, weak);
    return region.base;
  }

  /** The simulated stack pointer of the innermost interpreted frame. */
  stackPointer(): bigint {
    return BigInt(this.stackTop - this.depth * this.frameSize);
  }

  intrinsic(name: string): (args: Slot[], machine: Machine) => Slot[] {
    const f = this.intrinsics[name];
    if (!f) throw new InterpError(`unknown intrinsic ${name}`);
    return f;
  }

  /** Calls a function by symbol name or code address. Traps propagate as `Trap`. */
  call(callee: string | number, args: Slot[]): Slot[] {
    const sym = typeof callee === 'string' ? this.symbols.func(callee) : this.symbols.funcAt(callee);
    if (!sym) throw new InterpError(`call of ${typeof callee === 'string' ? callee : `0x${callee.toString(16)}`}, which is no function`);
    checkArgs(sym.target, args, 'host call');
    return this.run(sym, args);
  }

  private prepare(func: IrFunction): PreparedFunction {
    let p = this.prepared.get(func);
    if (!p) {
      p = prepareFunction(func, this);
      this.prepared.set(func, p);
    }
    return p;
  }

  private callHost(host: HostFunction, args: Slot[]): Slot[] {
    const out = host.run(args, this);
    if (out.length !== host.results.length) throw new InterpError(`host function ${host.name} returned ${out.length} values, expected ${host.results.length}`);
    return out;
  }

  private run(sym: FunctionSymbol, args: Slot[]): Slot[] {
    if (isHost(sym.target)) return this.callHost(sym.target, args);
    const baseDepth = this.depth;
    const stack: Frame[] = [];
    let fn = this.prepare(sym.target);
    let regs = enter(fn, args);
    let block = fn.entry;
    let pc = 0;
    this.depth++;
    try {
      for (;;) {
        const steps = block.steps;
        let entered = false;
        while (pc < steps.length) {
          const step = steps[pc++];
          if (step.kind === RUN) {
            step.run(regs);
            continue;
          }
          // A call: resolve the callee, then either run a host function or push a frame.
          let callee: FunctionSymbol | undefined;
          let args: Slot[];
          if (step.indirect) {
            const code = Number(regs[step.args[0]] as bigint);
            callee = this.symbols.funcAt(code);
            if (!callee) throw new InterpError(`call_indirect to 0x${code.toString(16)}, which is no function's code (null, bounds and signature checks must come first)`);
            args = step.args.slice(1).map((a) => regs[a]);
            checkArgs(callee.target, args, 'call_indirect', step.results.length);
          } else {
            callee = step.callee;
            if (!callee) {
              callee = this.symbols.func(step.inst.sym);
              if (!callee) throw new InterpError(`call of undefined function symbol ${step.inst.sym}`);
              checkSignature(callee.target, fn.func, step.args, step.results);
              step.callee = callee;
            }
            args = step.args.map((a) => regs[a]);
          }
          const target = callee.target;
          if (isHost(target)) {
            const out = this.callHost(target, args);
            for (let i = 0; i < out.length; i++) regs[step.results[i]] = out[i];
            continue;
          }
          const next = this.prepare(target);
          if (stack.length + 1 >= this.maxFrames) {
            throw new InterpError(`call depth passed ${this.maxFrames} frames: the callee's stack-limit check (stack_pointer < vmctx[0]) is missing or ineffective`);
          }
          stack.push({ fn, regs, block, pc, results: step.results });
          this.depth++;
          fn = next;
          regs = enter(next, args);
          block = next.entry;
          pc = 0;
          entered = true;
          break;
        }
        if (entered) continue;
        const term = block.term;
        switch (term.kind) {
          case 'jump':
            block = transfer(term.target, regs);
            break;
          case 'br_if':
            block = transfer(regs[term.cond] !== 0 ? term.then : term.else, regs);
            break;
          case 'br_table': {
            const i = (regs[term.index] as number) >>> 0;
            block = transfer(i < term.targets.length ? term.targets[i] : term.default, regs);
            break;
          }
          case 'return': {
            const values = term.values.map((v) => regs[v]);
            const caller = stack.pop();
            this.depth--;
            if (!caller) return values;
            fn = caller.fn;
            regs = caller.regs;
            block = caller.block;
            pc = caller.pc;
            for (let i = 0; i < values.length; i++) regs[caller.results[i]] = values[i];
            continue;
          }
          case 'trap':
            throw new Trap(term.code, fn.name);
        }
        pc = 0;
      }
    } catch (error) {
      throw locate(error, fn, block, pc);
    } finally {
      this.depth = baseDepth;
    }
  }
}

function enter(fn: PreparedFunction, args: Slot[]): Regs {
  const params = fn.entry.source.params;
  if (args.length !== params.length) throw new InterpError(`${fn.name} called with ${args.length} arguments, takes ${params.length}`);
  const regs: Regs = new Array<Slot>(fn.registers);
  for (let i = 0; i < params.length; i++) regs[params[i]] = args[i];
  return regs;
}

/** Passes block arguments: all are read before any parameter is written (a parallel copy). */
function transfer(edge: Edge, regs: Regs): PreparedBlock {
  const { args, params } = edge;
  if (args.length === 1) regs[params[0]] = regs[args[0]];
  else if (args.length > 1) {
    const values = args.map((a) => regs[a]);
    for (let i = 0; i < params.length; i++) regs[params[i]] = values[i];
  }
  return edge.block;
}

function checkArgs(target: FunctionTarget, args: Slot[], what: string, results?: number): void {
  const params = target.params;
  if (args.length !== params.length || args.some((a, i) => !slotFits(params[i], a))) {
    throw new InterpError(`${what} of ${target.name} (${params.join(', ')}) with arguments of the wrong number or types: ${args.map(String).join(', ')}`);
  }
  if (results !== undefined && results !== target.results.length) {
    throw new InterpError(`${what} of ${target.name} expects ${results} results, it returns ${target.results.length}`);
  }
}

function checkSignature(target: FunctionTarget, caller: IrFunction, args: number[], results: number[]): void {
  const types = (vs: number[]): IrType[] => vs.map((v) => caller.typeOf(v));
  const got = `(${types(args).join(', ')}) -> (${types(results).join(', ')})`;
  const want = `(${target.params.join(', ')}) -> (${target.results.join(', ')})`;
  if (got !== want) throw new InterpError(`call of ${target.name} ${want} as ${got}`);
}

const LOCATED = Symbol('located');

/** Adds where it happened to an internal error (once: the innermost frame knows best). */
function locate(error: unknown, fn: PreparedFunction, block: PreparedBlock, pc: number): unknown {
  if (error instanceof Trap) return error;
  if (error instanceof Error && (error as Error & { [LOCATED]?: boolean })[LOCATED]) return error;
  const inst = block.steps[pc - 1]?.inst;
  const where = pc > 0 && pc <= block.steps.length && inst ? `${describeInst(fn.func, inst)}` : `the terminator (${block.term.kind})`;
  const message = error instanceof Error ? error.message : String(error);
  // An undefined pure operation is the IR's own kind of error, not a crash of ours.
  const known = error instanceof InterpError || error instanceof UndefinedOperation;
  const kind = known ? '' : 'interpreter crash: ';
  const wrapped = new InterpError(`${kind}${message}\n  at ${fn.name} block${block.id}: ${where} — a bug in the lowering or a pass`);
  if (!known && error instanceof Error) wrapped.stack = `${wrapped.message}\n${error.stack ?? ''}`;
  (wrapped as InterpError & { [LOCATED]?: boolean })[LOCATED] = true;
  return wrapped;
}
