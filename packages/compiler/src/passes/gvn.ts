import { computeCfg } from '../analysis/cfg.js';
import { DominatorTree } from '../analysis/dominators.js';
import { canonicalBits } from '../ir/eval/slot.js';
import type { Block, Inst, IrFunction, Value } from '../ir/function.js';
import { FloatCond, IntCond, isValueNumbered } from '../ir/ops.js';
import { isIntType } from '../ir/types.js';

/**
 * Global value numbering over the dominator tree. An instruction GVN may merge (pure, or
 * `heap_addr`: see isValueNumbered) that is identical to one in a dominating position —
 * same operation, result type, immediates and operands — is aliased to it and removed.
 * A dominating `heap_addr` has already trapped if the access is out of bounds, so the
 * repeated check is redundant; so is one of a smaller `imm` (a narrower access at the
 * same index, base and size).
 *
 * Constants are keyed by type and bits wherever they appear as operands, so `add x, 4`
 * in two blocks is one value even though each block made its own `4`. The constants
 * themselves are merged only within a block: a constant is cheaper to make again than
 * to keep in a register across blocks. `symbol_addr` is treated the same way.
 *
 * Integer add/mul/and/or/xor and eq/ne comparisons are commutative and numbered with
 * sorted operands. Float add and mul are not: with two NaN operands the machine returns
 * the first one's payload. Returns the number of instructions removed.
 */
export function gvn(func: IrFunction): number {
  const cfg = computeCfg(func);
  const dom = new DominatorTree(func, cfg);
  const defInst: (Inst | undefined)[] = new Array<Inst | undefined>(func.valueTypes.length).fill(undefined);
  for (const block of func.blocks) for (const inst of block.insts) for (const r of inst.results) defInst[r] = inst;

  const operand = (v: Value): string => {
    const r = func.resolve(v);
    const def = defInst[r];
    if (def?.op === 'const') return `#${func.typeOf(r)}:${canonicalBits(func.typeOf(r), def.bits)}`;
    if (def?.op === 'symbol_addr') return `@${def.sym}`;
    return String(r);
  };
  const keyOf = (inst: Inst): string => {
    const type = func.typeOf(inst.results[0]);
    const bits = inst.op === 'const' ? canonicalBits(type, inst.bits) : '';
    // A heap_addr's imm is left out: checks that differ only in it are compared by it.
    const imm = inst.op === 'heap_addr' ? '' : inst.imm;
    let key = `${inst.op}.${type}.${imm}.${inst.flags}.${bits}.${inst.sym}(`;
    const args = inst.args;
    if (args.length === 2) {
      const a = operand(args[0]);
      const b = operand(args[1]);
      return b < a && commutative(func, inst) ? `${key}${b},${a}` : `${key}${a},${b}`;
    }
    for (const a of args) key += `${operand(a)},`;
    return key;
  };

  const table = new Map<string, Value>();
  let removed = 0;
  /** What a block changed in the table, to undo on leaving its subtree: key and previous value. */
  type Undo = { key: string; prev: Value | undefined }[];
  const visit = (block: Block): Undo => {
    const undo: Undo = [];
    let local: Map<string, Value> | undefined;
    const insts = block.insts;
    let j = 0;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i];
      if (inst.results.length === 1 && isValueNumbered(inst.op)) {
        const key = keyOf(inst);
        const scope = inst.op === 'const' || inst.op === 'symbol_addr' ? (local ??= new Map()) : table;
        const known = scope.get(key);
        // A check of index + imm ≤ size that passed also covers every smaller imm (same
        // index, base and size): it replaces those, and a wider one takes its place.
        if (known !== undefined && (inst.op !== 'heap_addr' || defInst[known]!.imm >= inst.imm)) {
          func.setAlias(inst.results[0], known);
          continue;
        }
        scope.set(key, inst.results[0]);
        if (scope === table) undo.push({ key, prev: known });
      }
      if (j !== i) insts[j] = inst;
      j++;
    }
    removed += insts.length - j;
    insts.length = j;
    return undo;
  };

  // Iterative preorder walk: Wasm nesting makes dominator trees deep.
  const stack: { block: Block; next: number; undo: Undo }[] = [{ block: func.entry, next: 0, undo: visit(func.entry) }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const kids = dom.children[top.block.id];
    if (top.next < kids.length) {
      const child = kids[top.next++];
      stack.push({ block: child, next: 0, undo: visit(child) });
    } else {
      for (let k = top.undo.length - 1; k >= 0; k--) {
        const { key, prev } = top.undo[k];
        if (prev === undefined) table.delete(key);
        else table.set(key, prev);
      }
      stack.pop();
    }
  }
  return removed;
}

function commutative(func: IrFunction, inst: Inst): boolean {
  switch (inst.op) {
    case 'add':
    case 'mul':
    case 'and':
    case 'or':
    case 'xor':
      return isIntType(func.typeOf(inst.results[0]));
    case 'icmp':
      return inst.imm === IntCond.eq || inst.imm === IntCond.ne;
    case 'fcmp':
      // Equality of floats is symmetric, NaN included; the result is only 0 or 1.
      return inst.imm === FloatCond.eq || inst.imm === FloatCond.ne;
    default:
      return false;
  }
}
