// The unikernel suite's ISAs: which platform package boots the images, its QEMU binary and
// its machine types. The platform is loaded by name at run time, so that the other suites
// work while a platform package is not built.
export interface UnikernelTarget {
  isa: 'x86_64' | 'aarch64';
  /** The platform package and the PlatformPlugin it exports. */
  specifier: string;
  exportName: string;
  /** The QEMU that boots the images, and the Debian package that has it. */
  qemu: string;
  qemuPackage: string;
  defaultMachines: string;
}

export const UNIKERNEL_X86_64: UnikernelTarget = {
  isa: 'x86_64',
  specifier: '@mewz/platform-qemu-x86_64',
  exportName: 'qemuX86_64Platform',
  qemu: 'qemu-system-x86_64',
  qemuPackage: 'qemu-system-x86',
  defaultMachines: 'microvm,q35',
};

export const UNIKERNEL_AARCH64: UnikernelTarget = {
  isa: 'aarch64',
  specifier: '@mewz/platform-qemu-aarch64',
  exportName: 'qemuAarch64Platform',
  qemu: 'qemu-system-aarch64',
  qemuPackage: 'qemu-system-arm',
  defaultMachines: 'virt',
};
