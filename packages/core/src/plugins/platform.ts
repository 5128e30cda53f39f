import type { Assembler } from './assembler.js';
import type { BackendPlugin } from './backend.js';
import type { PluginBase } from './plugin.js';

/** One address range of the machine as the image sees it. */
export interface MemoryRegion {
  readonly name: string;
  readonly base: bigint;
  readonly size: bigint;
  readonly type: 'ram' | 'mmio' | 'reserved';
}

export interface MemoryMap {
  /** Where the loader puts the image (its first loadable segment). */
  readonly loadAddress: bigint;
  readonly regions: readonly MemoryRegion[];
}

/** What the linker writes and how a loader enters it. */
export interface ImageFormat {
  /** The file the linker writes. */
  readonly container: 'elf64';
  /**
   * How the image is entered: `pvh` (x86-64 QEMU `-kernel`, Firecracker), `arm64-image`
   * (the arm64 Linux image header), `linux-exec` (a Linux user-space executable).
   */
  readonly entry: string;
}

/** What the build passes to stub generators. */
export interface StubContext<A extends Assembler = Assembler> {
  readonly isa: string;
  readonly backend: BackendPlugin<A>;
  readonly memoryMap: MemoryMap;
}

/** A process to start; the runner adds nothing. */
export interface RunCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunRequest {
  /** Path of the built image. */
  readonly image: string;
  readonly isa: string;
  /** Guest RAM in bytes the runner should give the machine. */
  readonly memory: number;
}

/**
 * A machine and boot protocol. `A` is the assembler type its stubs are written against:
 * a platform for one ISA names the instructions of that ISA's backend.
 */
export interface PlatformPlugin<A extends Assembler = Assembler> extends PluginBase<'platform'> {
  /** The ISAs it can boot, as in target triples. */
  readonly isas: readonly string[];
  memoryMap(isa: string): MemoryMap;
  readonly imageFormat: ImageFormat;
  /** The kernel components (device drivers and the like) this machine needs, by name. */
  readonly components: readonly string[];
  /** Writes the image entry point (machine setup up to the call into the kernel) into `asm`. */
  bootStub(asm: A, context: StubContext<A>): void;
  /** Writes the trap/interrupt entry that saves state and calls the kernel's trap path. */
  trapStub(asm: A, context: StubContext<A>): void;
  /** The command that runs an image: a `qemu-system-*` line, or the image itself. */
  run(request: RunRequest): RunCommand;
}
