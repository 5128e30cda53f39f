/** @mewz/platform-qemu-x86_64: the `qemu-x86_64` platform (PVH boot, QEMU microvm/q35). */
export { qemuX86_64Platform, MACHINE_COMPONENT } from './platform.js';
export * from './memory-map.js';
export { BOOT_INFO, BOOT_INFO_SIZE } from './boot-info.js';
export { qemuLayout, SYMBOLS, CPU_TABLES, SELECTORS, EXCEPTION_STACK_SIZE, PAGE, XEN_ELFNOTE_PHYS32_ENTRY } from './layout.js';
export { bootStub } from './boot-stub.js';
export { boot32, LONG_MODE_ENTRY } from './boot32.js';
export { boot64, stackMargin } from './boot64.js';
export { trapStub } from './trap-stub.js';
export { vectorStubs, vectorKind, VECTORS, VECTORS_END, VECTOR_STUB_SIZE, EXCEPTION_PATH, INTERRUPT_PATH, EXCEPTION_ENTRY, ERROR_CODE_VECTORS, IST_VECTORS, TIMER_VECTOR, IRQ_FIRST, IRQ_COUNT, SPURIOUS_VECTOR } from './vectors.js';
export { endMachine, writePort, DEBUGCON_PORT, DEBUG_EXIT_PORT, COM1_PORT, COM2_PORT } from './machine-exit.js';
export { qemuCommand, MACHINES, type Machine } from './qemu-command.js';
// Shared by every QEMU platform (core's unikernel-run.ts); re-exported under the names this package always had.
export { unikernelExitStatus as exitStatus, kernelCommandLine, percentEncode, inheritedStderrKind, type StderrKind } from '@mewz/core';
export { qemuX86_64Machine, MACHINE_SERVICES } from './machine-component.js';
