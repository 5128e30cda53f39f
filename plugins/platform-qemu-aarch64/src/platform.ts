import { type Assembler, memoryBuiltins } from '@mewz/backend-aarch64';
import { type LayoutRequest, type LayoutSpec, PLATFORM_SYMBOLS, type PlatformPlugin } from '@mewz/core';
import { bootStub } from './boot-stub.js';
import { qemuAarch64Layout } from './layout.js';
import { qemuAarch64MemoryMap } from './memory-map.js';
import { MACHINES, qemuCommand } from './qemu-command.js';
import { trapStub } from './trap-stub.js';
import { EXCEPTION_ENTRY } from './vectors.js';

const ISAS = ['aarch64'] as const;

function checkIsa(isa: string): void {
  if (!(ISAS as readonly string[]).includes(isa)) throw new Error(`the qemu-aarch64 platform supports ${ISAS.join(', ')}, not ${isa}`);
}

/** The machine component every image of this platform has. */
export const MACHINE_COMPONENT = 'qemu-aarch64-machine';

/**
 * aarch64 unikernel images: an ELF linked at RAM + 6 MiB whose first bytes are the arm64
 * image header, entered at EL1 (or EL2, dropped to EL1), run by QEMU's `virt` machine.
 */
const platform: PlatformPlugin<Assembler> = {
  kind: 'platform' as const,
  name: 'qemu-aarch64',
  apiVersion: 1 as const,
  description: 'aarch64 unikernel images with the arm64 image header (QEMU virt)',
  isas: ISAS,
  memoryMap: qemuAarch64MemoryMap,
  imageFormat: Object.freeze({ container: 'elf64' as const, entry: 'arm64-image' }),
  components: Object.freeze([MACHINE_COMPONENT, 'kernel', 'kernel-mm']),
  machines: MACHINES,
  kernelEntries: Object.freeze([Object.freeze({ symbol: EXCEPTION_ENTRY, export: 'mewz_exception', params: Object.freeze(['i32', 'i64', 'i64', 'i64'] as const), results: Object.freeze([] as const) })]),
  layout(isa: string, request: LayoutRequest): LayoutSpec {
    return qemuAarch64Layout(isa, request);
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

export const qemuAarch64Platform: PlatformPlugin<Assembler> = Object.freeze(platform);
