/** @mewz/platform-qemu-aarch64: the `qemu-aarch64` platform (arm64 image header, QEMU virt). */
export { qemuAarch64Platform, MACHINE_COMPONENT } from './platform.js';
export * from './memory-map.js';
export { BOOT_INFO, BOOT_INFO_SIZE, DOORBELL_KIND } from './boot-info.js';
export { qemuAarch64Layout, SYMBOLS, BOOT_SECTION, EXCEPTION_STACK_SIZE, PAGE } from './layout.js';
export { bootStub, stackMargin, BOOT_ENTRY, SCTLR_ON, MAIR, TCR, DESC } from './boot-stub.js';
export { arm64Header, parseArm64Header, ARM64_HEADER, ARM64_MAGIC, ARM64_FLAGS, L3_TABLE_ROOM } from './arm64-header.js';
export { flatImage } from './flat-image.js';
export { trapStub } from './trap-stub.js';
export { vectorTable, vectorKind, VECTORS, VECTOR_ENTRY_SIZE, EXCEPTION_ENTRY } from './vectors.js';
export { endMachine, END_MACHINE, SEMIHOSTING, EXIT_CODES } from './machine-exit.js';
export { qemuCommand, MACHINES, type Machine } from './qemu-command.js';
// Shared by every QEMU platform (core's unikernel-run.ts); re-exported under the names this package always had.
export { unikernelExitStatus as exitStatus, kernelCommandLine, percentEncode, inheritedStderrKind, type StderrKind } from '@mewz/core';
export { qemuAarch64Machine, MACHINE_SERVICES } from './machine-component.js';
