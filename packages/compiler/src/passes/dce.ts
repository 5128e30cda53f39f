import { type Block, type Inst, type IrFunction, terminatorOperands, type Value } from '../ir/function.js';
import { OPS } from '../ir/ops.js';
import { dropParams, incomingCalls } from './incoming.js';

/**
 * Dead-code elimination by marking: unreachable blocks go, then everything is dead unless
 * a side effect, a possible trap or a terminator needs it. Live values mark the operands
 * of their definitions, and a live block parameter marks what each predecessor passes to
 * it, so dead cycles of parameters around loops go too (a use count would keep them).
 *
 * Removable: pure instructions, and loads whose address is the result of a `heap_addr`.
 * Such a load cannot fault, because the check that makes it safe is an instruction of its
 * own that stays. Other loads (instance context, tables, anything a future lowering may
 * leave to a guard page) stay, even unused: a load is not pure in this IR and proving its
 * address valid needs more than its operand. Traps, stores, calls, intrinsics and
 * `heap_addr` itself always stay. Returns the number of instructions and parameters
 * removed.
 */
export function dce(func: IrFunction): number {
  func.removeUnreachableBlocks();
  const n = func.valueTypes.length;
  const defInst: (Inst | undefined)[] = new Array<Inst | undefined>(n).fill(undefined);
  const paramBlock: (Block | undefined)[] = new Array<Block | undefined>(n).fill(undefined);
  const paramIndex = new Int32Array(n);
  for (const block of func.blocks) {
    block.params.forEach((p, i) => {
      paramBlock[p] = block;
      paramIndex[p] = i;
    });
    for (const inst of block.insts) for (const r of inst.results) defInst[r] = inst;
  }
  const removable = (inst: Inst): boolean => {
    if (OPS[inst.op].pure) return true;
    return inst.op === 'load' && defInst[func.resolve(inst.args[0])]?.op === 'heap_addr';
  };

  const incoming = incomingCalls(func);
  const live = new Uint8Array(n);
  const work: Value[] = [];
  const mark = (v: Value): void => {
    const r = func.resolve(v);
    if (live[r]) return;
    live[r] = 1;
    work.push(r);
  };
  for (const block of func.blocks) {
    for (const inst of block.insts) if (!removable(inst)) inst.args.forEach(mark);
    if (block.term) terminatorOperands(block.term).forEach(mark);
  }
  // The entry's parameters all stay, so whatever a branch back to the entry passes does too.
  for (const call of incoming[func.entry.id]) call.args.forEach(mark);
  while (work.length > 0) {
    const v = work.pop()!;
    const inst = defInst[v];
    if (inst) {
      if (removable(inst)) inst.args.forEach(mark);
      continue;
    }
    const block = paramBlock[v];
    if (block) for (const call of incoming[block.id]) mark(call.args[paramIndex[v]]);
  }

  let removed = 0;
  for (const block of func.blocks) {
    const insts = block.insts;
    let j = 0;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i];
      if (removable(inst) && !inst.results.some((r) => live[r])) continue;
      if (j !== i) insts[j] = inst;
      j++;
    }
    removed += insts.length - j;
    insts.length = j;
    // The entry's parameters are the function's signature.
    if (block === func.entry || block.params.every((p) => live[p])) continue;
    removed += block.params.filter((p) => !live[p]).length;
    const dead = block.params.map((p) => !live[p]);
    dropParams(block, incoming[block.id], (i) => dead[i]);
  }
  return removed;
}

