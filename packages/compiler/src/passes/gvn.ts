import { computeCfg } from '../analysis/cfg.js';
import { DominatorTree } from '../analysis/dominators.js';
import { canonicalBits } from '../ir/eval/slot.js';
import type { Block, Inst, IrFunction, Value } from '../ir/function.js';
import { FloatCond, IntCond, isValueNumbered, type Op, OPS } from '../ir/ops.js';
import { isIntType } from '../ir/types.js';

/**
 * Global value numbering over the dominator tree. An instruction GVN may merge (pure, or
 * `heap_addr`: see isValueNumbered) that is identical to one in a dominating position —
 * same operation, result type, immediates and operands — is aliased to it and removed.
 * A dominating `heap_addr` has already trapped if the access is out of bounds, so the
 * repeated check is redundant; so is one of a smaller `imm` (a narrower access at the
 * same index, base and size).
 *
 * Constants are compared by type and bits wherever they appear as operands, so `add x, 4`
 * in two blocks is one value even though each block made its own `4`. The constants
 * themselves are merged only within a block: a constant is cheaper to make again than
 * to keep in a register across blocks. `symbol_addr` is treated the same way.
 *
 * Integer add/mul/and/or/xor and eq/ne comparisons are commutative and compared either
 * way round. Float add and mul are not: with two NaN operands the machine returns the
 * first one's payload. Instructions are hashed to numbers and compared field by field
 * (string keys cost more than the rest of the pass on functions of 10^5 instructions).
 * Returns the number of instructions removed.
 */
export function gvn(func: IrFunction): number {
  return new ValueNumbering(func).run();
}

const OP_CODE = new Map<Op, number>((Object.keys(OPS) as Op[]).map((op, i) => [op, i + 1]));
const TYPE_CODE = { i32: 1, i64: 2, f32: 3, f64: 4, v128: 5 } as const;

const mix = (h: number, x: number): number => Math.imul(h ^ x, 0x01000193) | 0;

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

class ValueNumbering {
  private readonly defInst: (Inst | undefined)[];
  /** Instructions in scope by hash (one, or a list: the last equal one is the one to use). */
  private readonly table = new Map<number, Inst | Inst[]>();
  /** operandHash by resolved value, 0 until computed (a value's definition does not change here). */
  private readonly operandHashes: Int32Array;
  private removed = 0;

  constructor(private readonly func: IrFunction) {
    this.operandHashes = new Int32Array(func.valueTypes.length);
    this.defInst = new Array<Inst | undefined>(func.valueTypes.length).fill(undefined);
    for (const block of func.blocks) for (const inst of block.insts) for (const r of inst.results) this.defInst[r] = inst;
  }

  run(): number {
    const dom = new DominatorTree(this.func, computeCfg(this.func));
    // Iterative preorder walk (Wasm nesting makes dominator trees deep); each block's
    // additions to the table are undone when its subtree is done.
    const stack: { block: Block; next: number; added: number[] }[] = [{ block: this.func.entry, next: 0, added: this.visit(this.func.entry) }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const kids = dom.children[top.block.id];
      if (top.next < kids.length) {
        const child = kids[top.next++];
        stack.push({ block: child, next: 0, added: this.visit(child) });
        continue;
      }
      for (const h of top.added) {
        const bucket = this.table.get(h)!;
        if (!Array.isArray(bucket) || bucket.length === 1) this.table.delete(h);
        else bucket.pop();
      }
      stack.pop();
    }
    return this.removed;
  }

  /** Numbers a block's instructions; returns the hashes it added to the table. */
  private visit(block: Block): number[] {
    const func = this.func;
    const added: number[] = [];
    let local: Map<number, Inst | Inst[]> | undefined;
    const insts = block.insts;
    let j = 0;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i];
      if (inst.results.length === 1 && isValueNumbered(inst.op)) {
        const h = this.hash(inst);
        const blockLocal = inst.op === 'const' || inst.op === 'symbol_addr';
        const scope = blockLocal ? (local ??= new Map()) : this.table;
        const bucket = scope.get(h);
        const known = bucket && this.find(bucket, inst);
        // A check of index + imm ≤ size that passed also covers every smaller imm (same
        // index, base and size): it replaces those, and a wider one takes its place.
        if (known && (inst.op !== 'heap_addr' || known.imm >= inst.imm)) {
          func.setAlias(inst.results[0], known.results[0]);
          continue;
        }
        if (!bucket) scope.set(h, inst);
        else if (Array.isArray(bucket)) bucket.push(inst);
        else scope.set(h, [bucket, inst]);
        if (!blockLocal) added.push(h);
      }
      if (j !== i) insts[j] = inst;
      j++;
    }
    this.removed += insts.length - j;
    insts.length = j;
    return added;
  }

  /** The last instruction of the bucket that computes what `inst` does. */
  private find(bucket: Inst | Inst[], inst: Inst): Inst | undefined {
    if (!Array.isArray(bucket)) return this.same(bucket, inst) ? bucket : undefined;
    for (let k = bucket.length - 1; k >= 0; k--) if (this.same(bucket[k], inst)) return bucket[k];
    return undefined;
  }

  private hash(inst: Inst): number {
    const func = this.func;
    const type = func.typeOf(inst.results[0]);
    let h = mix(OP_CODE.get(inst.op)!, TYPE_CODE[type]);
    if (inst.op !== 'heap_addr') h = mix(h, inst.imm);
    h = mix(h, inst.flags);
    if (inst.op === 'const') h = mix(h, Number(canonicalBits(type, inst.bits) & 0xffffffffn));
    if (inst.sym !== '') h = mix(h, stringHash(inst.sym));
    const args = inst.args;
    if (args.length === 2 && this.commutative(inst)) {
      const a = this.operandHash(args[0]);
      const b = this.operandHash(args[1]);
      return mix(mix(h, Math.min(a, b)), Math.max(a, b));
    }
    for (const a of args) h = mix(h, this.operandHash(a));
    return h;
  }

  /** A constant hashes by its bits, a symbol address by its symbol, anything else by value. */
  private operandHash(v: Value): number {
    const r = this.func.resolve(v);
    const known = this.operandHashes[r];
    if (known !== 0) return known;
    const def = this.defInst[r];
    let h = r + 1;
    if (def?.op === 'const') h = mix(-1, Number(canonicalBits(this.func.typeOf(r), def.bits) & 0xffffffffn));
    else if (def?.op === 'symbol_addr') h = mix(-2, stringHash(def.sym));
    this.operandHashes[r] = h || 1;
    return h || 1;
  }

  private sameOperand(a: Value, b: Value): boolean {
    const func = this.func;
    const ra = func.resolve(a);
    const rb = func.resolve(b);
    if (ra === rb) return true;
    const da = this.defInst[ra];
    const db = this.defInst[rb];
    if (da?.op === 'const' && db?.op === 'const') {
      const type = func.typeOf(ra);
      return type === func.typeOf(rb) && canonicalBits(type, da.bits) === canonicalBits(type, db.bits);
    }
    return da?.op === 'symbol_addr' && db?.op === 'symbol_addr' && da.sym === db.sym;
  }

  private same(x: Inst, y: Inst): boolean {
    const func = this.func;
    if (x.op !== y.op || x.flags !== y.flags || x.sym !== y.sym || x.args.length !== y.args.length) return false;
    if (x.op !== 'heap_addr' && x.imm !== y.imm) return false;
    const type = func.typeOf(x.results[0]);
    if (type !== func.typeOf(y.results[0])) return false;
    if (x.op === 'const' && canonicalBits(type, x.bits) !== canonicalBits(type, y.bits)) return false;
    let inOrder = true;
    for (let k = 0; k < x.args.length && inOrder; k++) inOrder = this.sameOperand(x.args[k], y.args[k]);
    if (inOrder) return true;
    return x.args.length === 2 && this.commutative(x) && this.sameOperand(x.args[0], y.args[1]) && this.sameOperand(x.args[1], y.args[0]);
  }

  private commutative(inst: Inst): boolean {
    switch (inst.op) {
      case 'add':
      case 'mul':
      case 'and':
      case 'or':
      case 'xor':
        return isIntType(this.func.typeOf(inst.results[0]));
      case 'icmp':
        return inst.imm === IntCond.eq || inst.imm === IntCond.ne;
      case 'fcmp':
        // Equality of floats is symmetric, NaN included; the result is only 0 or 1.
        return inst.imm === FloatCond.eq || inst.imm === FloatCond.ne;
      default:
        return false;
    }
  }
}
