/** VCode as text for `mewz dump --dump-vcode`; the ISA formats its instructions and registers. */
import type { Reg } from './regs.js';
import type { VCode } from './vcode.js';

/** Blocks with their parameters, instructions and successors, then stack slots and outgoing-argument bytes. */
export function printVCode<I>(vcode: VCode<I>, formatInst: (inst: I) => string, regName: (r: Reg) => string): string {
  const lines = [`vcode ${vcode.name} {`];
  vcode.blocks.forEach((b, i) => {
    lines.push(`block${i}(${b.params.map(regName).join(', ')}):`);
    for (const inst of b.insts) lines.push(`  ${formatInst(inst)}`);
    if (b.succs.length > 0) lines.push(`  ; succs ${b.succs.map((s) => `block${s.block}(${s.args.map(regName).join(', ')})`).join(', ')}`);
  });
  if (vcode.stackSlots.length > 0) lines.push(`; slots ${vcode.stackSlots.map((s) => `${s.size}/${s.align}`).join(', ')}`);
  if (vcode.outgoingArgs > 0) lines.push(`; outgoing ${vcode.outgoingArgs}`);
  lines.push('}');
  return lines.join('\n');
}
