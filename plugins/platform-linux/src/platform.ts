import { existsSync } from 'node:fs';
import { arch, platform as hostPlatform } from 'node:os';
import { delimiter, join } from 'node:path';
import { type LayoutRequest, type LayoutSpec, type PlatformPlugin, type RunRequest, standardLayout } from '@mewz/core';
import { checkIsa, LINUX_ISAS, linuxMemoryMap, loadAddressOf, pageSizeOf } from './memory-map.js';
import { linuxRuntime } from './runtime-component.js';
import { stubsFor } from './stubs.js';

/** Node's name for each ISA this platform builds, to tell whether the host runs it directly. */
const NODE_ARCH: Readonly<Record<string, string>> = Object.freeze({ x86_64: 'x64', aarch64: 'arm64' });

/**
 * How an executable for `isa` runs on this host: itself on a Linux host of that ISA,
 * otherwise under QEMU's user-mode emulator (`qemu-<isa>`, Debian package qemu-user),
 * which gives the program the same argv, environment, stdio and exit status.
 */
export function hostRunner(isa: string, host: { os: string; arch: string } = { os: hostPlatform(), arch: arch() }): { command: string; args: string[] } | undefined {
  checkIsa(isa);
  if (host.os === 'linux' && host.arch === NODE_ARCH[isa]) return undefined;
  // Compiled x86_64 code assumes LZCNT and BMI1, which QEMU's default x86_64 CPU lacks.
  return { command: onPath(`qemu-${isa}`), args: isa === 'x86_64' ? ['-cpu', 'max'] : [] };
}

/**
 * The absolute path of `name` on the runner's PATH (the bare name when absent, which fails
 * to start with its name in the error): the process gets the app's environment only, whose
 * PATH (if any) is not where the emulator should be looked up.
 */
function onPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  }
  return name;
}

/**
 * Static Linux executables: ELF at 0x400000 with the headers in the first segment, the
 * stack in .bss (its symbols are what the boot stub uses), the kernel window mapped by
 * `_start` below the image, and `run` is exec (or qemu-user for a foreign ISA).
 */
const platform: PlatformPlugin = {
  kind: 'platform' as const,
  name: 'linux',
  apiVersion: 1 as const,
  description: 'static Linux executables (run directly, or under qemu-user for another ISA)',
  isas: LINUX_ISAS,
  memoryMap: linuxMemoryMap,
  imageFormat: Object.freeze({ container: 'elf64' as const, entry: 'linux-exec', gnuStack: true }),
  components: Object.freeze([linuxRuntime.name]),
  layout(isa: string, request: LayoutRequest): LayoutSpec {
    return standardLayout({ base: loadAddressOf(isa), pageSize: pageSizeOf(isa), headersInFirstSegment: true, stackSize: request.stackSize });
  },
  bootStub(asm, context) {
    stubsFor(context.isa).boot(asm, context);
  },
  trapStub(asm, context) {
    stubsFor(context.isa).trap(asm);
  },
  builtinStubs(asm, context) {
    stubsFor(context.isa).builtins(asm);
  },
  // Linux sets argv[0] to the path it executes; the app's own name comes from the request.
  // qemu-user takes it with -0 and passes the rest of its arguments to the program.
  run: (request: RunRequest) => {
    const emulator = hostRunner(request.isa);
    const common = {
      env: { ...request.env },
      stdin: 'inherit' as const,
      exitStatus: (code: number | null, signal: string | null) => code ?? new Error(`the app was killed by ${signal ?? 'a signal'}`),
    };
    if (emulator === undefined) return { command: request.image, args: request.args.slice(1), argv0: request.args[0], ...common };
    const argv0 = request.args[0] === undefined ? [] : ['-0', request.args[0]];
    return { command: emulator.command, args: [...emulator.args, ...argv0, request.image, ...request.args.slice(1)], ...common };
  },
};

export const linuxPlatform: PlatformPlugin = Object.freeze(platform);
