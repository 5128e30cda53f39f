/**
 * x86_64's style of the shared machine-code listing (@mewz/compiler): long instructions,
 * a constant pool and jump tables after the code, and RIP-relative operands resolved to
 * the offset they point at.
 */
import { type DecodedInst, type ListingStyle, type MachineCode, machineCodeListing as listMachineCode } from '@mewz/compiler';

const style: ListingStyle = {
  maxBytesColumn: 10,
  dataName: 'constants and jump tables',
  dataHeading: 'constant pool and jump tables',
  annotate: (inst, at) => {
    const target = ripTarget(inst);
    return target === undefined ? '' : `  ; rip → ${at(target)}`;
  },
};

/**
 * `decoded` is the disassembly of `code.code` up to `codeSize` (undefined when there is
 * no disassembler, and `note` says why).
 */
export function machineCodeListing(code: MachineCode, decoded: readonly DecodedInst[] | undefined, note?: string): string {
  return listMachineCode(code, decoded, style, note);
}

/** Where a RIP-relative operand points (the constant pool, a jump table): capstone shows only the displacement. */
function ripTarget(inst: DecodedInst): number | undefined {
  const m = /\[rip ([+-]) 0x([0-9a-f]+)\]/.exec(inst.text);
  if (m === null) return undefined;
  const disp = parseInt(m[2], 16);
  return inst.offset + inst.size + (m[1] === '+' ? disp : -disp);
}
