import { type Assembler as A64Assembler, aarch64Backend } from '@mewz/backend-aarch64';
import { type Assembler as X86Assembler, x86_64Backend } from '@mewz/backend-x86_64';
import type { Assembler, BackendPlugin, ComponentPlugin, PlatformPlugin } from '@mewz/core';
import { CATCH_FRAME_SYMBOL, CATCH_SYMBOL, hostRunner, linuxPlatform, linuxRuntime, stubsFor } from '@mewz/platform-linux';
import { spawnSync } from 'node:child_process';

/**
 * What `--target` selects for native runs, in one value: the backend, the platform and
 * its runtime components, the trap catcher that replaces the platform's trap stub, and
 * how the executable runs on this host (exec, or qemu-user for a foreign ISA).
 */
export interface NativeTarget<A extends Assembler = Assembler> {
  readonly name: string;
  readonly backend: BackendPlugin<A>;
  readonly platform: PlatformPlugin<A>;
  /** Kernel components of the platform's runtime (memory and table builtins, platform services). */
  readonly runtime: readonly ComponentPlugin[];
  readonly elfMachine: 'x86_64' | 'aarch64';
  /** Writes the catch entry (`catchSymbol`) and a catching `__mewz_trap`. */
  catchStubs(asm: A): void;
  readonly catchSymbol: string;
  /** The catcher's state: 8 zeroed writable bytes the image defines. */
  readonly catchFrameSymbol: string;
  /** Why this host cannot run the target's executables, if it cannot. */
  unavailable(): string | undefined;
  /** The command that runs a built executable. */
  command(image: string): { command: string; args: string[] };
}

/** The linux platform's executables for `isa`, run the way its `run` would (natively or under qemu-user). */
function linuxTarget<A extends Assembler>(isa: 'x86_64' | 'aarch64', backend: BackendPlugin<A>): NativeTarget<A> {
  return {
    name: isa,
    backend,
    platform: linuxPlatform as unknown as PlatformPlugin<A>,
    runtime: [linuxRuntime],
    elfMachine: isa,
    catchStubs: (asm) => stubsFor(isa).catching(asm),
    catchSymbol: CATCH_SYMBOL,
    catchFrameSymbol: CATCH_FRAME_SYMBOL,
    unavailable: () => {
      if (process.platform !== 'linux') return `${isa} Linux executables need a Linux host (this is ${process.platform})`;
      const emulator = hostRunner(isa);
      if (emulator === undefined) return undefined;
      const probe = spawnSync(emulator.command, ['--version']);
      return probe.status === 0 ? undefined : `${isa} Linux executables need an ${isa} host or ${emulator.command} (Debian package qemu-user)`;
    },
    command: (image) => {
      const emulator = hostRunner(isa);
      return emulator === undefined ? { command: image, args: [] } : { command: emulator.command, args: [...emulator.args, image] };
    },
  };
}

export const NATIVE_TARGETS: Readonly<Record<string, NativeTarget>> = Object.freeze({
  x86_64: linuxTarget<X86Assembler>('x86_64', x86_64Backend) as unknown as NativeTarget,
  aarch64: linuxTarget<A64Assembler>('aarch64', aarch64Backend) as unknown as NativeTarget,
});

export function nativeTarget(name: string | undefined): NativeTarget {
  if (name === undefined) throw new Error(`--mode=run needs --target (one of ${Object.keys(NATIVE_TARGETS).join(', ')})`);
  const target = NATIVE_TARGETS[name];
  if (target === undefined) throw new Error(`unknown target "${name}" (known: ${Object.keys(NATIVE_TARGETS).join(', ')})`);
  return target;
}
