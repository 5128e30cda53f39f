import type { Allocation, Edit, Location } from '../machine/allocation.js';
import type { MachineIsa, Operand } from '../machine/isa.js';
import { PREG_LIMIT, type Reg } from '../machine/regs.js';
import type { VCode, VSuccessor } from '../machine/vcode.js';

// What each location holds: the vregs whose value is there. Sets are never changed in
// place, so copies and state clones share them.
type State = Map<number, ReadonlySet<number>>;

/**
 * Checks an allocation symbolically, independent of how it was made: it tracks which
 * vregs each register and spill slot holds along every path (a dataflow over the CFG,
 * intersecting at joins; a move or copy makes the destination hold what the source
 * holds) and reports every operand that does not find its value, wrong fixed registers,
 * wrong classes, slot-to-slot copies and unsaved callee-saved registers. For tests and
 * for debugging a backend; throws an Error listing the first problems.
 */
export function checkAllocation<I, A>(vcode: VCode<I>, alloc: Allocation, isa: MachineIsa<I, A>): void {
  const problems: string[] = [];
  const report = (msg: string): void => {
    if (problems.length < 20) problems.push(`${vcode.name}: ${msg}`);
  };
  const blocks = vcode.blocks;
  const key = (loc: Location): number => ('reg' in loc ? loc.reg : PREG_LIMIT + loc.slot);
  const ops: Operand[] = [];
  const written = new Set<Reg>();

  const applyEdits = (state: State, edits: readonly Edit[] | undefined, where: string, check: boolean): void => {
    for (const e of edits ?? []) {
      if (check) {
        for (const loc of [e.dst, e.src]) {
          if ('reg' in loc && isa.regs.classOf(loc.reg) !== e.cls) report(`${where}: copy of class ${e.cls} uses ${isa.regs.name(loc.reg)}`);
          if ('slot' in loc && !(loc.slot >= 0 && loc.slot < alloc.spillSlots)) report(`${where}: copy uses missing spill slot ${loc.slot}`);
        }
        if ('slot' in e.dst && 'slot' in e.src) report(`${where}: slot-to-slot copy`);
        if ('reg' in e.dst) written.add(e.dst.reg);
      }
      const src = state.get(key(e.src));
      if (src === undefined) state.delete(key(e.dst));
      else state.set(key(e.dst), src);
    }
  };

  const bind = (state: State, succ: VSuccessor): void => {
    const params = blocks[succ.block].params;
    for (const [loc, set] of state) {
      let touched = false;
      for (const p of params) if (set.has(p)) touched = true;
      for (const a of succ.args) if (set.has(a)) touched = true;
      if (!touched) continue;
      const next = new Set(set);
      for (const p of params) next.delete(p);
      succ.args.forEach((a, j) => {
        if (set.has(a)) next.add(params[j]);
      });
      state.set(loc, next);
    }
  };

  const runInst = (state: State, b: number, i: number, check: boolean): void => {
    const inst = blocks[b].insts[i];
    const regs = alloc.regs[b]?.[i] ?? [];
    const where = `block ${b}, instruction ${i}`;
    ops.length = 0;
    isa.operands(inst, ops);
    if (check) {
      if (regs.length !== ops.length) report(`${where}: ${regs.length} registers for ${ops.length} operands`);
      const defRegs = new Set<Reg>();
      ops.forEach((op, k) => {
        const r = regs[k];
        if (op.fixed !== undefined && r !== op.fixed) report(`${where}: operand ${k} is fixed to ${isa.regs.name(op.fixed)} but got ${name(r)}`);
        if (op.reg < PREG_LIMIT && r !== op.reg) report(`${where}: operand ${k} names ${isa.regs.name(op.reg)} but got ${name(r)}`);
        if (op.reg >= PREG_LIMIT) {
          if (!(r >= 0 && r < PREG_LIMIT) || isa.regs.classOf(r) !== vcode.classOf(op.reg)) report(`${where}: operand ${k} (v${op.reg}) got ${name(r)}`);
          if ((op.kind === 'use' || op.kind === 'mod') && !state.get(r)?.has(op.reg)) {
            report(`${where}: operand ${k} reads v${op.reg} from ${name(r)}, which holds ${show(state.get(r))}`);
          }
        } else if ((op.kind === 'use' || op.kind === 'mod') && !state.get(r)?.has(pregValue(op.reg))) {
          report(`${where}: operand ${k} reads ${name(op.reg)}, which no longer holds what the function wrote there`);
        }
        if (op.kind !== 'use') {
          if (defRegs.has(r)) report(`${where}: two defs in ${name(r)}`);
          defRegs.add(r);
          written.add(r);
        }
      });
      ops.forEach((op, k) => {
        if (op.kind !== 'early-def') return;
        ops.forEach((other, j) => {
          if ((other.kind === 'use' || other.kind === 'mod') && regs[j] === regs[k]) report(`${where}: early def ${k} shares ${name(regs[k])} with use ${j}`);
        });
      });
      for (const c of isa.clobbers(inst)) written.add(c);
    }
    const move = isa.moveOf(inst);
    let moved: ReadonlySet<number> | undefined;
    if (move !== undefined) {
      const k = ops.findIndex((op) => op.reg === move[1] && op.kind === 'use');
      if (k >= 0) moved = state.get(regs[k]) ?? new Set();
    }
    for (const c of isa.clobbers(inst)) state.delete(c);
    ops.forEach((op, k) => {
      if (op.kind === 'use') return;
      const r = regs[k];
      if (op.reg < PREG_LIMIT) {
        // What the function writes to a physical register itself is a value of its own.
        forget(state, pregValue(r));
        state.set(r, new Set([pregValue(r)]));
        return;
      }
      forget(state, op.reg);
      if (moved !== undefined && move !== undefined && op.reg === move[0]) {
        state.set(r, new Set([...without(moved, op.reg), op.reg]));
      } else {
        state.set(r, new Set([op.reg]));
      }
    });
  };

  const runBlock = (b: number, entry: State, check: boolean): State => {
    const state = clone(entry);
    const block = blocks[b];
    applyEdits(state, alloc.blockStart[b], `start of block ${b}`, check);
    const last = block.insts.length - 1;
    for (let i = 0; i <= last; i++) {
      applyEdits(state, alloc.before[b]?.[i], `block ${b}, before instruction ${i}`, check);
      if (i === last) {
        if (block.succs.length === 1) bind(state, block.succs[0]);
        applyEdits(state, alloc.blockEnd[b], `end of block ${b}`, check);
      }
      runInst(state, b, i, check);
    }
    return state;
  };

  const entries: (State | undefined)[] = new Array(blocks.length);
  entries[0] = new Map();
  const work = [0];
  const queued = new Uint8Array(blocks.length);
  queued[0] = 1;
  while (work.length > 0) {
    const b = work.shift() as number;
    queued[b] = 0;
    const out = runBlock(b, entries[b] as State, false);
    for (const succ of blocks[b].succs) {
      const st = clone(out);
      if (blocks[b].succs.length !== 1) bind(st, succ);
      const old = entries[succ.block];
      const next = old === undefined ? st : meet(old, st);
      if (old === undefined || !same(old, next)) {
        entries[succ.block] = next;
        if (!queued[succ.block]) {
          queued[succ.block] = 1;
          work.push(succ.block);
        }
      }
    }
  }
  for (let b = 0; b < blocks.length; b++) {
    const entry = entries[b];
    if (entry !== undefined) runBlock(b, entry, true);
  }
  const saved = new Set(alloc.frame.savedRegs);
  for (const r of isa.regs.calleeSaved) {
    if (written.has(r) && !saved.has(r)) report(`writes callee-saved ${isa.regs.name(r)} without saving it`);
  }
  if (problems.length > 0) throw new Error(`register allocation check failed:\n  ${problems.join('\n  ')}`);

  function name(r: Reg | undefined): string {
    return r === undefined ? 'nothing' : r >= 0 && r < PREG_LIMIT ? isa.regs.name(r) : `?${r}`;
  }
}

/** The value a function wrote to physical register r itself. */
const pregValue = (r: Reg): number => -1 - r;

function show(set: ReadonlySet<number> | undefined): string {
  return set === undefined || set.size === 0 ? 'nothing' : `{${[...set].map((v) => (v < 0 ? `p${-1 - v}` : `v${v}`)).join(', ')}}`;
}

function clone(state: State): State {
  return new Map(state);
}

/** A redefined vreg's old value is gone wherever it was. */
function forget(state: State, v: number): void {
  for (const [loc, set] of state) if (set.has(v)) state.set(loc, without(set, v));
}

function without(set: ReadonlySet<number>, v: number): ReadonlySet<number> {
  if (!set.has(v)) return set;
  const out = new Set(set);
  out.delete(v);
  return out;
}

function meet(a: State, b: State): State {
  const out: State = new Map();
  for (const [k, set] of a) {
    const other = b.get(k);
    if (other === undefined) continue;
    if (other === set) {
      out.set(k, set);
      continue;
    }
    const both = new Set<number>();
    for (const v of set) if (other.has(v)) both.add(v);
    if (both.size > 0) out.set(k, both);
  }
  return out;
}

function same(a: State, b: State): boolean {
  if (a.size !== b.size) return false;
  for (const [k, set] of a) {
    const other = b.get(k);
    if (other === set) continue;
    if (other === undefined || other.size !== set.size) return false;
    for (const v of set) if (!other.has(v)) return false;
  }
  return true;
}
