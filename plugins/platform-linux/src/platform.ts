import type { Assembler } from '@mewz/backend-x86_64';
import { type LayoutRequest, type LayoutSpec, type PlatformPlugin, standardLayout } from '@mewz/core';
import { linuxMemoryMap, LOAD_ADDRESS } from './memory-map.js';
import { linuxRuntime } from './runtime-component.js';
import { bootStub, builtinStubs, trapStub } from './x86_64-stubs.js';

const ISAS = ['x86_64'] as const;

function checkIsa(isa: string): void {
  if (!(ISAS as readonly string[]).includes(isa)) throw new Error(`the linux platform supports ${ISAS.join(', ')}, not ${isa}`);
}

/**
 * Static Linux executables: ELF at 0x400000 with the headers in the first segment, the
 * stack in .bss (its symbols are what the boot stub uses), the kernel window mapped by
 * `_start` below the image, and `run` is exec.
 */
const platform: PlatformPlugin<Assembler> = {
  kind: 'platform' as const,
  name: 'linux',
  apiVersion: 1 as const,
  description: 'static Linux executables (run directly, no VM)',
  isas: ISAS,
  memoryMap: linuxMemoryMap,
  imageFormat: Object.freeze({ container: 'elf64' as const, entry: 'linux-exec', gnuStack: true }),
  components: Object.freeze([linuxRuntime.name]),
  layout(isa: string, request: LayoutRequest): LayoutSpec {
    checkIsa(isa);
    return standardLayout({ base: LOAD_ADDRESS, headersInFirstSegment: true, stackSize: request.stackSize });
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
    builtinStubs(asm);
  },
  // Linux sets argv[0] to the path it executes; the app's own name comes from the request.
  run: (request) => ({
    command: request.image,
    args: request.args.slice(1),
    argv0: request.args[0],
    env: { ...request.env },
    stdin: 'inherit' as const,
    exitStatus: (code, signal) => code ?? new Error(`the app was killed by ${signal ?? 'a signal'}`),
  }),
};

export const linuxPlatform: PlatformPlugin<Assembler> = Object.freeze(platform);
