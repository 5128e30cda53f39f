import type { Allocation, Edit, Location } from '../machine/allocation.js';
import type { MachineIsa, Operand } from '../machine/isa.js';
import { PREG_LIMIT, type Reg } from '../machine/regs.js';
import type { VCode } from '../machine/vcode.js';

/**
 * A readable listing of an allocated function (for `--dump-asm` and test failures): the
 * frame, then every block with its copies and instructions. `formatInst` prints an
 * instruction with its allocated registers; without it, each operand is shown as
 * `vreg→register`.
 */
export function printAllocation<I, A>(
  vcode: VCode<I>,
  alloc: Allocation,
  isa: MachineIsa<I, A>,
  formatInst?: (inst: I, regs: readonly Reg[]) => string,
): string {
  const name = (r: Reg): string => (r >= PREG_LIMIT ? `v${r}` : isa.regs.name(r));
  const loc = (l: Location): string => ('reg' in l ? isa.regs.name(l.reg) : `slot${l.slot}`);
  const f = alloc.frame;
  const lines = [
    `function ${vcode.name}: frame ${f.size} bytes, outgoing ${f.outgoingArgs}, saved [${f.savedRegs.map(name).join(', ')}], ` +
      `spill slots [${f.spillOffsets.map((o, s) => `slot${s}@${o}`).join(', ')}], stack slots [${f.slotOffsets.join(', ')}]`,
  ];
  const edits = (label: string, list: readonly Edit[] | undefined): void => {
    for (const e of list ?? []) lines.push(`    ${label}${loc(e.dst)} <- ${loc(e.src)}  (${e.cls})`);
  };
  const ops: Operand[] = [];
  vcode.blocks.forEach((block, b) => {
    lines.push(`  block${b}(${block.params.map(name).join(', ')}):`);
    edits('[start] ', alloc.blockStart[b]);
    block.insts.forEach((inst, i) => {
      edits('', alloc.before[b][i]);
      if (i === block.insts.length - 1) edits('[end] ', alloc.blockEnd[b]);
      const regs = alloc.regs[b][i];
      if (formatInst !== undefined) {
        lines.push(`    ${formatInst(inst, regs)}`);
      } else {
        ops.length = 0;
        isa.operands(inst, ops);
        lines.push(`    inst ${ops.map((op, k) => `${op.kind} ${name(op.reg)}→${name(regs[k])}`).join(', ')}`);
      }
    });
    if (block.succs.length > 0) {
      lines.push(`    => ${block.succs.map((s) => `block${s.block}(${s.args.map(name).join(', ')})`).join(', ')}`);
    }
  });
  return lines.join('\n');
}
