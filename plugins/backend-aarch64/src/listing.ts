/**
 * aarch64's style of the shared machine-code listing (@mewz/compiler): 4-byte
 * instructions, and only jump tables after the code (constants are built in registers).
 */
import { type DecodedInst, type ListingStyle, type MachineCode, machineCodeListing as listMachineCode } from '@mewz/compiler';

const style: ListingStyle = { maxBytesColumn: 4, dataName: 'jump tables', dataHeading: 'jump tables' };

/**
 * `decoded` is the disassembly of `code.code` up to `codeSize` (undefined when there is
 * no disassembler, and `note` says why).
 */
export function machineCodeListing(code: MachineCode, decoded: readonly DecodedInst[] | undefined, note?: string): string {
  return listMachineCode(code, decoded, style, note);
}
