import { BLOCK_EMPTY, valTypeOf } from '@mewz/wasm';
import type { Block, Value } from '../ir/function.js';
import type { IrType } from '../ir/types.js';
import type { LowerContext } from './context.js';
import { irType, irTypes } from './module-info.js';

enum FrameKind {
  Func,
  Block,
  Loop,
  If,
}

/** One entry of the Wasm control stack while lowering. */
interface Frame {
  kind: FrameKind;
  params: readonly IrType[];
  results: readonly IrType[];
  /** Operand stack height below the frame's params. */
  height: number;
  /**
   * Where branches to the frame's label go. A loop: its header. Otherwise the block after
   * `end`, with the results as parameters; made on the first branch to it, so a block no
   * branch targets costs nothing and its code continues in the enclosing IR block.
   */
  target: Block | undefined;
  /** If: the else branch, until it is entered (at `else`, or at `end` without one). */
  elseBlock: Block | undefined;
  /** If: the values of its parameters, which the else branch starts with again. */
  ifArgs: Value[];
}

/**
 * The Wasm operand and control stacks mapped onto IR values and blocks. Operand stack
 * entries are SSA values; a label is a block whose parameters are the label's types, so
 * values carried by branches (and loop-carried values of the stack) become block
 * parameters. After an unconditional branch the rest of the construct is dead: the
 * caller skips it (see `dead`) until the `else` or `end` that makes code live again.
 */
export class ControlStack {
  readonly stack: Value[] = [];
  private readonly frames: Frame[] = [];
  /** The current position is unreachable (after br, br_table, return, unreachable). */
  dead = false;

  constructor(private readonly ctx: LowerContext) {}

  get depth(): number {
    return this.frames.length;
  }

  // ---- operand stack ----

  push(v: Value): void {
    this.stack.push(v);
  }

  pop(): Value {
    const v = this.stack.pop();
    if (v === undefined) throw new Error(`operand stack underflow in func ${this.ctx.funcIndex}`);
    return v;
  }

  /** Pops n values, returned bottom first. */
  popN(n: number): Value[] {
    if (n === 0) return [];
    if (n > this.stack.length) throw new Error(`operand stack underflow in func ${this.ctx.funcIndex}`);
    return this.stack.splice(this.stack.length - n, n);
  }

  /** The top n values, bottom first, left on the stack. */
  peekN(n: number): Value[] {
    return n === 0 ? [] : this.stack.slice(this.stack.length - n);
  }

  // ---- block types ----

  blockSig(blockType: number): { params: IrType[]; results: IrType[] } {
    if (blockType === BLOCK_EMPTY) return { params: [], results: [] };
    if (blockType < 0) return { params: [], results: [irType(valTypeOf(blockType + 0x80))] };
    const t = this.ctx.info.module.types[blockType];
    return { params: irTypes(t.params), results: irTypes(t.results) };
  }

  // ---- structure ----

  enterFunction(results: readonly IrType[]): void {
    this.frames.push({ kind: FrameKind.Func, params: [], results, height: 0, target: undefined, elseBlock: undefined, ifArgs: [] });
  }

  enterBlock(blockType: number): void {
    const { params, results } = this.blockSig(blockType);
    this.pushFrame(FrameKind.Block, params, results);
  }

  enterLoop(blockType: number): void {
    const b = this.ctx.b;
    const { params, results } = this.blockSig(blockType);
    const header = b.newBlock(params);
    b.jump(header, this.popN(params.length));
    b.switchTo(header); // sealed at `end`, when every back edge is known
    this.stack.push(...header.params);
    this.pushFrame(FrameKind.Loop, params, results).target = header;
  }

  enterIf(blockType: number): void {
    const b = this.ctx.b;
    const { params, results } = this.blockSig(blockType);
    const cond = this.pop();
    const thenBlock = b.newBlock();
    const elseBlock = b.newBlock();
    b.brIf(cond, thenBlock, [], elseBlock, []);
    b.seal(thenBlock);
    b.seal(elseBlock);
    b.switchTo(thenBlock);
    // Both arms see the parameters as the same values: the if's block dominates them.
    const frame = this.pushFrame(FrameKind.If, params, results);
    frame.elseBlock = elseBlock;
    frame.ifArgs = this.peekN(params.length);
  }

  /** `else` of the innermost frame (an if). */
  enterElse(): void {
    const b = this.ctx.b;
    const frame = this.top();
    if (!this.dead) b.jump(this.labelBlock(frame), this.popN(frame.results.length));
    b.switchTo(frame.elseBlock!);
    frame.elseBlock = undefined;
    this.resetStack(frame, frame.ifArgs);
    this.dead = false;
  }

  /** `end` of the innermost frame. Returns true when it was the function's. */
  exit(): boolean {
    const b = this.ctx.b;
    const frame = this.frames.pop()!;
    if (frame.kind === FrameKind.If && frame.elseBlock) {
      // No else clause: the false arm passes the parameters on as the results.
      if (!this.dead) b.jump(this.labelBlock(frame), this.popN(frame.results.length));
      b.switchTo(frame.elseBlock);
      b.jump(this.labelBlock(frame), frame.ifArgs);
      this.dead = true;
    }
    if (frame.kind === FrameKind.Loop) {
      b.seal(frame.target!);
      if (this.dead) this.stack.length = frame.height;
    } else if (frame.target) {
      if (!this.dead) b.jump(frame.target, this.popN(frame.results.length));
      b.seal(frame.target);
      b.switchTo(frame.target);
      this.resetStack(frame, frame.target.params);
      this.dead = false;
    } else if (this.dead) {
      this.stack.length = frame.height;
    }
    if (frame.kind !== FrameKind.Func) return false;
    if (!this.dead) b.ret(this.popN(frame.results.length));
    return true;
  }

  // ---- branches ----

  /** `br depth`. */
  br(depth: number): void {
    const frame = this.frameAt(depth);
    const values = this.peekN(this.arity(frame));
    if (frame.kind === FrameKind.Func) this.ctx.b.ret(values);
    else this.ctx.b.jump(this.labelBlock(frame), values);
    this.setDead();
  }

  /** `br_if depth`: the branch values stay on the stack for the fall-through path. */
  brIf(depth: number): void {
    const b = this.ctx.b;
    const cond = this.pop();
    const frame = this.frameAt(depth);
    const values = this.peekN(this.arity(frame));
    const next = b.newBlock();
    b.brIf(cond, this.labelBlock(frame), values, next, []);
    b.seal(next);
    b.switchTo(next);
  }

  /** `br_table`: `targets` are label depths, `dflt` the default's. */
  brTable(targets: ArrayLike<number>, count: number, dflt: number): void {
    const index = this.pop();
    const dframe = this.frameAt(dflt);
    const values = this.peekN(this.arity(dframe));
    const calls = [];
    for (let i = 0; i < count; i++) calls.push({ block: this.labelBlock(this.frameAt(targets[i])), args: values });
    this.ctx.b.brTable(index, calls, { block: this.labelBlock(dframe), args: values });
    this.setDead();
  }

  /** `return`. */
  ret(): void {
    this.ctx.b.ret(this.peekN(this.frames[0].results.length));
    this.setDead();
  }

  /** After an instruction that ends the block (unreachable, a trap terminator). */
  setDead(): void {
    this.stack.length = this.top().height;
    this.dead = true;
  }

  // ---- helpers ----

  private pushFrame(kind: FrameKind, params: readonly IrType[], results: readonly IrType[]): Frame {
    const frame: Frame = { kind, params, results, height: this.stack.length - params.length, target: undefined, elseBlock: undefined, ifArgs: [] };
    this.frames.push(frame);
    return frame;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private frameAt(depth: number): Frame {
    return this.frames[this.frames.length - 1 - depth];
  }

  /** Number of values a branch to the frame's label carries. */
  private arity(frame: Frame): number {
    return frame.kind === FrameKind.Loop ? frame.params.length : frame.results.length;
  }

  /** The block a branch to the frame's label jumps to (made on first use). */
  private labelBlock(frame: Frame): Block {
    frame.target ??= this.ctx.b.newBlock(frame.results);
    return frame.target;
  }

  private resetStack(frame: Frame, values: readonly Value[]): void {
    this.stack.length = frame.height;
    this.stack.push(...values);
  }
}
