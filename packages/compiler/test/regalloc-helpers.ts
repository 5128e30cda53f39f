// A toy ISA for testing the register allocator and the emission driver: 4 int registers
// (r0, r1 caller-saved; r2, r3 callee-saved), 3 float registers (f0, f2 caller-saved, f1
// callee-saved; a three-operand float add whose sources both live on needs three), calls with arguments in r0/r1 and the result in r0, a shift whose count
// is fixed to r1, two-address and early-def forms. `emit` writes machine instructions over
// physical registers into a list that `runMachine` executes; `runReference` executes the
// VCode itself with unlimited registers.
import {
  allocateRegisters,
  checkAllocation,
  emitFunction,
  VCode,
  type Allocation,
  type EmitContext,
  type Frame,
  type Location,
  type MachineIsa,
  type Operand,
  type Reg,
  type RegClass,
  type RegisterInfo,
} from '../src/index.js';

export const R0 = 0;
export const R1 = 1;
export const R2 = 2;
export const R3 = 3;
export const R4 = 4; // scratch in the variant that has one; never allocatable
export const F0 = 8;
export const F1 = 9;
export const F2 = 10;
export const F3 = 11; // float scratch
/** A register of the toy machine outside every allocatable set, for multi-instruction expansions. */
const SCRATCH_ALU = 14;

export type ToyInst =
  | { op: 'args'; dsts: Reg[] } // defs fixed to r0, r1
  | { op: 'const'; dst: Reg; value: number }
  | { op: 'fconst'; dst: Reg; value: number }
  | { op: 'add' | 'sub' | 'mul' | 'xor'; dst: Reg; a: Reg; b: Reg }
  | { op: 'fadd'; dst: Reg; a: Reg; b: Reg }
  | { op: 'addm'; dst: Reg; b: Reg } // dst += b, two-address (mod)
  | { op: 'xorEarly'; dst: Reg; a: Reg; b: Reg } // early def
  | { op: 'shl'; dst: Reg; a: Reg; count: Reg } // count fixed to r1
  | { op: 'itof' | 'ftoi'; dst: Reg; a: Reg }
  | { op: 'mulfix'; dst: Reg; src: Reg } // dst = dst * src + 1, dst fixed to r0 (mod), like x86 mul
  | { op: 'divlike'; q: Reg; r: Reg; a: Reg; b: Reg } // q = a + b in r0, r = a - b in r1; a fixed to r0
  | { op: 'efix'; dst: Reg; a: Reg; b: Reg } // dst = a - b, an early def fixed to r1
  | { op: 'mov'; dst: Reg; src: Reg }
  | { op: 'ldslot'; dst: Reg; slot: number }
  | { op: 'stslot'; slot: number; src: Reg }
  | { op: 'call'; dst?: Reg; args: Reg[] } // args fixed r0, r1; result fixed r0
  | { op: 'callind'; dst?: Reg; target: Reg; args: Reg[] } // target: any register
  | { op: 'setpreg'; preg: Reg; src: Reg } // writes a physical register directly
  | { op: 'getpreg'; dst: Reg; preg: Reg } // reads it back
  | { op: 'trapif'; cond: Reg; code: number }
  | { op: 'brif'; cond: Reg; then: number; else: number }
  | { op: 'jmp'; target: number }
  | { op: 'switch'; index: Reg; targets: number[] } // to targets[index], clamped to the last
  | { op: 'ret'; value: Reg }; // value fixed to r0

export type MInst =
  | { op: 'li'; d: Reg; value: number }
  | { op: 'alu'; fn: 'add' | 'sub' | 'mul' | 'xor' | 'shl' | 'fadd' | 'itof' | 'ftoi'; d: Reg; a: Reg; b: Reg }
  | { op: 'mov'; d: Reg; s: Reg }
  | { op: 'load'; d: Reg; off: number }
  | { op: 'store'; off: number; s: Reg }
  | { op: 'call'; nargs: number; target?: Reg; trash: readonly Reg[] }
  | { op: 'br'; cond: Reg; label: number }
  | { op: 'table'; index: Reg; labels: number[] }
  | { op: 'jmp'; label: number }
  | { op: 'push'; r: Reg }
  | { op: 'pop'; r: Reg }
  | { op: 'subsp'; n: number }
  | { op: 'addsp'; n: number }
  | { op: 'ret' }
  | { op: 'trap'; code: number };

export class ToyAsm {
  readonly code: MInst[] = [];
  readonly labels: number[] = [];
  newLabel(): number {
    this.labels.push(-1);
    return this.labels.length - 1;
  }
  bind(label: number): void {
    if (this.labels[label] !== -1) throw new Error(`label ${label} bound twice`);
    this.labels[label] = this.code.length;
  }
  push(...insts: MInst[]): void {
    this.code.push(...insts);
  }
}

const NAMES: Record<number, string> = { 0: 'r0', 1: 'r1', 2: 'r2', 3: 'r3', 4: 'r4', 8: 'f0', 9: 'f1', 10: 'f2', 11: 'f3', 15: 'sp' };

export interface ToyOptions {
  /** Give the allocator scratch registers r4 and f3. */
  scratch?: boolean;
  /** A realistic register file: 16 int (10 caller-saved) and 17 float registers. */
  wide?: boolean;
}

const range = (from: number, to: number): Reg[] => Array.from({ length: to - from }, (_, k) => from + k);
// Extra registers of the wide variant: 32..41 int caller-saved, 42..45 int callee-saved, 48..61 float caller-saved.
const WIDE_INT_CALLER = range(32, 42);
const WIDE_INT_CALLEE = range(42, 46);
const WIDE_FLOAT_CALLER = range(48, 62);

export function toyRegs(opts: ToyOptions = {}): RegisterInfo {
  return {
    classOf: (r) => ((r >= 8 && r < 15) || (r >= 48 && r < 64) ? 'float' : 'int'),
    allocatable: opts.wide
      ? { int: [R0, R1, ...WIDE_INT_CALLER, R2, R3, ...WIDE_INT_CALLEE], float: [F0, F2, ...WIDE_FLOAT_CALLER, F1] }
      : { int: [R0, R1, R2, R3], float: [F0, F2, F1] },
    calleeSaved: opts.wide ? [R2, R3, ...WIDE_INT_CALLEE, F1] : [R2, R3, F1],
    scratch: opts.scratch ? { int: R4, float: F3 } : undefined,
    name: (r) => NAMES[r] ?? `p${r}`,
  };
}

const ARG_REGS = [R0, R1];

export function toyIsa(opts: ToyOptions = {}): MachineIsa<ToyInst, ToyAsm> {
  const regs = toyRegs(opts);
  const CLOBBERS: readonly Reg[] = opts.wide ? [R0, R1, ...WIDE_INT_CALLER, F0, F2, ...WIDE_FLOAT_CALLER] : [R0, R1, F0, F2];
  const off = (frame: Frame, loc: { slot: number }): number => {
    const o = frame.spillOffsets[loc.slot];
    if (o === undefined) throw new Error(`no spill slot ${loc.slot}`);
    return o;
  };
  return {
    regs,
    operands(inst: ToyInst, out: Operand[]): void {
      switch (inst.op) {
        case 'args':
          inst.dsts.forEach((d, k) => out.push({ reg: d, kind: 'def', fixed: ARG_REGS[k] }));
          break;
        case 'const':
        case 'fconst':
        case 'ldslot':
          out.push({ reg: inst.dst, kind: 'def' });
          break;
        case 'add':
        case 'sub':
        case 'mul':
        case 'xor':
        case 'fadd':
          out.push({ reg: inst.dst, kind: 'def' }, { reg: inst.a, kind: 'use' }, { reg: inst.b, kind: 'use' });
          break;
        case 'addm':
          out.push({ reg: inst.dst, kind: 'mod' }, { reg: inst.b, kind: 'use' });
          break;
        case 'xorEarly':
          out.push({ reg: inst.dst, kind: 'early-def' }, { reg: inst.a, kind: 'use' }, { reg: inst.b, kind: 'use' });
          break;
        case 'shl':
          out.push({ reg: inst.dst, kind: 'def' }, { reg: inst.a, kind: 'use' }, { reg: inst.count, kind: 'use', fixed: R1 });
          break;
        case 'itof':
        case 'ftoi':
        case 'mov':
          out.push({ reg: inst.dst, kind: 'def' }, { reg: inst.op === 'mov' ? inst.src : inst.a, kind: 'use' });
          break;
        case 'mulfix':
          out.push({ reg: inst.dst, kind: 'mod', fixed: R0 }, { reg: inst.src, kind: 'use' });
          break;
        case 'divlike':
          out.push({ reg: inst.q, kind: 'def', fixed: R0 }, { reg: inst.r, kind: 'def', fixed: R1 }, { reg: inst.a, kind: 'use', fixed: R0 }, { reg: inst.b, kind: 'use' });
          break;
        case 'efix':
          out.push({ reg: inst.dst, kind: 'early-def', fixed: R1 }, { reg: inst.a, kind: 'use' }, { reg: inst.b, kind: 'use' });
          break;
        case 'stslot':
          out.push({ reg: inst.src, kind: 'use' });
          break;
        case 'call':
        case 'callind':
          if (inst.op === 'callind') out.push({ reg: inst.target, kind: 'use' });
          inst.args.forEach((a, k) => out.push({ reg: a, kind: 'use', fixed: ARG_REGS[k] }));
          if (inst.dst !== undefined) out.push({ reg: inst.dst, kind: 'def', fixed: R0 });
          break;
        case 'setpreg':
          out.push({ reg: inst.preg, kind: 'def' }, { reg: inst.src, kind: 'use' });
          break;
        case 'getpreg':
          out.push({ reg: inst.dst, kind: 'def' }, { reg: inst.preg, kind: 'use' });
          break;
        case 'trapif':
        case 'brif':
          out.push({ reg: inst.cond, kind: 'use' });
          break;
        case 'switch':
          out.push({ reg: inst.index, kind: 'use' });
          break;
        case 'jmp':
          break;
        case 'ret':
          out.push({ reg: inst.value, kind: 'use', fixed: R0 });
          break;
      }
    },
    clobbers: (inst) => (inst.op === 'call' || inst.op === 'callind' ? CLOBBERS : []),
    moveOf: (inst) => (inst.op === 'mov' ? [inst.dst, inst.src] : undefined),
    emitMove(asm: ToyAsm, cls: RegClass, dst: Location, src: Location, frame: Frame): void {
      for (const l of [dst, src]) if ('reg' in l && regs.classOf(l.reg) !== cls) throw new Error(`move of class ${cls} with ${regs.name(l.reg)}`);
      if ('reg' in dst && 'reg' in src) asm.push({ op: 'mov', d: dst.reg, s: src.reg });
      else if ('reg' in dst && 'slot' in src) asm.push({ op: 'load', d: dst.reg, off: off(frame, src) });
      else if ('slot' in dst && 'reg' in src) asm.push({ op: 'store', off: off(frame, dst), s: src.reg });
      else throw new Error('slot-to-slot move');
    },
    emit(asm: ToyAsm, inst: ToyInst, r: readonly Reg[], frame: Frame, ctx: EmitContext): void {
      const label = (b: number): number => ctx.blockLabel(b) as number;
      switch (inst.op) {
        case 'args':
          break; // the arguments are already in r0/r1
        case 'const':
        case 'fconst':
          asm.push({ op: 'li', d: r[0], value: inst.value });
          break;
        case 'add':
        case 'sub':
        case 'mul':
        case 'xor':
        case 'fadd':
          asm.push({ op: 'alu', fn: inst.op, d: r[0], a: r[1], b: r[2] });
          break;
        case 'addm':
          asm.push({ op: 'alu', fn: 'add', d: r[0], a: r[0], b: r[1] });
          break;
        case 'xorEarly':
          // Writes the destination before reading the sources, as early defs may.
          asm.push({ op: 'li', d: r[0], value: 0x5eed }, { op: 'alu', fn: 'xor', d: r[0], a: r[1], b: r[2] });
          break;
        case 'shl':
          if (r[2] !== R1) throw new Error('shift count not in r1');
          asm.push({ op: 'alu', fn: 'shl', d: r[0], a: r[1], b: R1 });
          break;
        case 'itof':
        case 'ftoi':
          asm.push({ op: 'alu', fn: inst.op, d: r[0], a: r[1], b: r[1] });
          break;
        case 'mov':
          asm.push({ op: 'mov', d: r[0], s: r[1] });
          break;
        case 'mulfix':
          if (r[0] !== R0) throw new Error('mulfix not in r0');
          asm.push({ op: 'alu', fn: 'mul', d: R0, a: R0, b: r[1] }, { op: 'li', d: SCRATCH_ALU, value: 1 }, { op: 'alu', fn: 'add', d: R0, a: R0, b: SCRATCH_ALU });
          break;
        case 'divlike':
          if (r[0] !== R0 || r[1] !== R1 || r[2] !== R0) throw new Error('divlike not in r0/r1');
          // Reads both sources before writing either result, as the operands allow.
          asm.push({ op: 'alu', fn: 'sub', d: SCRATCH_ALU, a: R0, b: r[3] }, { op: 'alu', fn: 'add', d: R0, a: R0, b: r[3] }, { op: 'mov', d: R1, s: SCRATCH_ALU });
          break;
        case 'efix':
          if (r[0] !== R1) throw new Error('efix not in r1');
          // Writes its result register before reading the sources, as an early def may.
          asm.push({ op: 'li', d: R1, value: 0x5eed }, { op: 'alu', fn: 'sub', d: R1, a: r[1], b: r[2] });
          break;
        case 'ldslot':
          asm.push({ op: 'load', d: r[0], off: frame.slotOffsets[inst.slot] });
          break;
        case 'stslot':
          asm.push({ op: 'store', off: frame.slotOffsets[inst.slot], s: r[0] });
          break;
        case 'call':
          asm.push({ op: 'call', nargs: inst.args.length, trash: CLOBBERS });
          break;
        case 'callind':
          asm.push({ op: 'call', nargs: inst.args.length, target: r[0], trash: CLOBBERS });
          break;
        case 'setpreg':
          asm.push({ op: 'mov', d: r[0], s: r[1] });
          break;
        case 'getpreg':
          asm.push({ op: 'mov', d: r[0], s: r[1] });
          break;
        case 'trapif':
          asm.push({ op: 'br', cond: r[0], label: ctx.trapLabel(inst.code) as number });
          break;
        case 'brif':
          asm.push({ op: 'br', cond: r[0], label: label(inst.then) });
          if (inst.else !== ctx.currentBlock + 1) asm.push({ op: 'jmp', label: label(inst.else) });
          break;
        case 'jmp':
          if (inst.target !== ctx.currentBlock + 1) asm.push({ op: 'jmp', label: label(inst.target) });
          break;
        case 'switch':
          asm.push({ op: 'table', index: r[0], labels: inst.targets.map(label) });
          break;
        case 'ret':
          this.emitEpilogue(asm, frame);
          asm.push({ op: 'ret' });
          break;
      }
    },
    emitPrologue(asm: ToyAsm, frame: Frame): void {
      for (const reg of frame.savedRegs) asm.push({ op: 'push', r: reg });
      asm.push({ op: 'subsp', n: frame.size + pad(frame) });
    },
    emitEpilogue(asm: ToyAsm, frame: Frame): void {
      asm.push({ op: 'addsp', n: frame.size + pad(frame) });
      for (const reg of [...frame.savedRegs].reverse()) asm.push({ op: 'pop', r: reg });
    },
    emitTrap(asm: ToyAsm, code: number): void {
      asm.push({ op: 'trap', code });
    },
  };
}

/** Keeps sp 16-byte aligned: the return address and the pushes take 8 bytes each. */
function pad(frame: Frame): number {
  return (8 + 8 * frame.savedRegs.length) % 16 === 0 ? 0 : 8;
}

// ---- semantics shared by both executions ----------------------------------------------

export type Outcome = { ret: number } | { trap: number } | { error: string };

const int = (x: number): number => x | 0;
function alu(fn: string, a: number, b: number): number {
  switch (fn) {
    case 'add':
      return int(a + b);
    case 'sub':
      return int(a - b);
    case 'mul':
      return Math.imul(a, b);
    case 'xor':
      return int(a ^ b);
    case 'shl':
      return int(a << (b & 31));
    case 'fadd':
      return a + b;
    case 'itof':
      return a * 0.5;
    case 'ftoi':
      return int(Math.trunc(a));
  }
  throw new Error(`bad alu ${fn}`);
}
const callee = (a: number, b: number, target: number): number => int(Math.imul(a, 31) + b + 7 + Math.imul(target, 3));

/** Runs the VCode directly, every vreg its own variable. */
export function runReference(
  vcode: VCode<ToyInst>,
  args: number[],
  fuel = 1_000_000,
  onInst?: (b: number, i: number, value: (r: Reg) => number | undefined) => void,
): Outcome {
  const vals = new Map<Reg, number>();
  const slots = new Map<number, number>();
  const pregs = new Map<Reg, number>();
  const get = (r: Reg): number => {
    const v = vals.get(r);
    if (v === undefined) throw new Error(`reference: v${r} read before it is set`);
    return v;
  };
  let b = 0;
  for (;;) {
    const block = vcode.blocks[b];
    let next = -1;
    for (let i = 0; i < block.insts.length; i++) {
      const inst = block.insts[i];
      if (--fuel < 0) return { error: 'out of fuel' };
      onInst?.(b, i, (r) => vals.get(r));
      switch (inst.op) {
        case 'args':
          inst.dsts.forEach((d, k) => vals.set(d, args[k]));
          break;
        case 'const':
        case 'fconst':
          vals.set(inst.dst, inst.value);
          break;
        case 'add':
        case 'sub':
        case 'mul':
        case 'xor':
        case 'fadd':
          vals.set(inst.dst, alu(inst.op, get(inst.a), get(inst.b)));
          break;
        case 'addm':
          vals.set(inst.dst, alu('add', get(inst.dst), get(inst.b)));
          break;
        case 'xorEarly':
          vals.set(inst.dst, alu('xor', get(inst.a), get(inst.b)));
          break;
        case 'shl':
          vals.set(inst.dst, alu('shl', get(inst.a), get(inst.count)));
          break;
        case 'itof':
        case 'ftoi':
          vals.set(inst.dst, alu(inst.op, get(inst.a), 0));
          break;
        case 'mov':
          vals.set(inst.dst, get(inst.src));
          break;
        case 'mulfix':
          vals.set(inst.dst, alu('add', alu('mul', get(inst.dst), get(inst.src)), 1));
          break;
        case 'divlike': {
          const a = get(inst.a);
          const b = get(inst.b);
          vals.set(inst.q, alu('add', a, b));
          vals.set(inst.r, alu('sub', a, b));
          break;
        }
        case 'efix':
          vals.set(inst.dst, alu('sub', get(inst.a), get(inst.b)));
          break;
        case 'ldslot':
          vals.set(inst.dst, slots.get(inst.slot) ?? 0);
          break;
        case 'stslot':
          slots.set(inst.slot, get(inst.src));
          break;
        case 'call':
        case 'callind': {
          const a = inst.args.map(get);
          const result = callee(a[0] ?? 0, a[1] ?? 0, inst.op === 'callind' ? get(inst.target) : 0);
          if (inst.dst !== undefined) vals.set(inst.dst, result);
          break;
        }
        case 'setpreg':
          pregs.set(inst.preg, get(inst.src));
          break;
        case 'getpreg':
          vals.set(inst.dst, pregs.get(inst.preg) ?? 0);
          break;
        case 'trapif':
          if (get(inst.cond) !== 0) return { trap: inst.code };
          break;
        case 'brif':
          next = get(inst.cond) !== 0 ? 0 : 1;
          break;
        case 'jmp':
          next = 0;
          break;
        case 'switch':
          next = Math.min(Math.max(get(inst.index), 0), inst.targets.length - 1);
          break;
        case 'ret':
          return { ret: get(inst.value) };
      }
    }
    const succ = block.succs[next];
    const values = succ.args.map(get);
    vcode.blocks[succ.block].params.forEach((p, k) => vals.set(p, values[k]));
    b = succ.block;
  }
}

const STACK_TOP = 0x10000;

/** Runs emitted toy machine code; calls trash the caller-saved registers. */
export function runMachine(
  asm: ToyAsm,
  frameSize: number,
  args: number[],
  fuel = 4_000_000,
  onStep?: (pc: number, regs: readonly (number | undefined)[]) => void,
  calleeSaved: readonly Reg[] = toyRegs().calleeSaved,
): Outcome {
  const regs = new Array<number | undefined>(64).fill(undefined);
  const mem = new Map<number, number | null>(); // null: garbage was stored
  const sentinels = new Map<Reg, number>(calleeSaved.map((r) => [r, 0x1000 + r * 0x111]));
  for (const [r, v] of sentinels) regs[r] = v;
  regs[R0] = args[0];
  regs[R1] = args[1];
  let sp = STACK_TOP - 8; // a return address was pushed
  const frameTop = sp;
  let pc = 0;
  const read = (r: Reg): number => {
    const v = regs[r];
    if (v === undefined) throw new Error(`machine: reads ${NAMES[r] ?? r}, which holds garbage (pc ${pc})`);
    return v;
  };
  const addr = (off: number): number => {
    const a = sp + off;
    if (off < 0 || off >= frameSize) throw new Error(`machine: stack access at sp+${off} outside the frame`);
    return a;
  };
  try {
    for (;;) {
      if (--fuel < 0) return { error: 'out of fuel' };
      onStep?.(pc, regs);
      const inst = asm.code[pc++];
      if (inst === undefined) throw new Error('machine: ran off the end of the code');
      switch (inst.op) {
        case 'li':
          regs[inst.d] = inst.value;
          break;
        case 'alu':
          regs[inst.d] = alu(inst.fn, read(inst.a), read(inst.b));
          break;
        // Copies may move garbage around (a register borrowed and restored, say); only
        // computing with it is an error.
        case 'mov':
          regs[inst.d] = regs[inst.s];
          break;
        case 'load': {
          const v = mem.get(addr(inst.off));
          if (v === undefined) throw new Error(`machine: load from unwritten sp+${inst.off}`);
          regs[inst.d] = v ?? undefined;
          break;
        }
        case 'store':
          mem.set(addr(inst.off), regs[inst.s] ?? null);
          break;
        case 'call': {
          if (sp % 16 !== 0) throw new Error('machine: call with a misaligned stack');
          const a = inst.nargs > 0 ? read(R0) : 0;
          const b = inst.nargs > 1 ? read(R1) : 0;
          const result = callee(a, b, inst.target === undefined ? 0 : read(inst.target));
          for (const t of inst.trash) regs[t] = undefined;
          regs[R0] = result;
          break;
        }
        case 'br':
          if (read(inst.cond) !== 0) pc = asm.labels[inst.label];
          break;
        case 'jmp':
          pc = asm.labels[inst.label];
          break;
        case 'table':
          pc = asm.labels[inst.labels[Math.min(Math.max(read(inst.index), 0), inst.labels.length - 1)]];
          break;
        case 'push':
          sp -= 8;
          mem.set(sp, read(inst.r));
          break;
        case 'pop': {
          regs[inst.r] = mem.get(sp) ?? undefined;
          sp += 8;
          break;
        }
        case 'subsp':
          if (inst.n < frameSize) throw new Error('machine: frame smaller than the allocation says');
          sp -= inst.n;
          break;
        case 'addsp':
          sp += inst.n;
          break;
        case 'trap':
          return { trap: inst.code };
        case 'ret': {
          if (sp !== frameTop) throw new Error('machine: sp not restored at return');
          for (const [r, v] of sentinels) if (regs[r] !== v) throw new Error(`machine: callee-saved ${NAMES[r]} not preserved`);
          return { ret: read(R0) };
        }
      }
    }
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Allocates, checks and emits a toy function. */
export function compileToy(vcode: VCode<ToyInst>, isa = toyIsa()): { alloc: Allocation; asm: ToyAsm } {
  const alloc = allocateRegisters(vcode, isa);
  checkAllocation(vcode, alloc, isa);
  const asm = new ToyAsm();
  emitFunction(vcode, alloc, isa, asm);
  return { alloc, asm };
}

// ---- building VCode by hand -------------------------------------------------------------

/** A small builder: blocks, vregs and instructions with their successors. */
export class ToyBuilder {
  readonly vcode: VCode<ToyInst>;
  current = 0;
  constructor(name = 'f') {
    this.vcode = new VCode<ToyInst>(name, 0);
  }
  int(): Reg {
    return this.vcode.newVreg('int');
  }
  float(): Reg {
    return this.vcode.newVreg('float');
  }
  block(params: Reg[] = []): number {
    this.vcode.blocks.push({ params, insts: [], succs: [] });
    return this.vcode.blocks.length - 1;
  }
  at(b: number): this {
    this.current = b;
    return this;
  }
  add(inst: ToyInst): this {
    const block = this.vcode.blocks[this.current];
    block.insts.push(inst);
    return this;
  }
  jmp(target: number, args: Reg[] = []): this {
    this.add({ op: 'jmp', target });
    this.vcode.blocks[this.current].succs.push({ block: target, args });
    return this;
  }
  brif(cond: Reg, then: number, els: number): this {
    this.add({ op: 'brif', cond, then, else: els });
    this.vcode.blocks[this.current].succs.push({ block: then, args: [] }, { block: els, args: [] });
    return this;
  }
  switch(index: Reg, targets: { block: number; args?: Reg[] }[]): this {
    this.add({ op: 'switch', index, targets: targets.map((t) => t.block) });
    this.vcode.blocks[this.current].succs.push(...targets.map((t) => ({ block: t.block, args: t.args ?? [] })));
    return this;
  }
  ret(value: Reg): this {
    return this.add({ op: 'ret', value });
  }
  konst(value: number): Reg {
    const dst = this.int();
    this.add({ op: 'const', dst, value });
    return dst;
  }
  op(op: 'add' | 'sub' | 'mul' | 'xor', a: Reg, b: Reg): Reg {
    const dst = this.int();
    this.add({ op, dst, a, b });
    return dst;
  }
  call(args: Reg[]): Reg {
    const dst = this.int();
    this.add({ op: 'call', dst, args });
    return dst;
  }
}

