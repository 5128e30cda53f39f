import type { MachineIsa, Operand } from '../machine/isa.js';
import { PREG_LIMIT, type Reg, type RegClass } from '../machine/regs.js';
import type { VCode } from '../machine/vcode.js';

/** Operand kinds as small numbers, for the flat operand table. */
export const USE = 0;
export const DEF = 1;
export const MOD = 2;
export const EARLY_DEF = 3;

/** Registers an instruction destroys (calls: the caller-saved set). */
export interface ClobberSet {
  readonly regs: readonly Reg[];
  /** mask[preg] = 1 if clobbered. */
  readonly mask: Uint8Array;
  /** Whether it takes any allocatable register of the class. */
  readonly int: boolean;
  readonly float: boolean;
}

/** A register allocation problem the input (not the allocator) is to blame for. */
export class RegAllocError extends Error {
  override readonly name = 'RegAllocError';
}

/**
 * Instruction numbering, the flat operand table and CFG facts of one function.
 *
 * Every block has a header index (its parameters and live-in values begin there)
 * followed by one index per instruction. Index i owns four positions:
 *   4i    move point: the copies placed before instruction i happen here
 *   4i+1  uses are read; early defs are written
 *   4i+2  defs are written (so a def may take the register of a use that dies here)
 *   4i+3  copies out of fixed def registers
 * A live range [from, to) holds its register at every position from..to-1. Copies at a
 * move point read the state at the position before it and write the state at it.
 */
export class Numbering<I> {
  readonly blockCount: number;
  /** header[b]: index of block b's header; header[blockCount] = number of indices. */
  readonly header: Int32Array;
  readonly blockOfIndex: Int32Array;
  /** Operands of index i are opStart[i] .. opStart[i+1]-1 (headers have none). */
  readonly opStart: Int32Array;
  readonly opReg: number[] = [];
  readonly opKind: number[] = [];
  /** The fixed register of an operand, or -1. */
  readonly opFixed: number[] = [];
  /** Per index: which of `clobberSets` the instruction clobbers, or -1. */
  readonly clobberSet: Int32Array;
  /** The distinct clobber lists of the function (calls usually share one). */
  readonly clobberSets: ClobberSet[] = [];
  /** Incoming edges of each block as flat (pred block, successor index in pred) pairs. */
  readonly inEdges: number[][];
  readonly loopDepth: Int32Array;
  readonly loopHeader: Uint8Array;
  readonly firstVreg: number;
  readonly vregCount: number;
  /** allocatable[preg] = 1 if the allocator may assign it. */
  readonly allocatable = new Uint8Array(PREG_LIMIT);
  readonly classOfPreg: (RegClass | undefined)[] = new Array(PREG_LIMIT);

  constructor(
    readonly vcode: VCode<I>,
    isa: MachineIsa<I, unknown>,
  ) {
    const blocks = vcode.blocks;
    const nb = blocks.length;
    this.blockCount = nb;
    this.firstVreg = vcode.firstVreg;
    this.vregCount = vcode.vregCount;
    if (nb === 0) throw new RegAllocError(`${vcode.name}: function has no blocks`);

    for (const cls of ['int', 'float'] as const) {
      for (const r of isa.regs.allocatable[cls]) {
        this.allocatable[r] = 1;
        this.classOfPreg[r] = cls;
      }
    }

    this.header = new Int32Array(nb + 1);
    let count = 0;
    for (let b = 0; b < nb; b++) {
      if (blocks[b].insts.length === 0) throw new RegAllocError(`${vcode.name}: block ${b} has no instructions`);
      this.header[b] = count;
      count += 1 + blocks[b].insts.length;
    }
    this.header[nb] = count;
    this.blockOfIndex = new Int32Array(count);
    this.opStart = new Int32Array(count + 1);
    this.clobberSet = new Int32Array(count).fill(-1);
    const setByList = new Map<readonly Reg[], number>();
    const setByKey = new Map<string, number>();

    // Operands are appended to one array (truncating it each time is slow) that is
    // replaced now and then.
    let ops: Operand[] = [];
    let index = 0;
    for (let b = 0; b < nb; b++) {
      this.blockOfIndex[index] = b;
      this.opStart[index] = this.opReg.length;
      index++;
      for (const inst of blocks[b].insts) {
        this.blockOfIndex[index] = b;
        this.opStart[index] = this.opReg.length;
        if (ops.length > 1024) ops = [];
        const base = ops.length;
        isa.operands(inst, ops);
        for (let k = base; k < ops.length; k++) {
          const op = ops[k];
          this.checkReg(op.reg, b);
          this.opReg.push(op.reg);
          const kind = op.kind;
          this.opKind.push(kind === 'use' ? USE : kind === 'def' ? DEF : kind === 'mod' ? MOD : EARLY_DEF);
          this.opFixed.push(op.fixed ?? -1);
        }
        const clobbers = isa.clobbers(inst);
        if (clobbers.length > 0) {
          let set = setByList.get(clobbers);
          if (set === undefined) {
            const key = clobbers.join(',');
            set = setByKey.get(key);
            if (set === undefined) {
              set = this.clobberSets.length;
              this.clobberSets.push(this.makeClobberSet(clobbers));
              setByKey.set(key, set);
            }
            setByList.set(clobbers, set);
          }
          this.clobberSet[index] = set;
        }
        index++;
      }
    }
    this.opStart[count] = this.opReg.length;

    this.inEdges = blocks.map(() => []);
    for (let b = 0; b < nb; b++) {
      const succs = blocks[b].succs;
      for (let k = 0; k < succs.length; k++) {
        const s = succs[k].block;
        if (!(s >= 0 && s < nb)) throw new RegAllocError(`${vcode.name}: block ${b} branches to missing block ${s}`);
        if (succs[k].args.length !== blocks[s].params.length) {
          throw new RegAllocError(`${vcode.name}: block ${b} passes ${succs[k].args.length} values to block ${s}, which has ${blocks[s].params.length} parameters`);
        }
        for (const a of succs[k].args) this.checkVreg(a, b);
        this.inEdges[s].push(b, k);
      }
      for (const p of blocks[b].params) this.checkVreg(p, b);
    }

    this.loopDepth = new Int32Array(nb);
    this.loopHeader = new Uint8Array(nb);
    this.findLoops();
  }

  private makeClobberSet(regs: readonly Reg[]): ClobberSet {
    const mask = new Uint8Array(PREG_LIMIT);
    let int = false;
    let float = false;
    for (const r of regs) {
      mask[r] = 1;
      if (this.allocatable[r]) {
        if (this.classOfPreg[r] === 'int') int = true;
        else float = true;
      }
    }
    return { regs, mask, int, float };
  }

  get indexCount(): number {
    return this.header[this.blockCount];
  }

  /** Index of instruction i of block b. */
  indexOf(b: number, i: number): number {
    return this.header[b] + 1 + i;
  }

  inst(index: number): I {
    const b = this.blockOfIndex[index];
    return this.vcode.blocks[b].insts[index - this.header[b] - 1];
  }

  isHeader(index: number): boolean {
    return this.header[this.blockOfIndex[index]] === index;
  }

  /** Dense number of a virtual register (0 .. vregCount-1). */
  vregIndex(reg: Reg): number {
    return reg - this.firstVreg;
  }

  isVreg(reg: Reg): boolean {
    return reg >= PREG_LIMIT;
  }

  /** "block 3, instruction 5" for the position `pos`. */
  describe(pos: number): string {
    const index = pos >> 2;
    const b = this.blockOfIndex[index];
    const i = index - this.header[b] - 1;
    return i < 0 ? `${this.vcode.name}: start of block ${b}` : `${this.vcode.name}: block ${b}, instruction ${i}`;
  }

  private checkReg(reg: Reg, b: number): void {
    if (reg >= PREG_LIMIT) this.checkVreg(reg, b);
    else if (!(reg >= 0)) throw new RegAllocError(`${this.vcode.name}: bad register ${reg} in block ${b}`);
  }

  private checkVreg(reg: Reg, b: number): void {
    const vi = reg - this.firstVreg;
    if (!(vi >= 0 && vi < this.vregCount)) {
      throw new RegAllocError(`${this.vcode.name}: unknown virtual register ${reg} in block ${b}`);
    }
  }

  /**
   * Loop depth of every block from natural loops of the back edges a DFS finds (Wasm's
   * control flow is reducible). Only split-position heuristics use it.
   */
  private findLoops(): void {
    const nb = this.blockCount;
    const blocks = this.vcode.blocks;
    const state = new Uint8Array(nb); // 0 new, 1 on the DFS stack, 2 done
    const stack: number[] = [0];
    const next: number[] = [0];
    const backTails: number[][] = [];
    state[0] = 1;
    while (stack.length > 0) {
      const top = stack.length - 1;
      const b = stack[top];
      const succs = blocks[b].succs;
      if (next[top] < succs.length) {
        const s = succs[next[top]++].block;
        if (state[s] === 0) {
          state[s] = 1;
          stack.push(s);
          next.push(0);
        } else if (state[s] === 1) {
          (backTails[s] ??= []).push(b);
        }
      } else {
        state[b] = 2;
        stack.pop();
        next.pop();
      }
    }
    const mark = new Int32Array(nb).fill(-1);
    const work: number[] = [];
    for (let h = 0; h < nb; h++) {
      const tails = backTails[h];
      if (tails === undefined) continue;
      this.loopHeader[h] = 1;
      mark[h] = h;
      this.loopDepth[h]++;
      for (const t of tails) {
        if (mark[t] !== h) {
          mark[t] = h;
          this.loopDepth[t]++;
          work.push(t);
        }
      }
      while (work.length > 0) {
        const x = work.pop() as number;
        const edges = this.inEdges[x];
        for (let e = 0; e < edges.length; e += 2) {
          const p = edges[e];
          if (mark[p] !== h && state[p] !== 0) {
            mark[p] = h;
            this.loopDepth[p]++;
            work.push(p);
          }
        }
      }
    }
  }
}
