/** Selection of the function entry, calls, returns, traps, intrinsics and branches. */
import type { Inst, Reg, Terminator, Value } from '@mewz/compiler';
import { type ArgLocation, CALLER_SAVED, callLayout } from './abi.js';
import type { AreaValue, FixedReg } from './inst.js';
import { negate } from './isel-int.js';
import { selectIntrinsic } from './isel-intrinsics.js';
import type { Isel } from './isel.js';

type Scalar = 'i32' | 'i64' | 'f32' | 'f64';

function scalar(t: string): Scalar {
  if (t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64') return t;
  throw new Error(`${t} values are not supported by the aarch64 backend yet`);
}

/**
 * The function entry: `args` defines the parameters that arrive in registers (the entry
 * block's parameters), then each stack parameter is loaded from the caller's area, so that
 * a function with many parameters never needs them all in registers at once. i32
 * parameters are zero-extended here (the ABI leaves their upper halves unspecified) and
 * count as clean from then on.
 */
export function selectEntry(isel: Isel): void {
  const func = isel.func;
  const layout = callLayout(func.params, func.results);
  const inRegs: FixedReg[] = [];
  const fromStack: { reg: Reg; type: Scalar; offset: number }[] = [];
  /** i32 parameters in registers, zero-extended once so that every use can rely on it. */
  const widen: { dst: Reg; src: Reg }[] = [];
  const place = (reg: Reg, type: Scalar, loc: ArgLocation): void => {
    if (loc.kind === 'reg' && type === 'i32') {
      const incoming = isel.temp('int');
      inRegs.push({ reg: incoming, fixed: loc.reg });
      widen.push({ dst: reg, src: incoming });
    } else if (loc.kind === 'reg') inRegs.push({ reg, fixed: loc.reg });
    else fromStack.push({ reg, type, offset: loc.offset });
  };
  func.entry.params.forEach((p, i) => place(isel.result(p), scalar(func.typeOf(p)), layout.args[i]!));
  if (layout.returnAreaArg) {
    isel.returnAreaPtr = isel.temp('int');
    place(isel.returnAreaPtr, 'i64', layout.returnAreaArg);
  }
  // Only what `args` defines is a parameter of the entry block.
  isel.block.params.length = 0;
  isel.block.params.push(...inRegs.map((p) => p.reg));
  isel.emit({ op: 'args', params: inRegs });
  for (const { dst, src } of widen) isel.emit({ op: 'zext32', dst, src });
  for (const { reg, type, offset } of fromStack) {
    const amode = { kind: 'incoming' as const, disp: offset };
    if (type === 'f32' || type === 'f64') isel.emit({ op: 'fload', type, dst: reg, amode });
    else isel.emit({ op: 'load', size: type === 'i64' ? 64 : 32, width: type === 'i64' ? 8 : 4, signed: false, dst: reg, amode });
  }
}

function selectCall(isel: Isel, inst: Inst): void {
  const indirect = inst.op === 'call_indirect';
  const argValues = indirect ? inst.args.slice(1) : inst.args;
  const argTypes = argValues.map((v) => isel.typeOf(v));
  const resultTypes = inst.results.map((r) => isel.typeOf(r));
  const layout = callLayout(argTypes, resultTypes);
  const vcode = isel.vcode;

  let areaSlot: number | undefined;
  const regArgs: { value: Reg; fixed: Reg; type: Scalar }[] = [];
  const place = (reg: Reg, type: Scalar, loc: (typeof layout.args)[number]): void => {
    if (loc.kind === 'reg') regArgs.push({ value: reg, fixed: loc.reg, type });
    else if (type === 'f32' || type === 'f64') isel.emit({ op: 'fstore', type, src: reg, amode: { kind: 'outgoing', disp: loc.offset } });
    else isel.emit({ op: 'store', width: 8, src: reg, amode: { kind: 'outgoing', disp: loc.offset } });
  };
  argValues.forEach((v, i) => {
    const loc = layout.args[i]!;
    const type = scalar(argTypes[i]!);
    const zero = loc.kind === 'stack' && (type === 'i32' || type === 'i64') && isel.constOf(v) === 0n;
    if (zero && loc.kind === 'stack') isel.emit({ op: 'store', width: 8, src: 'zero', amode: { kind: 'outgoing', disp: loc.offset } });
    else place(isel.use(v), type, loc);
  });
  if (layout.returnAreaArg) {
    areaSlot = vcode.newStackSlot(layout.returnAreaBytes, 8);
    const ptr = isel.temp('int');
    isel.emit({ op: 'slot_addr', dst: ptr, slot: areaSlot, disp: 0 });
    place(ptr, 'i64', layout.returnAreaArg);
  }
  vcode.outgoingArgs = Math.max(vcode.outgoingArgs, layout.stackArgBytes);

  let callee: { sym: string } | { reg: Reg } = indirect ? { reg: isel.use(inst.args[0]) } : { sym: inst.sym };
  const argRegs = isel.distinct(regArgs.map((a) => a.value));
  // An indirect callee in a register that is also an argument gets its own copy too.
  if ('reg' in callee && argRegs.includes(callee.reg)) {
    const copy = isel.temp('int');
    isel.emit({ op: 'move', cls: 'int', dst: copy, src: callee.reg });
    callee = { reg: copy };
  }
  const args: FixedReg[] = regArgs.map((a, i) => ({ reg: argRegs[i]!, fixed: a.fixed }));
  const results: FixedReg[] = [];
  const fromArea: { value: Value; offset: number }[] = [];
  /** i32 results, zero-extended right after the call (the ABI leaves their upper halves open). */
  const widen: { dst: Reg; src: Reg }[] = [];
  inst.results.forEach((r, i) => {
    const loc = layout.results[i]!;
    if (loc.kind === 'reg' && isel.typeOf(r) === 'i32') {
      const raw = isel.temp('int');
      results.push({ reg: raw, fixed: loc.reg });
      widen.push({ dst: isel.result(r), src: raw });
    } else if (loc.kind === 'reg') results.push({ reg: isel.result(r), fixed: loc.reg });
    else fromArea.push({ value: r, offset: loc.offset });
  });
  const defined = new Set(results.map((r) => r.fixed));
  const clobbers = CALLER_SAVED.filter((r) => !defined.has(r));
  isel.emit({ op: 'call', callee, args, results, clobbers });
  for (const { dst, src } of widen) isel.emit({ op: 'zext32', dst, src });
  for (const { value, offset } of fromArea) {
    const type = scalar(isel.typeOf(value));
    const amode = { kind: 'slot' as const, slot: areaSlot!, disp: offset };
    const dst = isel.result(value);
    if (type === 'f32' || type === 'f64') isel.emit({ op: 'fload', type, dst, amode });
    else isel.emit({ op: 'load', size: type === 'i64' ? 64 : 32, width: type === 'i64' ? 8 : 4, signed: false, dst, amode });
  }
}

export function selectControl(isel: Isel, inst: Inst): boolean {
  switch (inst.op) {
    case 'call':
    case 'call_indirect':
      selectCall(isel, inst);
      return true;
    case 'trapnz':
    case 'trapz': {
      const c = isel.constOf(inst.args[0]);
      if (c !== undefined && (c === 0n) === (inst.op === 'trapnz')) return true; // never traps
      const cond = isel.condition(inst.args[0]);
      isel.emit({ op: 'trap_if', cond: inst.op === 'trapnz' ? cond : negate(cond), code: inst.imm });
      return true;
    }
    case 'intrinsic':
      selectIntrinsic(isel, inst);
      return true;
  }
  return false;
}

export function selectTerminator(isel: Isel, term: Terminator): void {
  const block = isel.block;
  switch (term.kind) {
    case 'jump': {
      const succ = isel.edge(term.target);
      block.succs.push(succ);
      isel.emit({ op: 'jmp', target: succ.block });
      return;
    }
    case 'br_if': {
      const cond = isel.condition(term.cond);
      const then = isel.edge(term.then);
      const els = isel.edge(term.else);
      if (then.block === els.block) {
        // Both arms are one edge (splitting gives arms with different arguments blocks of their own).
        if (then.args.some((a, i) => a !== els.args[i])) throw new Error(`internal: br_if arms to block${then.block} differ in arguments`);
        block.succs.push(then);
        isel.emit({ op: 'jmp', target: then.block });
        return;
      }
      block.succs.push(then, els);
      isel.emit({ op: 'jcc', cond, taken: then.block, notTaken: els.block });
      return;
    }
    case 'br_table': {
      const index = isel.use(term.index);
      const targets = term.targets.map((t) => isel.edge(t));
      const dflt = isel.edge(term.default);
      // One successor per distinct target block (its arguments are then the same).
      for (const s of [...targets, dflt]) {
        const known = block.succs.find((x) => x.block === s.block);
        if (!known) block.succs.push(s);
        else if (known.args.some((a, i) => a !== s.args[i])) throw new Error(`internal: br_table cases to block${s.block} differ in arguments`);
      }
      if (targets.length === 0 || block.succs.length === 1) {
        isel.emit({ op: 'jmp', target: dflt.block });
        return;
      }
      isel.emit({ op: 'jump_table', index, targets: targets.map((t) => t.block), default: dflt.block });
      return;
    }
    case 'return': {
      const layout = callLayout(isel.func.params, isel.func.results);
      const regs: { reg: Reg; fixed: Reg }[] = [];
      const area: AreaValue[] = [];
      term.values.forEach((v, i) => {
        const loc = layout.results[i]!;
        const reg = isel.use(v);
        if (loc.kind === 'reg') regs.push({ reg, fixed: loc.reg });
        else area.push({ reg, type: scalar(isel.typeOf(v)), offset: loc.offset });
      });
      const fixedRegs = isel.distinct(regs.map((r) => r.reg));
      const results = regs.map((r, i) => ({ reg: fixedRegs[i]!, fixed: r.fixed }));
      isel.emit({ op: 'ret', results, area: area.length > 0 ? { ptr: isel.returnAreaPtr!, values: area } : undefined });
      return;
    }
    case 'trap':
      isel.emit({ op: 'trap', code: term.code });
      return;
  }
}
