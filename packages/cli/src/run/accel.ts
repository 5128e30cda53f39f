// `--accel auto|tcg|kvm`: how QEMU runs guest code.
import { accessSync, constants, readFileSync } from 'node:fs';

export type AccelChoice = 'auto' | 'tcg' | 'kvm';
export const ACCEL_CHOICES: readonly AccelChoice[] = ['auto', 'tcg', 'kvm'];

/** What the choice depends on, gathered by `hostAccelFacts` (tests pass their own). */
export interface AccelFacts {
  /** /dev/kvm can be opened read-write; otherwise why not. */
  readonly kvm: true | string;
  /** The host is itself a virtual machine (the CPU reports the "hypervisor" flag). */
  readonly hostIsVm: boolean;
  /** The host's ISA as in target triples (x86_64, aarch64), or Node's name for others. */
  readonly hostIsa: string;
}

/**
 * The accelerator for a guest of `isa`. `auto` takes KVM only when it can work (usable
 * /dev/kvm, same ISA) and the host is not a VM: KVM inside a VM is nested virtualisation,
 * whose every guest exit goes through the outer hypervisor; for short runs that is often
 * slower than TCG and it fails in ways TCG does not, so TCG is the predictable choice.
 * An explicit `kvm` that cannot work is an Error saying why.
 */
export function chooseAccel(requested: AccelChoice, isa: string, facts: AccelFacts): 'tcg' | 'kvm' | Error {
  if (requested === 'tcg') return 'tcg';
  const problem = facts.kvm !== true ? facts.kvm : facts.hostIsa !== isa ? `the guest is ${isa} and this host is ${facts.hostIsa}` : undefined;
  if (requested === 'kvm') return problem === undefined ? 'kvm' : new Error(`--accel kvm: ${problem}; use --accel tcg`);
  return problem === undefined && !facts.hostIsVm ? 'kvm' : 'tcg';
}

const NODE_ARCH_ISA: Readonly<Record<string, string>> = { x64: 'x86_64', arm64: 'aarch64' };

/** The facts of this machine. */
export function hostAccelFacts(): AccelFacts {
  return { kvm: kvmUsable(), hostIsVm: hostIsVm(), hostIsa: NODE_ARCH_ISA[process.arch] ?? process.arch };
}

function kvmUsable(): true | string {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'there is no /dev/kvm' : `/dev/kvm is not usable (${code ?? String(error)})`;
  }
}

/** x86 CPUs under a hypervisor set the "hypervisor" cpuid bit, which Linux lists in flags. */
function hostIsVm(): boolean {
  try {
    return cpuinfoSaysVm(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return false;
  }
}

export function cpuinfoSaysVm(cpuinfo: string): boolean {
  return /^flags\s*:.*\bhypervisor\b/m.test(cpuinfo);
}
