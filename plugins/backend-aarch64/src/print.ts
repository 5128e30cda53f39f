/**
 * A readable listing of VCode<A64Inst> (for tests and `--dump-vcode`): virtual registers
 * are `v0…`, physical ones by name (x0, v0); `v3@x1` is an operand pinned to x1.
 */
import { isVirtual, PREG_LIMIT, printVCode as printVCodeText, type Reg, type VCode } from '@mewz/compiler';
import type { A64Inst, Amode, Condition, FixedReg, RegOrImm } from './inst.js';
import { isImm, mapOperands } from './inst.js';
import { pregName } from './pregs.js';

export function regName(r: Reg): string {
  return isVirtual(r) ? `v${r - PREG_LIMIT}` : pregName(r);
}

const ri = (x: RegOrImm): string => (isImm(x) ? `#${x.imm}` : regName(x));
const pinned = (list: readonly FixedReg[]): string => list.map((p) => `${regName(p.reg)}@${regName(p.fixed)}`).join(', ');

function amode(a: Amode): string {
  const disp = (d: number): string => (d === 0 ? '' : d < 0 ? ` - ${-d}` : ` + ${d}`);
  switch (a.kind) {
    case 'reg':
      return `[${regName(a.base)}${a.index === undefined ? '' : ` + ${regName(a.index)}${a.uxtw ? ' uxtw' : ''}${a.scaled ? '*width' : ''}`}${disp(a.disp)}]`;
    case 'slot':
      return `[slot${a.slot}${disp(a.disp)}]`;
    case 'outgoing':
      return `[out${disp(a.disp)}]`;
    case 'incoming':
      return `[in${disp(a.disp)}]`;
  }
}

function cond(c: Condition): string {
  const f = c.flags;
  switch (f.kind) {
    case 'cmp':
      return `cmp${f.size} ${f.a === 'sp' ? 'sp' : regName(f.a)}, ${ri(f.b)} ? ${c.cc}`;
    case 'tst':
      return `tst${f.size} ${regName(f.a)}, ${ri(f.b)} ? ${c.cc}`;
    case 'zero':
      return `${regName(f.a)}${f.size === 32 ? '.w' : ''} ${c.cc === 'eq' ? '== 0' : c.cc === 'ne' ? '!= 0' : `cmp 0 ? ${c.cc}`}`;
    case 'fcmp':
      return `fcmp.${f.type} ${regName(f.a)}, ${regName(f.b)} ? ${c.cc}`;
  }
}

export function formatInst(inst: A64Inst): string {
  const d = (r: Reg): string => regName(r);
  switch (inst.op) {
    case 'args':
      return `args ${pinned(inst.params)}`.trimEnd();
    case 'move':
      return `${d(inst.dst)} = move ${d(inst.src)}`;
    case 'zext32':
      return `${d(inst.dst)} = zext32 ${d(inst.src)}`;
    case 'iconst':
      return `${d(inst.dst)} = iconst ${BigInt.asIntN(64, inst.value)}`;
    case 'fconst':
      return `${d(inst.dst)} = fconst.${inst.type} 0x${inst.bits.toString(16)}`;
    case 'alu':
      return `${d(inst.dst)} = ${inst.alu}${inst.size} ${d(inst.a)}, ${ri(inst.b)}${inst.shift ? ` ${inst.shift.kind} #${inst.shift.amount}` : ''}`;
    case 'madd':
      return `${d(inst.dst)} = ${inst.sub ? 'msub' : 'madd'}${inst.size} ${d(inst.a)}, ${d(inst.b)}, ${d(inst.c)}`;
    case 'rem':
      return `${d(inst.dst)} = rem_${inst.signed ? 's' : 'u'}${inst.size} ${d(inst.a)}, ${d(inst.b)}`;
    case 'neg':
    case 'not':
    case 'clz':
    case 'ctz':
    case 'popcnt':
      return `${d(inst.dst)} = ${inst.op}${inst.size} ${d(inst.src)}`;
    case 'extend':
      return `${d(inst.dst)} = ${inst.signed ? 's' : 'z'}ext${inst.from}to${inst.size} ${d(inst.src)}`;
    case 'load':
      return `${d(inst.dst)} = load${inst.size}.${inst.signed ? 's' : 'u'}${inst.width * 8} ${amode(inst.amode)}`;
    case 'fload':
      return `${d(inst.dst)} = load.${inst.type} ${amode(inst.amode)}`;
    case 'store':
      return `store${inst.width * 8} ${amode(inst.amode)}, ${inst.src === 'zero' ? 'zr' : d(inst.src)}`;
    case 'fstore':
      return `store.${inst.type} ${amode(inst.amode)}, ${d(inst.src)}`;
    case 'lea':
      return `${d(inst.dst)} = lea ${amode(inst.amode)}`;
    case 'cset':
      return `${d(inst.dst)} = cset ${cond(inst.cond)}`;
    case 'csel':
      return `${d(inst.dst)} = csel.${inst.size} ${cond(inst.cond)}, ${d(inst.a)}, ${d(inst.b)}`;
    case 'fbin':
      return `${d(inst.dst)} = ${inst.fop}.${inst.type} ${d(inst.a)}, ${d(inst.b)}`;
    case 'funary':
      return `${d(inst.dst)} = ${inst.fop}.${inst.type} ${d(inst.src)}`;
    case 'fcopysign':
      return `${d(inst.dst)} = copysign.${inst.type} ${d(inst.a)}, ${d(inst.b)}`;
    case 'fcvt':
      return `${d(inst.dst)} = fcvt.${inst.to} ${d(inst.src)}`;
    case 'int_to_float':
      return `${d(inst.dst)} = ${inst.signed ? 's' : 'u'}${inst.from}to.${inst.type} ${d(inst.src)}`;
    case 'float_to_int':
      return `${d(inst.dst)} = ${inst.type}to${inst.signed ? 's' : 'u'}${inst.size} ${d(inst.src)}`;
    case 'bitcast':
      return `${d(inst.dst)} = bitcast${inst.size} ${d(inst.src)}`;
    case 'stack_pointer':
      return `${d(inst.dst)} = sp`;
    case 'symbol_addr':
      return `${d(inst.dst)} = address ${inst.sym}`;
    case 'slot_addr':
      return `${d(inst.dst)} = address [slot${inst.slot}${inst.disp ? ` + ${inst.disp}` : ''}]`;
    case 'heap_check':
      return `heap_check ${d(inst.index)} + ${inst.imm} <= ${d(inst.size)} (tmp ${d(inst.end)})`;
    case 'call': {
      const callee = 'sym' in inst.callee ? inst.callee.sym : d(inst.callee.reg);
      const results = pinned(inst.results);
      return `${results ? `${results} = ` : ''}call ${callee}(${pinned(inst.args)})`;
    }
    case 'svc': {
      const results = pinned(inst.results);
      return `${results ? `${results} = ` : ''}svc ${pinned(inst.args)}`.trimEnd();
    }
    case 'sys':
      return inst.name;
    case 'mrs':
      return `${d(inst.dst)} = mrs ${inst.reg}`;
    case 'msr':
      return `msr ${inst.reg}, ${d(inst.src)}${inst.isb ? '; isb' : ''}`;
    case 'ret': {
      const area = inst.area ? ` area ${d(inst.area.ptr)}[${inst.area.values.map((v) => `${v.offset}: ${d(v.reg)}`).join(', ')}]` : '';
      return `ret ${pinned(inst.results)}${area}`.trimEnd();
    }
    case 'jmp':
      return `b block${inst.target}`;
    case 'jcc':
      return `b.if ${cond(inst.cond)}, block${inst.taken}, block${inst.notTaken}`;
    case 'jump_table':
      return `jump_table ${d(inst.index)}, [${inst.targets.map((t) => `block${t}`).join(', ')}], block${inst.default}`;
    case 'trap_if':
      return `trap_if ${cond(inst.cond)}, code ${inst.code}`;
    case 'trap':
      return `trap code ${inst.code}`;
  }
}

/** An instruction with the registers the allocator gave its operands (in `operands()` order). */
export function formatAllocatedInst(inst: A64Inst, regs: readonly Reg[]): string {
  let i = 0;
  return formatInst(mapOperands(inst, (reg) => regs[i++] ?? reg));
}

export function printVCode(vcode: VCode<A64Inst>): string {
  return printVCodeText(vcode, formatInst, regName);
}
