import { computeCfg } from '../analysis/cfg.js';
import { DominatorTree } from '../analysis/dominators.js';
import { type Block, type IrFunction, successorCalls, terminatorOperands, type Value } from './function.js';
import { OPS } from './ops.js';

/**
 * Checks the SSA invariants every pass must keep: each reachable block is terminated,
 * block arguments match parameters in number and type, every value is defined once and
 * its definition dominates each use, and operand counts match the operation.
 * Returns the problems found (empty when the function is well formed).
 */
export function verifyFunction(func: IrFunction): string[] {
  const problems: string[] = [];
  const cfg = computeCfg(func);
  const dom = new DominatorTree(func, cfg);
  // Where each value is defined: block and position (-1 for block parameters).
  const defBlock: (Block | undefined)[] = [];
  const defPos: number[] = [];
  const define = (v: Value, block: Block, pos: number): void => {
    if (defBlock[v] !== undefined) problems.push(`v${v} is defined twice`);
    defBlock[v] = block;
    defPos[v] = pos;
  };
  for (const block of cfg.rpo) {
    block.params.forEach((p) => define(p, block, -1));
    block.insts.forEach((inst, i) => inst.results.forEach((r) => define(r, block, i)));
  }
  const checkUse = (v: Value, block: Block, pos: number, what: string): void => {
    const r = func.resolve(v);
    const db = defBlock[r];
    if (db === undefined) problems.push(`block${block.id}: ${what} uses v${r}, which is never defined`);
    else if (db === block ? defPos[r] >= pos : !dom.dominates(db, block)) {
      problems.push(`block${block.id}: ${what} uses v${r}, whose definition does not dominate it`);
    }
  };
  for (const block of cfg.rpo) {
    block.insts.forEach((inst, i) => {
      const arity = OPS[inst.op].args;
      if (arity >= 0 && inst.args.length !== arity) {
        problems.push(`block${block.id}: ${inst.op} has ${inst.args.length} operands, expected ${arity}`);
      }
      for (const a of inst.args) checkUse(a, block, i, inst.op);
    });
    const term = block.term;
    if (!term) {
      problems.push(`block${block.id} has no terminator`);
      continue;
    }
    const end = block.insts.length;
    for (const v of terminatorOperands(term)) checkUse(v, block, end, term.kind);
    for (const call of successorCalls(term)) {
      const target = call.block;
      if (call.args.length !== target.params.length) {
        problems.push(`block${block.id}: ${term.kind} passes ${call.args.length} values to block${target.id}, which takes ${target.params.length}`);
        continue;
      }
      call.args.forEach((a, k) => {
        checkUse(a, block, end, `${term.kind} to block${target.id}`);
        const want = func.typeOf(target.params[k]);
        const got = func.typeOf(func.resolve(a));
        if (want !== got) problems.push(`block${block.id}: argument ${k} to block${target.id} is ${got}, expected ${want}`);
      });
    }
    if (term.kind === 'return') {
      const types = term.values.map((v) => func.typeOf(func.resolve(v)));
      if (types.join() !== func.results.join()) {
        problems.push(`block${block.id}: returns (${types.join(', ')}), expected (${func.results.join(', ')})`);
      }
    }
  }
  return problems;
}
