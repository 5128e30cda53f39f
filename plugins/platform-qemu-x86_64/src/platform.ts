import { type Assembler, memoryBuiltins } from '@mewz/backend-x86_64';
import { type LayoutRequest, type LayoutSpec, PLATFORM_SYMBOLS, type PlatformPlugin } from '@mewz/core';
import { bootStub } from './boot-stub.js';
import { qemuLayout } from './layout.js';
import { qemuMemoryMap } from './memory-map.js';
import { MACHINES, qemuCommand } from './qemu-command.js';
import { trapStub } from './trap-stub.js';
import { EXCEPTION_ENTRY } from './vectors.js';

const ISAS = ['x86_64'] as const;

function checkIsa(isa: string): void {
  if (!(ISAS as readonly string[]).includes(isa)) throw new Error(`the qemu-x86_64 platform supports ${ISAS.join(', ')}, not ${isa}`);
}

/** Names of the kernel components every image of this platform has. */
export const MACHINE_COMPONENT = 'qemu-x86_64-machine';

/**
 * x86_64 unikernel images booted through PVH: ELF at 5 MiB with the Xen PVH entry note,
 * run by QEMU (`microvm` by default, or `q35`); the same image boots on Firecracker and
 * cloud-hypervisor, which read the same note.
 */
const platform: PlatformPlugin<Assembler> = {
  kind: 'platform' as const,
  name: 'qemu-x86_64',
  apiVersion: 1 as const,
  description: 'x86_64 unikernel images booted through PVH (QEMU microvm or q35)',
  isas: ISAS,
  memoryMap: qemuMemoryMap,
  imageFormat: Object.freeze({ container: 'elf64' as const, entry: 'pvh' }),
  components: Object.freeze([MACHINE_COMPONENT, 'kernel', 'kernel-mm']),
  machines: MACHINES,
  kernelEntries: Object.freeze([Object.freeze({ symbol: EXCEPTION_ENTRY, export: 'mewz_exception', params: Object.freeze(['i32', 'i64', 'i64', 'i64'] as const), results: Object.freeze([] as const) })]),
  layout(isa: string, request: LayoutRequest): LayoutSpec {
    return qemuLayout(isa, request);
  },
  bootStub(asm, context) {
    checkIsa(context.isa);
    bootStub(asm, context);
  },
  trapStub(asm, context) {
    checkIsa(context.isa);
    trapStub(asm);
  },
  builtinStubs(asm, context) {
    checkIsa(context.isa);
    memoryBuiltins(asm, { memmove: PLATFORM_SYMBOLS.memmove, memset: PLATFORM_SYMBOLS.memset });
  },
  run: (request) => qemuCommand(request),
};

export const qemuX86_64Platform: PlatformPlugin<Assembler> = Object.freeze(platform);
