/**
 * A readable listing of VCode<X64Inst> (for tests and `--dump-vcode`): virtual registers
 * are `v0…`, physical ones by name; `v3@rdi` is an operand pinned to rdi.
 */
import { isVirtual, PREG_LIMIT, printVCode as printVCodeText, type Reg, type VCode } from '@mewz/compiler';
import type { Amode, Condition, RegOrImm, X64Inst } from './inst.js';
import { isImm, mapOperands } from './inst.js';
import { pregName } from './pregs.js';

export function regName(r: Reg): string {
  return isVirtual(r) ? `v${r - PREG_LIMIT}` : pregName(r);
}

const ri = (x: RegOrImm): string => (isImm(x) ? String(x.imm) : regName(x));

function amode(a: Amode): string {
  const disp = (d: number, first: boolean): string => (d === 0 ? '' : d < 0 ? ` - ${-d}` : first ? `${d}` : ` + ${d}`);
  switch (a.kind) {
    case 'reg':
      return `[${regName(a.base)}${a.index === undefined ? '' : ` + ${regName(a.index)}${a.scale === 1 ? '' : `*${a.scale}`}`}${disp(a.disp, false)}]`;
    case 'slot':
      return `[slot${a.slot}${disp(a.disp, false)}]`;
    case 'outgoing':
      return `[out${disp(a.disp, false)}]`;
    case 'incoming':
      return `[in${disp(a.disp, false)}]`;
  }
}

function cond(c: Condition): string {
  const f = c.flags;
  const flags =
    f.kind === 'ucomis'
      ? `ucomis.${f.type} ${regName(f.a)}, ${regName(f.b)}`
      : f.kind === 'cmp_mem'
        ? `cmp${f.size} ${f.a === 'rsp' ? 'rsp' : regName(f.a)}, ${amode(f.b)}`
        : `${f.kind}${f.size} ${regName(f.a)}, ${ri(f.b)}`;
  return `${flags} ? ${c.ccs.join(c.all ? '&' : '|')}`;
}

export function formatInst(inst: X64Inst): string {
  switch (inst.op) {
    case 'args':
      return `args ${inst.params.map((p) => `${regName(p.reg)}@${regName(p.fixed)}`).join(', ')}`.trimEnd();
    case 'move':
      return `${regName(inst.dst)} = move ${regName(inst.src)}`;
    case 'zext32':
      return `${regName(inst.dst)} = zext32 ${regName(inst.src)}`;
    case 'iconst':
      return `${regName(inst.dst)} = iconst ${BigInt.asIntN(64, inst.value)}`;
    case 'fconst':
      return `${regName(inst.dst)} = fconst.${inst.type} 0x${inst.bits.toString(16)}`;
    case 'alu':
      return `${regName(inst.dst)} ${inst.alu}${inst.size}= ${ri(inst.src)}`;
    case 'lea':
      return `${regName(inst.dst)} = lea${inst.size} ${amode(inst.amode)}`;
    case 'alu_mem':
      return `${regName(inst.dst)} ${inst.alu}${inst.size}= ${amode(inst.amode)}`;
    case 'fbin_mem':
      return `${regName(inst.dst)} ${inst.fop}.${inst.type}= ${amode(inst.amode)}`;
    case 'imul':
      return `${regName(inst.dst)} imul${inst.size}= ${regName(inst.src)}`;
    case 'imul_imm':
      return `${regName(inst.dst)} = imul${inst.size} ${regName(inst.src)}, ${inst.imm}`;
    case 'neg':
    case 'not':
      return `${regName(inst.dst)} ${inst.op}${inst.size}=`;
    case 'shift':
      return `${regName(inst.dst)} ${inst.shift}${inst.size}= ${isImm(inst.count) ? inst.count.imm : `${regName(inst.count)}@rcx`}`;
    case 'bitscan':
      return `${regName(inst.dst)} = ${inst.scan}${inst.size} ${regName(inst.src)}`;
    case 'div':
      return `${regName(inst.quot)}@rax, ${regName(inst.rem)}@rdx = ${inst.signed ? 'idiv' : 'div'}${inst.size} ${regName(inst.dividend)}@rax, ${regName(inst.divisor)}`;
    case 'extend':
      return `${regName(inst.dst)} = ${inst.signed ? 's' : 'z'}ext${inst.from}to${inst.size} ${regName(inst.src)}`;
    case 'load':
      return `${regName(inst.dst)} = load${inst.size}.${inst.signed ? 's' : 'u'}${inst.width * 8} ${amode(inst.amode)}`;
    case 'fload':
      return `${regName(inst.dst)} = load.${inst.type} ${amode(inst.amode)}`;
    case 'store':
      return `store${inst.width * 8} ${amode(inst.amode)}, ${ri(inst.src)}`;
    case 'fstore':
      return `store.${inst.type} ${amode(inst.amode)}, ${regName(inst.src)}`;
    case 'setcc':
      return `${regName(inst.dst)} = setcc ${cond(inst.cond)}${inst.tmp === undefined ? '' : ` (tmp ${regName(inst.tmp)})`}`;
    case 'cmov':
      return `${regName(inst.dst)} = cmov${inst.size} ${cond(inst.cond)}, ${regName(inst.src)}`;
    case 'fsel':
      return `${regName(inst.dst)} = fsel ${cond(inst.cond)}, ${regName(inst.src)}`;
    case 'fbin':
      return `${regName(inst.dst)} ${inst.fop}.${inst.type}= ${regName(inst.src)}`;
    case 'fminmax':
      return `${regName(inst.dst)} ${inst.max ? 'max' : 'min'}.${inst.type}= ${regName(inst.src)}`;
    case 'funary':
      return `${regName(inst.dst)} = ${inst.fop}.${inst.type} ${regName(inst.src)}`;
    case 'fabs':
    case 'fneg':
      return `${regName(inst.dst)} ${inst.op}.${inst.type}=`;
    case 'fcopysign':
      return `${regName(inst.dst)} copysign.${inst.type}= ${regName(inst.src)} (tmp ${regName(inst.tmp)})`;
    case 'fpromote':
    case 'fdemote':
      return `${regName(inst.dst)} = ${inst.op} ${regName(inst.src)}`;
    case 'int_to_float':
      return `${regName(inst.dst)} = ${inst.signed ? 's' : 'u'}${inst.from}to.${inst.type} ${regName(inst.src)}${inst.tmps ? ` (tmp ${inst.tmps.map(regName).join(', ')})` : ''}`;
    case 'float_to_int':
      return `${regName(inst.dst)} = ${inst.type}to${inst.size}.${inst.kind} ${regName(inst.src)}${inst.tmp === undefined ? '' : ` (tmp ${regName(inst.tmp)})`}`;
    case 'bitcast':
      return `${regName(inst.dst)} = bitcast${inst.size} ${regName(inst.src)}`;
    case 'stack_pointer':
      return `${regName(inst.dst)} = rsp`;
    case 'symbol_addr':
      return `${regName(inst.dst)} = lea [rip + ${inst.sym}]`;
    case 'slot_addr':
      return `${regName(inst.dst)} = lea [slot${inst.slot}${inst.disp ? ` + ${inst.disp}` : ''}]`;
    case 'heap_check':
      return `heap_check ${regName(inst.index)} + ${inst.imm} <= ${regName(inst.size)} (tmp ${regName(inst.end)})`;
    case 'call': {
      const callee = 'sym' in inst.callee ? inst.callee.sym : regName(inst.callee.reg);
      const results = inst.results.map((r) => `${regName(r.reg)}@${regName(r.fixed)}`).join(', ');
      return `${results ? `${results} = ` : ''}call ${callee}(${inst.args.map((a) => `${regName(a.reg)}@${regName(a.fixed)}`).join(', ')})`;
    }
    case 'sys': {
      const results = inst.results.map((r) => `${regName(r.reg)}@${regName(r.fixed)}`).join(', ');
      return `${results ? `${results} = ` : ''}${inst.name} ${inst.args.map((a) => `${regName(a.reg)}@${regName(a.fixed)}`).join(', ')}`.trimEnd();
    }
    case 'cr_read':
      return `${regName(inst.dst)} = cr${inst.cr}`;
    case 'cr_write':
      return `cr${inst.cr} = ${regName(inst.src)}`;
    case 'invlpg':
      return `invlpg [${regName(inst.addr)}]`;
    case 'ret': {
      const area = inst.area ? ` area ${regName(inst.area.ptr)}[${inst.area.values.map((v) => `${v.offset}: ${regName(v.reg)}`).join(', ')}]` : '';
      return `ret ${inst.results.map((r) => `${regName(r.reg)}@${regName(r.fixed)}`).join(', ')}${area}`.trimEnd();
    }
    case 'jmp':
      return `jmp block${inst.target}`;
    case 'jcc':
      return `jcc ${cond(inst.cond)}, block${inst.taken}, block${inst.notTaken}`;
    case 'jump_table':
      return `jump_table ${regName(inst.index)}, [${inst.targets.map((t) => `block${t}`).join(', ')}], block${inst.default}`;
    case 'trap_if':
      return `trap_if ${cond(inst.cond)}, code ${inst.code}`;
    case 'trap':
      return `trap code ${inst.code}`;
  }
}

/**
 * An instruction with the registers the allocator gave its operands (in `operands()`
 * order), for printAllocation: `rax = move rdi`; a pinned operand shows as `rdi@rdi`.
 */
export function formatAllocatedInst(inst: X64Inst, regs: readonly Reg[]): string {
  let i = 0;
  // A missing register (a bug upstream) stays visible as the virtual one.
  return formatInst(mapOperands(inst, (reg) => regs[i++] ?? reg));
}

export function printVCode(vcode: VCode<X64Inst>): string {
  return printVCodeText(vcode, formatInst, regName);
}
