/**
 * EL2 system registers the boot stub writes when it is entered at EL2 (the backend's table
 * has the EL1/EL0 ones): encodings (op0, op1, CRn, CRm, op2) from the Arm ARM.
 */
import type { SystemRegister } from '@mewz/backend-aarch64';

const reg = (name: string, op1: number, crn: number, crm: number, op2: number): SystemRegister => Object.freeze({ name, op0: 3, op1, crn, crm, op2 });

export const HCR_EL2 = reg('hcr_el2', 4, 1, 1, 0);
export const SPSR_EL2 = reg('spsr_el2', 4, 4, 0, 0);
export const ELR_EL2 = reg('elr_el2', 4, 4, 0, 1);
export const CNTHCTL_EL2 = reg('cnthctl_el2', 4, 14, 1, 0);
export const CNTVOFF_EL2 = reg('cntvoff_el2', 4, 14, 0, 3);

/** Instructions the assembler has no method for, as words. */
export const WORDS = {
  /** msr spsel, #0: the stack pointer becomes SP_EL0 (exceptions still switch to SP_EL1). */
  spselZero: 0xd500_40bf,
  /** tlbi vmalle1: drops every EL1 translation. */
  tlbiVmalle1: 0xd508_871f,
  /** hlt #0xf000: an Arm semihosting call (x0 operation, x1 parameter, result in x0). */
  semihostingCall: 0xd45e_0000,
  /** hvc #0 (PSCI through the hypervisor conduit). */
  hvc0: 0xd400_0002,
} as const;
