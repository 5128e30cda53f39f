import { type BlockCall, type Inst, type IrFunction, type Terminator } from './function.js';
import { floatCondName, intCondName, MemFlags } from './ops.js';
import { trapMessage } from './types.js';

/** A readable listing of a function, the `--dump-ir` format. */
export function printFunction(func: IrFunction): string {
  const v = (x: number): string => `v${func.resolve(x)}`;
  const lines = [`function ${func.name}(${func.params.join(', ')}) -> (${func.results.join(', ')}) {`];
  for (const block of func.blocks) {
    const params = block.params.map((p) => `${v(p)}: ${func.typeOf(p)}`).join(', ');
    lines.push(`block${block.id}(${params}):`);
    for (const inst of block.insts) lines.push(`  ${printInst(func, inst, v)}`);
    if (block.term) lines.push(`  ${printTerminator(block.term, v)}`);
  }
  lines.push('}');
  return lines.join('\n');
}

function printInst(func: IrFunction, inst: Inst, v: (x: number) => string): string {
  const defs = inst.results.length > 0 ? `${inst.results.map(v).join(', ')} = ` : '';
  const type = inst.results.length > 0 ? `.${func.typeOf(inst.results[0])}` : '';
  const parts = inst.args.map(v);
  switch (inst.op) {
    case 'const':
      parts.push(formatConst(func.typeOf(inst.results[0]), inst.bits));
      break;
    case 'icmp':
      parts.unshift(intCondName[inst.imm]);
      break;
    case 'fcmp':
      parts.unshift(floatCondName[inst.imm]);
      break;
    case 'load':
    case 'store':
      parts.push(`+${inst.imm}`, `${MemFlags.signed(inst.flags) ? 's' : ''}${MemFlags.width(inst.flags) * 8}`);
      break;
    case 'heap_addr':
    case 'sext':
      parts.push(String(inst.imm));
      break;
    case 'trapz':
    case 'trapnz':
      parts.push(`"${trapMessage[inst.imm as keyof typeof trapMessage]}"`);
      break;
    case 'call':
    case 'intrinsic':
    case 'symbol_addr':
      parts.unshift(inst.sym);
      break;
  }
  return `${defs}${inst.op}${type} ${parts.join(', ')}`.trimEnd();
}

function formatConst(type: string, bits: bigint): string {
  switch (type) {
    case 'f32':
      return `${new Float32Array(new Uint32Array([Number(bits)]).buffer)[0]} (0x${bits.toString(16)})`;
    case 'f64':
      return `${new Float64Array(new BigUint64Array([bits]).buffer)[0]} (0x${bits.toString(16)})`;
    case 'v128':
      return `0x${bits.toString(16).padStart(32, '0')}`;
    default:
      return bits >= 1n << 63n ? `0x${bits.toString(16)}` : bits.toString();
  }
}

function printTerminator(term: Terminator, v: (x: number) => string): string {
  const call = (c: BlockCall): string => `block${c.block.id}(${c.args.map(v).join(', ')})`;
  switch (term.kind) {
    case 'jump':
      return `jump ${call(term.target)}`;
    case 'br_if':
      return `br_if ${v(term.cond)}, ${call(term.then)}, ${call(term.else)}`;
    case 'br_table':
      return `br_table ${v(term.index)}, [${term.targets.map(call).join(', ')}], ${call(term.default)}`;
    case 'return':
      return `return ${term.values.map(v).join(', ')}`.trimEnd();
    case 'trap':
      return `trap "${trapMessage[term.code]}"`;
  }
}
