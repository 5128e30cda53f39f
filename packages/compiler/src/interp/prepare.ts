import { pureEvaluator } from '../ir/eval/pure.js';
import type { Block, BlockCall, Inst, IrFunction, Terminator } from '../ir/function.js';
import { floatCondName, intCondName, MemFlags } from '../ir/ops.js';
import { type IrType, type TrapCode, TrapCode as Codes } from '../ir/types.js';
import { InterpError, Trap } from './errors.js';
import type { Machine } from './exec.js';
import type { FunctionSymbol } from './symbols.js';
import { constSlot, type Slot } from './values.js';

/**
 * An IrFunction turned into closures once, so that executing an instruction is one call
 * with operand indices, types and immediates already decided. Calls are left to the
 * executor's loop (exec.ts) so that interpreted recursion never recurses in JS.
 */
export type Regs = Slot[];
export type Run = (r: Regs) => void;

export const RUN = 0;
export const CALL = 1;

export interface RunStep {
  kind: typeof RUN;
  run: Run;
  inst: Inst;
}

export interface CallStep {
  kind: typeof CALL;
  inst: Inst;
  /** Operand registers; for an indirect call the first is the code address. */
  args: number[];
  results: number[];
  indirect: boolean;
  /** The resolved direct callee (filled on first execution). */
  callee?: FunctionSymbol;
}

export type Step = RunStep | CallStep;

export interface Edge {
  block: PreparedBlock;
  args: number[];
  params: number[];
}

export type PreparedTerm =
  | { kind: 'jump'; target: Edge }
  | { kind: 'br_if'; cond: number; then: Edge; else: Edge }
  | { kind: 'br_table'; index: number; targets: Edge[]; default: Edge }
  | { kind: 'return'; values: number[] }
  | { kind: 'trap'; code: TrapCode };

export interface PreparedBlock {
  id: number;
  steps: Step[];
  term: PreparedTerm;
  source: Block;
}

export interface PreparedFunction {
  func: IrFunction;
  name: string;
  registers: number;
  entry: PreparedBlock;
}

/** A short rendering of an instruction for error messages. */
export function describeInst(func: IrFunction, inst: Inst): string {
  const v = (x: number): string => `v${func.resolve(x)}`;
  const type = inst.results.length > 0 ? `.${func.typeOf(inst.results[0])}` : '';
  const parts = inst.args.map(v);
  if (inst.op === 'icmp') parts.unshift(intCondName[inst.imm]);
  else if (inst.op === 'fcmp') parts.unshift(floatCondName[inst.imm]);
  else if (inst.sym !== '') parts.unshift(inst.sym);
  else if (inst.op === 'load' || inst.op === 'store') parts.push(`+${inst.imm}`, `${MemFlags.signed(inst.flags) ? 's' : ''}${MemFlags.width(inst.flags) * 8}`);
  else if (inst.imm !== 0) parts.push(String(inst.imm));
  const defs = inst.results.length > 0 ? `${inst.results.map(v).join(', ')} = ` : '';
  return `${defs}${inst.op}${type} ${parts.join(', ')}`.trimEnd();
}

const unsupported = (inst: Inst, detail: string): never => {
  throw new InterpError(`unsupported instruction ${inst.op} (${detail})`);
};

/** The closure for one non-call instruction. */
function prepareInst(func: IrFunction, inst: Inst, machine: Machine): Run {
  const arg = (i: number): number => func.resolve(inst.args[i]);
  const argType = (i: number): IrType => func.typeOf(arg(i));
  const d = inst.results[0];
  const t: IrType | undefined = d === undefined ? undefined : func.typeOf(d);
  const name = func.name;
  const op = inst.op;
  switch (op) {
    case 'const': {
      const c = constSlot(t!, inst.bits);
      return (r) => {
        r[d] = c;
      };
    }
    case 'load':
      return prepareLoad(inst, t!, arg(0), d, machine);
    case 'store':
      return prepareStore(inst, argType(1), arg(0), arg(1), machine);
    case 'heap_addr': {
      const index = arg(0);
      const base = arg(1);
      const size = arg(2);
      const extra = inst.imm;
      return (r) => {
        const i = (r[index] as number) >>> 0;
        if (i + extra > Number(r[size])) throw new Trap(Codes.OutOfBoundsMemory, name);
        r[d] = (r[base] as bigint) + BigInt(i);
      };
    }
    case 'trapnz':
    case 'trapz': {
      const a = arg(0);
      const code = inst.imm as TrapCode;
      const zero: Slot = argType(0) === 'i32' || argType(0) === 'f32' ? 0 : 0n;
      const onZero = op === 'trapz';
      return (r) => {
        if ((r[a] === zero) === onZero) throw new Trap(code, name);
      };
    }
    case 'symbol_addr': {
      let address: bigint | undefined;
      const sym = inst.sym;
      return (r) => {
        if (address === undefined) {
          const at = machine.symbols.address(sym);
          if (at === undefined) throw new InterpError(`undefined symbol ${sym}`);
          address = BigInt(at);
        }
        r[d] = address;
      };
    }
    case 'intrinsic': {
      if (inst.sym === 'stack_pointer') {
        return (r) => {
          r[d] = machine.stackPointer();
        };
      }
      const args = inst.args.map((_, i) => arg(i));
      const results = inst.results;
      return (r) => {
        const host = machine.intrinsic(inst.sym);
        const out = host(args.map((a) => r[a]), machine);
        results.forEach((v, i) => (r[v] = out[i]));
      };
    }
    case 'call':
    case 'call_indirect':
      throw new InterpError('calls are executed by the loop');
    default:
      return preparePure(inst, d, inst.args.map((_, i) => arg(i)), t!, inst.args.map((_, i) => argType(i)));
  }
}

/** A pure operation: the shared evaluator on the operand registers. */
function preparePure(inst: Inst, d: number, args: number[], t: IrType, argTypes: IrType[]): Run {
  const e = pureEvaluator(inst.op, t, argTypes, inst.imm);
  if (typeof e === 'string') return unsupported(inst, e);
  if (args.length !== e.arity) return unsupported(inst, `${args.length} operands`);
  const [a, b, c] = args;
  switch (e.arity) {
    case 1: {
      const f = e.fn;
      return (r) => {
        r[d] = f(r[a]);
      };
    }
    case 2: {
      const f = e.fn;
      return (r) => {
        r[d] = f(r[a], r[b]);
      };
    }
    case 3: {
      const f = e.fn;
      return (r) => {
        r[d] = f(r[a], r[b], r[c]);
      };
    }
  }
}

function prepareLoad(inst: Inst, t: IrType, addr: number, d: number, machine: Machine): Run {
  const mem = machine.memory;
  const off = inst.imm;
  const width = MemFlags.width(inst.flags);
  const signed = MemFlags.signed(inst.flags);
  const at = (r: Regs): number => Number(r[addr] as bigint) + off;
  switch (t) {
    case 'i32':
      if (width <= 4) return (r) => void (r[d] = mem.load(at(r), width, signed) | 0);
      break;
    case 'f32':
      if (width === 4) return (r) => void (r[d] = mem.load(at(r), 4, false));
      break;
    case 'i64':
      if (width === 8) return (r) => void (r[d] = mem.load64(at(r)));
      if (width <= 4) return (r) => void (r[d] = BigInt.asUintN(64, BigInt(mem.load(at(r), width, signed))));
      break;
    case 'f64':
      if (width === 8) return (r) => void (r[d] = mem.load64(at(r)));
      break;
    case 'v128':
      if (width === 16) return (r) => void (r[d] = mem.load128(at(r)));
      break;
  }
  return unsupported(inst, `${t} load of width ${width}`);
}

function prepareStore(inst: Inst, t: IrType, addr: number, value: number, machine: Machine): Run {
  const mem = machine.memory;
  const off = inst.imm;
  const width = MemFlags.width(inst.flags);
  const at = (r: Regs): number => Number(r[addr] as bigint) + off;
  switch (t) {
    case 'i32':
    case 'f32':
      if (width <= 4) return (r) => mem.store(at(r), width, r[value] as number);
      break;
    case 'i64':
    case 'f64':
      if (width === 8) return (r) => mem.store64(at(r), r[value] as bigint);
      if (width <= 4) return (r) => mem.store(at(r), width, Number((r[value] as bigint) & 0xffffffffn));
      break;
    case 'v128':
      if (width === 16) return (r) => mem.store128(at(r), r[value] as bigint);
      break;
  }
  return unsupported(inst, `${t} store of width ${width}`);
}

/** Prepares every block of `func` (lazily resolving nothing but symbols). */
export function prepareFunction(func: IrFunction, machine: Machine): PreparedFunction {
  const blocks = new Map<Block, PreparedBlock>();
  const placeholder: PreparedTerm = { kind: 'trap', code: Codes.Unreachable };
  for (const block of func.blocks) blocks.set(block, { id: block.id, steps: [], term: placeholder, source: block });
  const edge = (call: BlockCall): Edge => {
    const target = blocks.get(call.block);
    if (!target) throw new InterpError(`${func.name}: branch to block${call.block.id}, which is not in the function`);
    return { block: target, args: call.args.map((a) => func.resolve(a)), params: call.block.params };
  };
  for (const block of func.blocks) {
    const pb = blocks.get(block)!;
    for (const inst of block.insts) {
      if (inst.op === 'call' || inst.op === 'call_indirect') {
        pb.steps.push({
          kind: CALL,
          inst,
          args: inst.args.map((a) => func.resolve(a)),
          results: inst.results,
          indirect: inst.op === 'call_indirect',
        });
      } else {
        pb.steps.push({ kind: RUN, run: prepareInst(func, inst, machine), inst });
      }
    }
    pb.term = prepareTerm(block.term, edge, func);
  }
  return { func, name: func.name, registers: func.valueTypes.length, entry: blocks.get(func.entry)! };
}

function prepareTerm(term: Terminator | undefined, edge: (c: BlockCall) => Edge, func: IrFunction): PreparedTerm {
  if (!term) return { kind: 'trap', code: Codes.Unreachable };
  switch (term.kind) {
    case 'jump':
      return { kind: 'jump', target: edge(term.target) };
    case 'br_if':
      return { kind: 'br_if', cond: func.resolve(term.cond), then: edge(term.then), else: edge(term.else) };
    case 'br_table':
      return { kind: 'br_table', index: func.resolve(term.index), targets: term.targets.map(edge), default: edge(term.default) };
    case 'return':
      return { kind: 'return', values: term.values.map((v) => func.resolve(v)) };
    case 'trap':
      return { kind: 'trap', code: term.code };
  }
}
