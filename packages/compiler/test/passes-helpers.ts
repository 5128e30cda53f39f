import { FunctionBuilder, Instance, type IrFunction, type IrType, lowerModule, type LoweredModule, Machine, optimize, printFunction, type Slot, Trap, verifyFunction } from '@mewz/compiler';
import { watModule } from './lower-helpers';

/** A builder for a function of the given signature (hand-built IR for pass tests). */
export const build = (params: IrType[], results: IrType[], name = 'f'): FunctionBuilder => new FunctionBuilder(name, params, results);

/** Runs a pass and checks the function still verifies. */
export function apply<T>(func: IrFunction, pass: (f: IrFunction) => T): T {
  const out = pass(func);
  expect(verifyFunction(func)).toEqual([]);
  return out;
}

/** The printed function after writing aliases into operands. */
export function printed(func: IrFunction): string {
  func.compactAliases();
  return printFunction(func);
}

/** Instruction count of a function. */
export const size = (f: IrFunction): number => f.blocks.reduce((n, b) => n + b.insts.length, 0);

/** Calls a standalone function on the interpreter; a trap is returned as its message. */
export function call(func: IrFunction, args: Slot[]): Slot[] | string {
  const m = new Machine();
  m.defineFunction(func);
  try {
    return m.call(func.name, args);
  } catch (e) {
    if (e instanceof Trap) return e.trapMessage;
    throw e;
  }
}

/** Lowers WAT twice: as lowered, and optimised (verified after every pass). */
export async function lowerBoth(text: string, prefix = 't'): Promise<{ plain: LoweredModule; opt: LoweredModule }> {
  const module = await watModule(text);
  const plain = lowerModule(module, { prefix });
  const opt = lowerModule(module, { prefix });
  for (const f of opt.functions) optimize(f, { verify: true });
  return { plain, opt };
}

/** Invokes an export, a trap as its message. */
export function invoke(inst: Instance, name: string, args: Slot[]): Slot[] | string {
  try {
    return inst.invoke(name, args);
  } catch (e) {
    if (e instanceof Trap) return e.trapMessage;
    throw e;
  }
}

/**
 * Runs every export of a WAT module on each argument list, unoptimised and optimised, and
 * returns both result lists (traps as messages) for comparison.
 */
export async function differential(text: string, calls: [string, Slot[]][]): Promise<{ plain: unknown[]; opt: unknown[] }> {
  const { plain, opt } = await lowerBoth(text);
  const a = Instance.instantiate(new Machine(), plain, []);
  const b = Instance.instantiate(new Machine(), opt, []);
  return { plain: calls.map(([n, args]) => invoke(a, n, args)), opt: calls.map(([n, args]) => invoke(b, n, args)) };
}
