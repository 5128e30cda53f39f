import { arch, platform as hostPlatform } from 'node:os';
import { type Assembler as X86Assembler, x86_64Backend } from '@mewz/backend-x86_64';
import type { Assembler, BackendPlugin, ComponentPlugin, PlatformPlugin } from '@mewz/core';
import { CATCH_FRAME_SYMBOL, CATCH_SYMBOL, catchStubs, linuxPlatform, linuxRuntime } from '@mewz/platform-linux';

/**
 * What `--target` selects for native runs, in one value: the backend, the platform and
 * its runtime components, the trap catcher that replaces the platform's trap stub, and
 * how the executable runs on this host (exec; qemu-user for a foreign ISA later).
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

const x86_64Linux: NativeTarget<X86Assembler> = {
  name: 'x86_64',
  backend: x86_64Backend,
  platform: linuxPlatform,
  runtime: [linuxRuntime],
  elfMachine: 'x86_64',
  catchStubs,
  catchSymbol: CATCH_SYMBOL,
  catchFrameSymbol: CATCH_FRAME_SYMBOL,
  unavailable: () => (hostPlatform() === 'linux' && arch() === 'x64' ? undefined : `x86_64 Linux executables need an x86_64 Linux host (this is ${hostPlatform()} ${arch()})`),
  command: (image) => ({ command: image, args: [] }),
};

export const NATIVE_TARGETS: Readonly<Record<string, NativeTarget>> = Object.freeze({ x86_64: x86_64Linux });

export function nativeTarget(name: string | undefined): NativeTarget {
  if (name === undefined) throw new Error(`--mode=run needs --target (one of ${Object.keys(NATIVE_TARGETS).join(', ')})`);
  const target = NATIVE_TARGETS[name];
  if (target === undefined) throw new Error(`unknown target "${name}" (known: ${Object.keys(NATIVE_TARGETS).join(', ')})`);
  return target;
}
